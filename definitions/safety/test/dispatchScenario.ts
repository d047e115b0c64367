import { expect } from 'vitest';
import { SYSTEM_ACTOR } from '../../../runtime/src/audit/appendAudit';
import { setEntitlements } from '../../../runtime/src/entitlements/entitlements.route';
import { MODULE_KEYS } from '../../../runtime/src/entitlements/moduleKeys';
import { until, type ContentServer } from './contentServer';

/** A record as the dispatch API returns it. */
export interface DispatchRec {
  id: string;
  status: string;
  revision: number;
  data: Record<string, unknown>;
}

/** Entitles the content server's tenant to every module (command dispatch is a value-added one). */
export async function entitleAll(s: ContentServer): Promise<void> {
  const tenant = s.fx.orgs.C;
  await s.runtime.deps.db.transaction((tx) => setEntitlements(tx, s.runtime.deps, SYSTEM_ACTOR, { id: tenant.id, path: tenant.path }, [...MODULE_KEYS]));
}

/** `GET /dispatch/events/:id` as the safety officer of E1. */
export async function eventOf(s: ContentServer, id: string): Promise<{ event: DispatchRec; orders: DispatchRec[] }> {
  return (await s.api('safetyA', 'GET', `/dispatch/events/${id}`)).body;
}

/** One status step of an order as `user` (Basic auth), with optional headers and note. */
export function step(s: ContentServer, user: string, eventId: string, order: DispatchRec, to: string, headers: Record<string, string> = {}, note?: string) {
  return s.request('POST', `/api/v1/dispatch/events/${eventId}/orders/${order.id}/status`, {
    headers: { authorization: `Basic ${Buffer.from(`${s.username(user)}:${s.fx.password}`).toString('base64')}`, ...headers },
    body: { to, revision: order.revision, ...(note ? { note } : {}) },
  });
}

/**
 * Starts `safety-dispatch` from a report as the safety officer of E1 (the
 * rule suggests III: loss ≥ 1000万元), confirms grade III and dispatches two
 * orders — the fire team led by workerA (from base 120/80) and a supply run
 * led by operatorA — and waits until the event is being handled.
 */
export async function dispatchedEvent(s: ContentServer, title: string) {
  const pi = await s.startProcess('safetyA', 'safety-dispatch', {
    title, source: 'report', sourceRef: 'QR-0001', eventType: 'fire', exercise: false, description: '仓库东侧货架冒烟起火',
    deaths: 0, injuries: 2, loss: 1500, locationX: 420, locationY: 310, place: '3号仓库东侧',
  });
  const gradeTask = await s.task(pi, 'grade');
  const eventRow = await until(async () =>
    (await s.runtime.deps.db.query<{ id: string; data: string }>("SELECT id, data FROM record WHERE collection_key = 'safety_emergency_event'")).find((r) => JSON.parse(r.data).title === title),
  );
  const eventId = eventRow.id;
  expect((await eventOf(s, eventId)).event.data).toMatchObject({ suggestedGrade: 'III', processInstanceId: pi, reporter: s.username('safetyA'), source: 'report' });
  await s.submit('safetyA', gradeTask, { grade: 'III', commander: s.username('safetyA') });
  await s.submit('safetyA', await s.task(pi, 'dispatch'), {
    orders: [
      { resourceKind: 'team', resourceName: '义务消防队', leader: s.username('workerA'), task: '扑灭初期火灾，疏散仓库人员', baseX: 120, baseY: 80 },
      { resourceKind: 'supply', resourceName: '干粉灭火器 20 具', leader: s.username('operatorA'), task: '运送灭火器到 3 号仓库' },
    ],
  });
  const handled = await until(async () => {
    const e = await eventOf(s, eventId);
    return e.event.status === 'handling' && e.orders.length === 2 ? e : undefined;
  });
  const team = handled.orders.find((o) => o.data.resourceKind === 'team')!;
  const supply = handled.orders.find((o) => o.data.resourceKind === 'supply')!;
  return { pi, eventId, event: handled.event, orders: handled.orders, team, supply };
}
