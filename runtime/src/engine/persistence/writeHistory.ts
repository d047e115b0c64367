import crypto from 'node:crypto';
import type { HistoryEvent } from '@safeflow/engine/bpmn';
import type { CommandContext } from '../core/CommandContext';
import type { LoadedInstance } from './InstanceStore';
import { updateByKey } from './keyedWrites';

const ms = (iso: string | undefined, fallback: Date) => (iso ? new Date(iso).getTime() : fallback.getTime());

/** Writes the executor's history events to the `hist_*` tables (same transaction). */
export async function writeHistory(ctx: CommandContext, inst: LoadedInstance, events: HistoryEvent[]): Promise<void> {
  const { tx } = ctx;
  const pi = inst.row.id;
  for (const e of events) {
    switch (e.type) {
      case 'process.start': {
        const exists = await tx.query(`SELECT id FROM hist_process_instance WHERE id = ?`, [pi]);
        if (exists.length) break;
        await tx.execute(
          `INSERT INTO hist_process_instance (id, definition_id, definition_key, business_key, tenant_id, super_instance_id, start_activity_id, end_activity_id, state, start_time, end_time)
           VALUES (?, ?, ?, ?, ?, ?, ?, NULL, 'ACTIVE', ?, NULL)`,
          [pi, inst.row.definition_id, inst.row.definition_key, inst.row.business_key, inst.row.tenant_id, inst.row.super_instance_id, e.startActivityId, ms(e.time, ctx.now)],
        );
        break;
      }
      case 'process.end':
        await tx.execute(`UPDATE hist_process_instance SET end_time = ?, end_activity_id = ?, state = ? WHERE id = ?`, [
          ms(e.time, ctx.now),
          e.endActivityId ?? null,
          e.reason === 'completed' ? 'COMPLETED' : e.reason === 'deleted' ? 'EXTERNALLY_TERMINATED' : 'INTERNALLY_TERMINATED',
          pi,
        ]);
        break;
      case 'activity.start': {
        const exists = await tx.query(`SELECT id FROM hist_activity_instance WHERE id = ?`, [e.activityInstanceId]);
        if (exists.length) break;
        await tx.execute(
          `INSERT INTO hist_activity_instance (id, activity_id, activity_name, activity_type, execution_id, process_instance_id, process_definition_id, parent_activity_instance_id, tenant_id, start_time, end_time, canceled)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 0)`,
          [e.activityInstanceId, e.activityId, e.activityName ?? null, e.activityType, e.executionId, pi, inst.row.definition_id, e.parentActivityInstanceId ?? null, inst.row.tenant_id, ms(e.time, ctx.now)],
        );
        break;
      }
      case 'activity.end':
        await tx.execute(`UPDATE hist_activity_instance SET end_time = ?, canceled = ? WHERE id = ?`, [ms(e.time, ctx.now), e.canceled ? 1 : 0, e.activityInstanceId]);
        break;
      case 'variable.set':
      case 'variable.delete': {
        const exec = e.executionId ?? null;
        const value = e.type === 'variable.set' ? JSON.stringify(e.value) : null;
        const type = e.type === 'variable.set' ? e.value.type : 'Null';
        const state = e.type === 'variable.set' ? 'CREATED' : 'DELETED';
        const updated = await updateByKey(
          tx,
          'hist_variable',
          'value = ?, type = ?, state = ?, updated = ?',
          [value, type, state, ms(e.time, ctx.now)],
          `process_instance_id = ? AND name = ? AND ${exec === null ? 'execution_id IS NULL' : 'execution_id = ?'}`,
          [pi, e.name, ...(exec === null ? [] : [exec])],
        );
        if (updated === 0 && e.type === 'variable.set') {
          await tx.execute(
            `INSERT INTO hist_variable (id, name, process_instance_id, execution_id, type, value, tenant_id, state, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            [crypto.randomUUID(), e.name, pi, exec, type, value, inst.row.tenant_id, state, ms(e.time, ctx.now), ms(e.time, ctx.now)],
          );
        }
        break;
      }
    }
  }
}
