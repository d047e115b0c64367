import { groupsOf, isOperator } from '../engine/commands/userTaskSupport';
import { forbidden } from '../engine/core/EngineRestError';
import type { AuthContext } from '../http/AuthContext';

/** Camunda's IdentityLinkDto. */
export interface IdentityLink {
  userId: string | null;
  groupId: string | null;
  type: string;
}

/**
 * SafeFlow's claim rules, checked by the platform before it completes a task
 * on a remote engine as its service user (the local engine checks them in
 * CompleteUserTaskCommand): operators always; others need `task.work` and the
 * task must be theirs, or unassigned with them (or one of their role keys)
 * among the candidates, or unassigned without candidates. Else 403 AuthorizationException.
 */
export function assertActorMayWork(actor: AuthContext, task: { id: string; assignee: string | null }, links: IdentityLink[]): void {
  if (isOperator(actor)) return;
  if (!actor.memberships.some((m) => m.permissions.includes('task.work'))) {
    throw forbidden(`The user '${actor.username}' does not have 'task.work' permission on task '${task.id}'`);
  }
  if (task.assignee === actor.username) return;
  const users = links.filter((l) => l.type === 'candidate' && l.userId).map((l) => l.userId!);
  const groups = links.filter((l) => l.type === 'candidate' && l.groupId).map((l) => l.groupId!);
  const candidate = (users.length === 0 && groups.length === 0) || users.includes(actor.username) || groupsOf(actor).some((g) => groups.includes(g));
  if (!task.assignee && candidate) return;
  throw forbidden(`The user '${actor.username}' is not allowed to work on task '${task.id}'`);
}
