import crypto from 'node:crypto';
import type { Effect, VariableMap } from '@safeflow/engine/bpmn';
import type { CommandContext } from '../core/CommandContext';
import { openIncident, resolveIncidents } from './incidents';
import { deleteByKey } from './keyedWrites';
import type { LoadedInstance } from './InstanceStore';
import type { Step } from './ProcessRunner';

/** What effect application needs from the runner (kept as callbacks to avoid an import cycle). */
export interface EffectHooks {
  startChild(ctx: CommandContext, parent: LoadedInstance, e: Extract<Effect, { type: 'callActivity.start' }>): Promise<void>;
  advanceById(ctx: CommandContext, id: string, step: Step): Promise<void>;
  cancelInstance(ctx: CommandContext, id: string, reason: string): Promise<void>;
  /** Broadcasts the step's `signal.throw` effects (after its other effects). */
  throwSignals(ctx: CommandContext, inst: LoadedInstance, effects: Effect[]): Promise<void>;
}

const ms = (iso: string | undefined) => (iso ? new Date(iso).getTime() : null);

/**
 * Applies the executor's effects to the side rows, in order, in the command's
 * transaction. Creations are upserts keyed by `execution_id` (jobs: execution,
 * activity, kind), so a replayed step never creates a second task or timer.
 * Thrown signals are broadcast last (see `deliverThrownSignals`).
 * Returns the `instance.end` effect, if any, for the runner to finish the instance.
 */
export async function applyEffects(
  ctx: CommandContext,
  inst: LoadedInstance,
  effects: Effect[],
  hooks: EffectHooks,
): Promise<Extract<Effect, { type: 'instance.end' }> | undefined> {
  const { tx } = ctx;
  const pi = inst.row.id;
  const now = ctx.now.getTime();
  let end: Extract<Effect, { type: 'instance.end' }> | undefined;
  let signals = false;
  for (const e of effects) {
    switch (e.type) {
      case 'externalTask.create': {
        const existing = await tx.query(`SELECT id FROM external_task WHERE execution_id = ?`, [e.executionId]);
        if (existing.length) break;
        await tx.execute(
          `INSERT INTO external_task (id, execution_id, activity_id, activity_instance_id, process_instance_id, process_definition_id, process_definition_key,
             process_definition_version_tag, topic_name, priority, worker_id, lock_expiration_time, retries, error_message, error_details, suspended,
             business_key, tenant_id, extension_properties, create_time, lock_expiry_count, lock_unreported, revision)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?, NULL, NULL, 0, ?, ?, ?, ?, 0, 0, 1)`,
          [
            crypto.randomUUID(),
            e.executionId,
            e.activityId,
            e.activityInstanceId,
            pi,
            inst.def.row.id,
            inst.def.row.def_key,
            inst.def.row.version_tag,
            e.topicName,
            e.priority ?? 0,
            e.retries ?? null,
            inst.state.businessKey ?? inst.row.business_key,
            inst.row.tenant_id,
            JSON.stringify(e.extensionProperties ?? {}),
            now,
          ],
        );
        ctx.wakeTopic(e.topicName);
        break;
      }
      case 'externalTask.delete': {
        const rows = await tx.query<{ id: string }>(`SELECT id FROM external_task WHERE execution_id = ?`, [e.executionId]);
        for (const r of rows) {
          await resolveIncidents(ctx, r.id);
          await tx.execute(`DELETE FROM external_task WHERE id = ?`, [r.id]);
        }
        break;
      }
      case 'userTask.create': {
        const existing = await tx.query(`SELECT id FROM user_task WHERE execution_id = ?`, [e.executionId]);
        if (existing.length) break;
        const id = crypto.randomUUID();
        await tx.execute(
          `INSERT INTO user_task (id, execution_id, activity_instance_id, task_definition_key, name, description, assignee, owner, candidate_users, candidate_groups,
             due, follow_up, priority, form_key, process_instance_id, process_definition_id, business_key, tenant_id, org_path, suspended, created, revision)
           VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, 1)`,
          [
            id,
            e.executionId,
            e.activityInstanceId,
            e.activityId,
            e.name ?? null,
            e.documentation ?? null,
            e.assignee ?? null,
            JSON.stringify(e.candidateUsers ?? []),
            JSON.stringify(e.candidateGroups ?? []),
            ms(e.dueDate),
            ms(e.followUpDate),
            e.priority ?? 50,
            e.formKey ?? null,
            pi,
            inst.def.row.id,
            inst.state.businessKey ?? inst.row.business_key,
            inst.row.tenant_id,
            inst.row.org_path,
            now,
          ],
        );
        for (const u of new Set(e.candidateUsers ?? [])) await tx.execute(`INSERT INTO task_candidate (task_id, kind, value) VALUES (?, 'user', ?)`, [id, u]);
        for (const g of new Set(e.candidateGroups ?? [])) await tx.execute(`INSERT INTO task_candidate (task_id, kind, value) VALUES (?, 'group', ?)`, [id, g]);
        await tx.execute(
          `INSERT INTO hist_task (id, execution_id, task_definition_key, name, assignee, process_instance_id, process_definition_id, tenant_id, delete_reason, start_time, end_time)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, NULL)`,
          [id, e.executionId, e.activityId, e.name ?? null, e.assignee ?? null, pi, inst.def.row.id, inst.row.tenant_id, now],
        );
        break;
      }
      case 'userTask.delete': {
        const rows = await tx.query<{ id: string }>(`SELECT id FROM user_task WHERE execution_id = ?`, [e.executionId]);
        for (const r of rows) {
          await deleteByKey(tx, 'task_candidate', 'task_id = ?', [r.id], ['task_id', 'kind', 'value']);
          await tx.execute(`UPDATE hist_task SET end_time = ?, delete_reason = ? WHERE id = ?`, [now, e.reason, r.id]);
          await tx.execute(`DELETE FROM user_task WHERE id = ?`, [r.id]);
        }
        break;
      }
      case 'job.create': {
        const existing = await tx.query(`SELECT id FROM job WHERE execution_id = ? AND activity_id = ? AND type = ?`, [e.executionId, e.activityId, e.kind]);
        if (existing.length) break;
        const due = new Date(e.dueDate).getTime();
        await tx.execute(
          `INSERT INTO job (id, type, execution_id, activity_id, process_instance_id, definition_id, due_date, retries, retry_time_cycle, exception_message,
             exception_details, lock_owner, lock_expiration_time, timer, tenant_id, suspended, created, revision)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL, NULL, ?, ?, 0, ?, 1)`,
          [
            crypto.randomUUID(),
            e.kind,
            e.executionId,
            e.activityId,
            pi,
            inst.def.row.id,
            due,
            initialRetries(e.retryTimeCycle),
            e.retryTimeCycle ?? null,
            e.timer ? JSON.stringify(e.timer) : null,
            inst.row.tenant_id,
            now,
          ],
        );
        if (due <= now + 1000) ctx.wakeJobs();
        break;
      }
      case 'job.delete': {
        const rows = await tx.query<{ id: string }>(
          `SELECT id FROM job WHERE execution_id = ?${e.activityId ? ' AND activity_id = ?' : ''}`,
          e.activityId ? [e.executionId, e.activityId] : [e.executionId],
        );
        for (const r of rows) {
          await resolveIncidents(ctx, r.id);
          await tx.execute(`DELETE FROM job WHERE id = ?`, [r.id]);
        }
        break;
      }
      case 'subscription.create': {
        const existing = await tx.query(`SELECT id FROM event_subscription WHERE execution_id = ? AND event_name = ? AND kind = ?`, [e.executionId, e.eventName, e.kind]);
        if (existing.length) break;
        await tx.execute(
          `INSERT INTO event_subscription (id, kind, event_name, execution_id, activity_id, process_instance_id, definition_id, tenant_id, created)
           VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?)`,
          [crypto.randomUUID(), e.kind, e.eventName, e.executionId, e.activityId, pi, inst.row.tenant_id, now],
        );
        break;
      }
      case 'subscription.delete':
        await deleteByKey(tx, 'event_subscription', 'execution_id = ?', [e.executionId]);
        break;
      case 'callActivity.start':
        await hooks.startChild(ctx, inst, e);
        break;
      case 'callActivity.cancel': {
        const children = await tx.query<{ id: string; state: string }>(`SELECT id, state FROM process_instance WHERE super_instance_id = ?`, [pi]);
        for (const c of children) {
          const st = JSON.parse(c.state) as { superExecutionId?: string };
          if (!st.superExecutionId || st.superExecutionId === e.executionId) await hooks.cancelInstance(ctx, c.id, 'call activity cancelled');
        }
        break;
      }
      case 'instance.end':
        end = e;
        break;
      case 'signal.throw':
        signals = true;
        break;
      case 'incident.create':
        await openIncident(ctx, {
          type: e.incidentType,
          message: e.message,
          configuration: null,
          processInstanceId: pi,
          processDefinitionId: inst.def.row.id,
          activityId: e.activityId,
          executionId: e.executionId,
          tenantId: inst.row.tenant_id,
        });
        break;
    }
  }
  if (signals) await hooks.throwSignals(ctx, inst, effects);
  return end;
}

/** Camunda: `R5/PT5M` gives 5 retries; no cycle gives the default 3. */
export function initialRetries(retryTimeCycle: string | undefined | null): number {
  const m = /^R(\d+)\//.exec(retryTimeCycle ?? '');
  return m ? Number(m[1]) : 3;
}

export type { VariableMap };
