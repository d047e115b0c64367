import type { AuthContext } from '../../http/AuthContext';
import type { CommandContext } from '../core/CommandContext';
import { forbidden, notFound, optimisticLocking } from '../core/EngineRestError';
import type { UserTaskRow } from '../persistence/rows';

/** Loads a user task or throws 404 RestException. */
export async function requireUserTask(ctx: CommandContext, id: string): Promise<UserTaskRow> {
  const [row] = await ctx.tx.query<UserTaskRow>(`SELECT * FROM user_task WHERE id = ?`, [id]);
  if (!row) throw notFound('task.not_found', `Cannot find task with id ${id}: task is null`);
  row.revision = Number(row.revision);
  return row;
}

/** Updates a user task row with its revision check. */
export async function updateUserTask(ctx: CommandContext, task: UserTaskRow, set: string, params: unknown[]): Promise<void> {
  const affected = await ctx.tx.execute(`UPDATE user_task SET ${set}, revision = revision + 1 WHERE id = ? AND revision = ?`, [...params, task.id, task.revision]);
  if (affected !== 1) throw optimisticLocking(`Task[${task.id}]`);
}

/** The candidate groups of a SafeFlow user are the role keys of their memberships. */
export function groupsOf(auth: AuthContext): string[] {
  return [...new Set(auth.memberships.map((m) => m.roleKey))];
}

/** Is the caller an operator (platform admin or `engine.operate`), who may act on any visible task? */
export function isOperator(auth: AuthContext): boolean {
  return auth.platformAdmin || auth.memberships.some((m) => m.permissions.includes('engine.operate'));
}

/**
 * Claim rules for people without `engine.operate`: they need `task.work`, and
 * the task must be theirs (assignee), or unassigned with them among its
 * candidates (directly or through a role), or unassigned without candidates.
 * Otherwise 403 AuthorizationException.
 */
export function assertMayWork(auth: AuthContext, task: UserTaskRow, opts: { allowAssignedToOther?: boolean } = {}): void {
  if (isOperator(auth)) return;
  if (!auth.memberships.some((m) => m.permissions.includes('task.work'))) {
    throw forbidden(`The user '${auth.username}' does not have 'task.work' permission on task '${task.id}'`);
  }
  if (task.assignee === auth.username) return;
  if (task.assignee && opts.allowAssignedToOther) return;
  const users = JSON.parse(task.candidate_users ?? '[]') as string[];
  const groups = JSON.parse(task.candidate_groups ?? '[]') as string[];
  const candidate =
    (users.length === 0 && groups.length === 0) || users.includes(auth.username) || groupsOf(auth).some((g) => groups.includes(g));
  if (!task.assignee && candidate) return;
  throw forbidden(`The user '${auth.username}' is not allowed to work on task '${task.id}'`);
}
