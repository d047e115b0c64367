import { appendAudit, SYSTEM_ACTOR } from '../../audit/appendAudit';
import type { UnitActor, UnitAuditEntry } from '../../db/unitOfWork';
import type { AuthContext } from '../../http/AuthContext';
import type { CommandContext } from './CommandContext';

/** The actor of an engine command: the calling person or worker, else the platform itself. */
export function engineActor(auth: Pick<AuthContext, 'userId' | 'username'> | undefined, actor?: UnitActor): UnitActor {
  if (actor) return actor;
  return auth ? { actorId: auth.userId, actorName: auth.username } : SYSTEM_ACTOR;
}

/**
 * Appends the audit entry of an engine change (deploy, start, complete,
 * delete) in the command's own transaction: it commits with the change and
 * is never written when the command fails.
 */
export function auditEngineChange(ctx: CommandContext, actor: UnitActor, entry: UnitAuditEntry): Promise<void> {
  return appendAudit(ctx.tx, ctx.deps, { ...entry, actorId: actor.actorId, actorName: actor.actorName });
}
