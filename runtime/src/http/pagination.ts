import { z } from 'zod';

/** Query fields `page` (from 1) and `pageSize` (1–200, default 20) of paginated lists. */
export const pageQuery = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};

/** The `{ items, total, page, pageSize }` envelope of a paginated list. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

/** `LIMIT ? OFFSET ?` parameters for a page. */
export function limitOffset(q: { page: number; pageSize: number }): [number, number] {
  return [q.pageSize, (q.page - 1) * q.pageSize];
}
