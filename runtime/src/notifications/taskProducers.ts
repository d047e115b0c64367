import type { AppDeps } from '../app/AppDeps';
import { addNotification, type NotificationKind } from './NotificationStore';
import { taskRecipients, type RecipientRule, type TaskRecipientRow } from './taskRecipients';
import type { TaskNotifyKinds } from './taskNotifyKind';

/** Hours before a task's due time that its people get a due-soon notification (`NOTIFY_DUE_SOON_HOURS`, default 24). */
export const DUE_SOON_HOURS = 24;
/** Batches of one event kind per tick at most (a larger backlog is finished by the next ticks). */
const MAX_BATCHES_PER_TICK = 20;

/**
 * Makes the task notifications that are due now: assigned to me, offered to
 * me (claimable by my role in my org), due soon, overdue. Escalation tasks
 * (`notify.kind = escalation`) notify as `escalation` instead of assignment
 * or claimable. Safe on any number of nodes: each (recipient, source key) is
 * inserted once. Returns how many notifications were new.
 */
export async function produceTaskNotifications(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  kinds: TaskNotifyKinds,
  opts: { dueSoonHours?: number; limit?: number } = {},
): Promise<number> {
  const now = deps.clock.now().getTime();
  const soon = now + (opts.dueSoonHours ?? DUE_SOON_HOURS) * 3_600_000;
  const events: Array<{ event: string; rule: RecipientRule; kind: NotificationKind | 'task'; where?: string; params?: unknown[]; seenEvents?: string[] }> = [
    // someone who was offered the task and claimed it knows of it already
    { event: 'assigned', rule: 'assignee', kind: 'task', seenEvents: ['assigned', 'offered'] },
    { event: 'offered', rule: 'candidates', kind: 'task' },
    { event: 'due_soon', rule: 'assigneeOrCandidates', kind: 'due_soon', where: 't.due IS NOT NULL AND t.due > ? AND t.due <= ?', params: [now, soon] },
    { event: 'overdue', rule: 'assigneeOrCandidates', kind: 'overdue', where: 't.due IS NOT NULL AND t.due <= ?', params: [now] },
  ];
  const limit = opts.limit ?? 500;
  let added = 0;
  for (const e of events) {
    // batches until the backlog is drained (bounded per tick; the next tick goes on)
    for (let batch = 0; batch < MAX_BATCHES_PER_TICK; batch++) {
      const rows = await taskRecipients(deps.db, { ...e, limit });
      let made = 0;
      for (const r of rows) {
        const kind = e.kind === 'task' ? await taskKind(kinds, r, e.event) : e.kind;
        if (await addNotification(deps, notificationOf(r, e.event, kind))) made++;
      }
      added += made;
      // a short batch is the end; a batch of nothing new (another node made them all) too
      if (rows.length < limit || made === 0) break;
    }
  }
  return added;
}

async function taskKind(kinds: TaskNotifyKinds, r: TaskRecipientRow, event: string): Promise<NotificationKind> {
  if ((await kinds.kindOf(r.process_definition_id, r.task_definition_key)) === 'escalation') return 'escalation';
  return event === 'assigned' ? 'assignment' : 'claimable';
}

function notificationOf(r: TaskRecipientRow, event: string, kind: NotificationKind) {
  const orgPath = r.org_path ?? (r.tenant_id ? `/${r.tenant_id}/` : '/');
  return {
    tenantId: r.tenant_id ?? '',
    orgPath,
    recipientId: r.user_id,
    kind,
    sourceKey: `task:${r.id}:${event}`,
    sourceId: r.id,
    event,
    params: {
      taskId: r.id,
      taskName: r.name ?? r.task_definition_key,
      processName: r.process_name,
      due: r.due === null ? null : new Date(Number(r.due)).toISOString(),
    },
    link: `/tasks/${r.id}`,
  };
}
