import type { z } from 'zod';
import { SafeFlowError } from '@safeflow/engine/errors';

/** One validation problem, addressed by a dotted field path (`items.3.score`). */
export interface FieldIssue {
  path: string;
  code: string;
  message: string;
}

/** Converts zod issues to SafeFlow's `details.issues` format. */
export function toFieldIssues(error: z.ZodError, prefix?: string): FieldIssue[] {
  return error.issues.map((i) => ({
    path: [prefix, ...i.path.map(String)].filter((p) => p !== undefined && p !== '').join('.'),
    code: i.code,
    message: i.message,
  }));
}

/** Parses `value` with `schema` or throws `request.invalid` (400) listing every field path. */
export function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown, where: 'body' | 'query' | 'params' | 'headers'): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = toFieldIssues(result.error, where);
  throw new SafeFlowError('request.invalid', `Invalid ${where}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, {
    status: 400,
    details: { issues },
  });
}
