/** Is `err` a unique-constraint violation (SQLite `SQLITE_CONSTRAINT_UNIQUE` / `_PRIMARYKEY`, MySQL `ER_DUP_ENTRY`)? */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; driverError?: { code?: string }; message?: string };
  const code = e?.driverError?.code ?? e?.code ?? '';
  return (
    code === 'ER_DUP_ENTRY' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    /UNIQUE constraint failed|Duplicate entry/.test(e?.message ?? '')
  );
}
