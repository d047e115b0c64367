import type { AppDeps } from '../app/AppDeps';
import { BUILTIN_ROLES } from './builtinRoles';

/**
 * Inserts missing built-in roles and brings existing ones up to date
 * (names, permissions), in one transaction. Idempotent; runs at every start.
 */
export async function ensureBuiltinRoles(deps: Pick<AppDeps, 'db' | 'clock'>): Promise<void> {
  const now = deps.clock.now().getTime();
  await deps.db.transaction(async (tx) => {
    const existing = await tx.query<{
      role_key: string;
      name_zh: string;
      name_en: string;
      permissions: string;
    }>(`SELECT role_key, name_zh, name_en, permissions FROM role`);
    const byKey = new Map(existing.map((r) => [r.role_key, r]));
    for (const role of BUILTIN_ROLES) {
      const permissions = JSON.stringify(role.permissions);
      const row = byKey.get(role.key);
      if (!row) {
        await tx.execute(
          `INSERT INTO role (role_key, name_zh, name_en, permissions, builtin, created_at, updated_at, revision) VALUES (?, ?, ?, ?, 1, ?, ?, 1)`,
          [role.key, role.nameZh, role.nameEn, permissions, now, now],
        );
      } else if (
        row.name_zh !== role.nameZh ||
        row.name_en !== role.nameEn ||
        row.permissions !== permissions
      ) {
        await tx.execute(
          `UPDATE role SET name_zh = ?, name_en = ?, permissions = ?, builtin = 1, updated_at = ?, revision = revision + 1 WHERE role_key = ?`,
          [role.nameZh, role.nameEn, permissions, now, role.key],
        );
      }
    }
  });
}
