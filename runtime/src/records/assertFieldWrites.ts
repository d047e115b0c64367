import { SafeFlowError } from '@safeflow/engine/errors';
import type { CollectionContent } from '../definitions/CollectionContent';
import { rolesAt } from '../definitions/orgContext';
import type { AuthContext } from '../http/AuthContext';

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Field-level write permissions: a field declaring `writableBy: [roles]` may
 * be set (create) or changed (update) only by a caller holding one of those
 * roles at the record's org or an ancestor — else 403
 * `record.field_forbidden` naming the fields, nothing written. Unchanged
 * values pass (an update may resend them). The platform admin and the
 * built-in workers (processes: the forms there decide) are not limited.
 */
export function assertFieldWrites(auth: AuthContext, c: CollectionContent, orgPath: string, before: Record<string, unknown> | undefined, after: Record<string, unknown>): void {
  if (auth.platformAdmin) return;
  const roles = rolesAt(auth, orgPath);
  const denied = Object.entries(c.fields)
    .filter(([k, f]) => f.writableBy && !same(before?.[k], after[k]) && !f.writableBy.some((r) => roles.includes(r)))
    .map(([k]) => k);
  if (denied.length === 0) return;
  throw new SafeFlowError('record.field_forbidden', `Your role here may not set ${denied.map((k) => `'${k}'`).join(', ')}`, {
    status: 403,
    details: { fields: denied.map((k) => ({ field: k, writableBy: c.fields[k]!.writableBy })) },
  });
}
