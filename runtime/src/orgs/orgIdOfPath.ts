/** The org id of a materialised org path (`/a/b/` → `b`); null for none or an empty path. */
export const orgIdOfPath = (path: string | null | undefined): string | null => (path ? (path.split('/').filter(Boolean).pop() ?? null) : null);
