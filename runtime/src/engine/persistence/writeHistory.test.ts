import crypto from 'node:crypto';
import type { HistoryEvent } from '@safeflow/engine/bpmn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngineServer, type EngineKit } from '../testing/engineTestKit';
import type { LoadedInstance } from './InstanceStore';
import { writeHistory } from './writeHistory';

describe('writeHistory: activity instances written once per step', () => {
  let kit: EngineKit;
  beforeAll(async () => {
    kit = await startEngineServer();
  });
  afterAll(async () => {
    await kit.close();
  });

  const at = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms).toISOString();
  const t = (ms: number) => Date.UTC(2026, 0, 1) + ms;
  const start = (id: string, activityId: string, ms: number): HistoryEvent => ({
    type: 'activity.start',
    activityInstanceId: id,
    activityId,
    activityName: activityId.toUpperCase(),
    activityType: 'task',
    executionId: 'ex-1',
    time: at(ms),
  });
  const end = (id: string, ms: number, canceled = false): HistoryEvent => ({ type: 'activity.end', activityInstanceId: id, time: at(ms), canceled });

  it('gives the same rows as event-by-event writes: ends folded into new rows, later ends updated, existing rows kept, last end wins', async () => {
    // given
    const pi = crypto.randomUUID();
    const inst = {
      row: { id: pi, definition_id: 'def:1', definition_key: 'def', business_key: null, tenant_id: null, org_path: null, super_instance_id: null, state: '', ended: 0, suspended: 0, start_time: 0, revision: 1 },
    } as unknown as LoadedInstance;
    const step = (events: HistoryEvent[]) =>
      kit.engine.executor.execute({ name: 'WriteHistoryTest', execute: (ctx) => writeHistory(ctx, inst, events) });
    const [a, b, c, d] = [`${pi}-a`, `${pi}-b`, `${pi}-c`, `${pi}-d`];

    // when
    await step([{ type: 'process.start', time: at(0), startActivityId: 'start' }, start(a, 'start', 0), end(a, 1), start(b, 'review', 1), start(d, 'timer', 1)]);
    await step([end(b, 5, true), end(b, 6), start(c, 'end', 6), end(c, 7), start(a, 'start', 9), end(a, 9), end(d, 8, true)]);

    // then
    const rows = await kit.deps.db.query<Record<string, unknown>>(
      `SELECT id, activity_id, activity_name, activity_type, execution_id, process_definition_id, start_time, end_time, canceled
         FROM hist_activity_instance WHERE process_instance_id = ? ORDER BY id`,
      [pi],
    );
    const norm = rows.map((r) => ({ ...r, start_time: Number(r.start_time), end_time: r.end_time === null ? null : Number(r.end_time), canceled: Number(r.canceled) }));
    const row = (id: string, activityId: string, startMs: number, endMs: number | null, canceled: number) => ({
      id,
      activity_id: activityId,
      activity_name: activityId.toUpperCase(),
      activity_type: 'task',
      execution_id: 'ex-1',
      process_definition_id: 'def:1',
      start_time: t(startMs),
      end_time: endMs === null ? null : t(endMs),
      canceled,
    });
    expect(norm).toEqual([row(a, 'start', 0, 9, 0), row(b, 'review', 1, 6, 0), row(c, 'end', 6, 7, 0), row(d, 'timer', 1, 8, 1)]);
    expect(await kit.deps.db.query(`SELECT id FROM hist_process_instance WHERE id = ?`, [pi])).toEqual([{ id: pi }]);
  });

  it('writes a step that starts more activities than fit one statement', async () => {
    // given
    const pi = crypto.randomUUID();
    const inst = {
      row: { id: pi, definition_id: 'def:1', definition_key: 'def', business_key: null, tenant_id: null, org_path: null, super_instance_id: null, state: '', ended: 0, suspended: 0, start_time: 0, revision: 1 },
    } as unknown as LoadedInstance;
    const ids = Array.from({ length: 250 }, (_, i) => `${pi}-${String(i).padStart(3, '0')}`);

    // when
    await kit.engine.executor.execute({
      name: 'WriteHistoryTest',
      execute: (ctx) => writeHistory(ctx, inst, [...ids.map((id) => start(id, 'mi', 0)), ...ids.filter((_, i) => i % 2 === 0).map((id) => end(id, 3))]),
    });

    // then
    const rows = await kit.deps.db.query<{ id: string; end_time: number | null }>(`SELECT id, end_time FROM hist_activity_instance WHERE process_instance_id = ? ORDER BY id`, [pi]);
    expect(rows.map((r) => r.id)).toEqual(ids);
    expect(rows.filter((r) => r.end_time !== null).map((r) => r.id)).toEqual(ids.filter((_, i) => i % 2 === 0));
  });
});
