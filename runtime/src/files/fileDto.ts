import { z } from 'zod';

/** A file's metadata as the API returns it. */
export const fileDto = z.object({
  id: z.string(),
  orgId: z.string(),
  /** Sanitised display name. */
  name: z.string(),
  size: z.number().int(),
  /** Type sniffed from the content (never the client's claim). */
  mime: z.string(),
  sha256: z.string(),
  createdBy: z.string(),
  /** ISO 8601 timestamp. */
  createdAt: z.string(),
  revision: z.number().int(),
});

export type FileDto = z.infer<typeof fileDto>;

/** A row of the `file` table. */
export interface FileRow {
  id: string;
  org_id: string;
  org_path: string;
  tenant_id: string | null;
  name: string;
  size: number | string;
  mime: string;
  sha256: string;
  storage_key: string;
  created_by: string;
  created_at: number | string;
  revision: number | string;
}

/** Maps a `file` row to its API shape. */
export function toFileDto(row: FileRow): FileDto {
  return {
    id: row.id,
    orgId: row.org_id,
    name: row.name,
    size: Number(row.size),
    mime: row.mime,
    sha256: row.sha256,
    createdBy: row.created_by,
    createdAt: new Date(Number(row.created_at)).toISOString(),
    revision: Number(row.revision),
  };
}
