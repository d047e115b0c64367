import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startContentServer, until, type ContentServer } from './contentServer';
import { dispatchedEvent as start, entitleAll, eventOf as eventOfIn, step as stepIn, type DispatchRec } from './dispatchScenario';

type Rec = DispatchRec;

describe('safety-dispatch (指挥调度): report → graded → orders to two teams → status steps → after-action report → closed, findings → hazards', { timeout: 180_000 }, () => {
  let s: ContentServer;
  beforeAll(async () => {
    s = await startContentServer();
    await entitleAll(s);
  });
  afterAll(async () => {
    await s?.close();
  });

  const eventOf = (id: string) => eventOfIn(s, id);
  const step = (user: string, eventId: string, order: Rec, to: string, headers: Record<string, string> = {}, note?: string) => stepIn(s, user, eventId, order, to, headers, note);
  const dispatchedEvent = (title: string) => start(s, title);

  it('runs an event end to end: each leader moves their own order, the last one done opens the after-action report, findings become hazards', async () => {
    // given a graded event with two orders out
    const { pi, eventId, event, orders } = await dispatchedEvent('3号仓库火情');
    expect(event.data).toMatchObject({ grade: 'III', commander: s.username('safetyA') });
    const team = orders.find((o) => o.data.resourceKind === 'team')!;
    const supply = orders.find((o) => o.data.resourceKind === 'supply')!;
    expect(team).toMatchObject({ status: 'dispatched', data: { eventId, eventTitle: '3号仓库火情', baseX: 120, baseY: 80, leader: s.username('workerA') } });

    // each leader may move only their own order; the commander may move both
    const asWorker = (await s.api('workerA', 'GET', `/dispatch/events/${eventId}`)).body as { orders: Array<Rec & { canMove: boolean }>; orderSteps: Array<{ from: string; to: string }> };
    expect(asWorker.orders.map((o) => [o.data.resourceKind, o.canMove]).sort()).toEqual([['supply', false], ['team', true]]);
    expect(asWorker.orderSteps.filter((st) => st.from === 'dispatched').map((st) => st.to).sort()).toEqual(['accepted', 'refused']);
    expect(((await eventOf(eventId)) as unknown as { orders: Array<{ canMove: boolean }> }).orders.every((o) => o.canMove)).toBe(true);

    // when the team leader accepts (retried with the same Idempotency-Key: one step, the same answer)
    const accepted = await step('workerA', eventId, team, 'accepted', { 'idempotency-key': `accept-${team.id}` });
    expect(accepted.status, accepted.text).toBe(200);
    const replay = await step('workerA', eventId, team, 'accepted', { 'idempotency-key': `accept-${team.id}` });
    expect(replay.status).toBe(200);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body.revision).toBe(accepted.body.revision);
    // a stale revision is refused (409) and nothing changes
    const stale = await step('workerA', eventId, team, 'en_route');
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('concurrency.conflict');
    // the other order's leader may not move this one
    const notLeader = await step('operatorA', eventId, accepted.body, 'en_route');
    expect(notLeader.status).toBe(403);
    expect(notLeader.body.code).toBe('dispatch.not_leader');
    // a skipped step is refused
    const skip = await step('workerA', eventId, accepted.body, 'done');
    expect(skip.status).toBe(400);
    expect(skip.body.code).toBe('dispatch.invalid_status');

    // then the team goes en route → on site → done; the supply order is refused with a note
    let cur: Rec = accepted.body;
    for (const to of ['en_route', 'on_site', 'done']) {
      const r = await step('workerA', eventId, cur, to, {}, to === 'done' ? '明火已扑灭' : undefined);
      expect(r.status, r.text).toBe(200);
      cur = r.body;
    }
    expect(cur).toMatchObject({ status: 'done', data: { note: '明火已扑灭' } });
    expect(Object.keys(cur.data.timestamps as object).sort()).toEqual(['accepted', 'done', 'en_route', 'on_site']);
    const refused = await step('operatorA', eventId, supply, 'refused', {}, '库存不足，已协调邻近企业');
    expect(refused.status, refused.text).toBe(200);
    // every step is audited as dispatch.order.status by its actor
    const audit = await s.runtime.deps.db.query<{ actor_name: string }>("SELECT actor_name FROM audit_log WHERE action = 'dispatch.order.status' AND target_id IN (?, ?)", [team.id, supply.id]);
    expect(audit.map((a) => a.actor_name).sort()).toEqual([...Array(4).fill(s.username('workerA')), s.username('operatorA')].sort());

    // and the after-action report is due; its findings become safety-hazard instances
    const review = await s.task(pi, 'review');
    await s.submit('safetyA', review, {
      summary: '火情 12 分钟内扑灭，无人员伤亡', casualties: '2 人轻微烟雾吸入，已送医观察', losses: '货架及货物约 15 万元', lessons: '仓库消防通道长期堆放杂物',
      timeline: [{ at: '2026-12-03T08:00:00.000Z', entry: '接报' }, { at: '2026-12-03T08:12:00.000Z', entry: '明火扑灭' }],
      findings: [{ title: '3号仓库消防通道堆放杂物', description: '影响疏散和灭火' }],
    });
    const closed = await until(async () => ((await eventOf(eventId)).event.status === 'closed' ? (await eventOf(eventId)).event : undefined));
    expect(closed.data).toMatchObject({ summary: '火情 12 分钟内扑灭，无人员伤亡', lessons: '仓库消防通道长期堆放杂物' });
    expect(typeof closed.data.closedAt).toBe('string');
    // a closed event leaves the map layer with its orders
    const layer = (await s.api('safetyA', 'GET', `/dispatch/layer?orgId=${s.orgs.entA.id}`)).body.features as Array<{ id: string }>;
    expect(layer.filter((f) => [`event:${eventId}`, `order:${team.id}`, `order:${supply.id}`].includes(f.id))).toEqual([]);
    const hazard = await until(async () => (await s.runtime.deps.db.query<{ org_id: string; data: string }>("SELECT org_id, data FROM record WHERE collection_key = 'safety_hazard'")).map((r) => ({ ...r, data: JSON.parse(r.data) })).find((r) => r.data.originId === eventId));
    expect(hazard.org_id).toBe(s.orgs.entA.id);
    expect(hazard.data).toMatchObject({ title: '3号仓库消防通道堆放杂物', source: '10', origin: 'dispatch' });
  });

  it('draws the open event and its orders on the dispatch map layer, and shows another enterprise or tenant nothing (404)', async () => {
    // given
    const { eventId, orders } = await dispatchedEvent('危化品泄漏');
    const team = orders.find((o) => o.data.resourceKind === 'team')!;
    // when
    const layer = await s.api('safetyA', 'GET', `/dispatch/layer?orgId=${s.orgs.entA.id}`);
    // then: the event at its plan location coloured by grade III, the team's order as a line from its base
    expect(layer.status, layer.text).toBe(200);
    const features = layer.body.features as Array<{ id: string; kind: string; coords: number[][]; colour: string; status: string; props: Record<string, unknown> }>;
    expect(features.find((f) => f.id === `event:${eventId}`)).toMatchObject({ kind: 'point', coords: [[420, 310]], colour: '#f2c200', status: 'handling', props: { grade: 'III' } });
    expect(features.find((f) => f.id === `order:${team.id}`)).toMatchObject({ kind: 'polyline', coords: [[120, 80], [420, 310]], status: 'dispatched' });
    expect(features.filter((f) => f.props.eventId === eventId)).toHaveLength(2);
    // the layer follows a status step
    const r = await step('workerA', eventId, team, 'accepted');
    expect(r.status).toBe(200);
    const after = (await s.api('safetyA', 'GET', `/dispatch/layer?orgId=${s.orgs.entA.id}`)).body.features as Array<{ id: string; status: string; colour: string }>;
    expect(after.find((f) => f.id === `order:${team.id}`)).toMatchObject({ status: 'accepted', colour: '#409eff' });

    // a sibling enterprise's officer and another tenant see nothing of it
    for (const user of ['safetyB', 'otherAdmin']) {
      expect((await s.api(user, 'GET', `/dispatch/events/${eventId}`)).status).toBe(404);
      const foreign = await step(user, eventId, r.body, 'en_route');
      expect(foreign.status).toBe(404);
      expect((await s.api(user, 'GET', `/dispatch/layer?orgId=${s.orgs.entA.id}`)).status).toBe(404);
    }
    const own = (await s.api('safetyB', 'GET', `/dispatch/layer?orgId=${s.orgs.entB.id}`)).body.features as unknown[];
    expect(own).toEqual([]);
    const [order] = await s.runtime.deps.db.query<{ status: string }>('SELECT status FROM record WHERE id = ?', [team.id]);
    expect(order!.status).toBe('accepted');
  });

  it('starts from a quick report the inspector triages as an emergency; the report records the event once it is closed', async () => {
    // given a worker's photo report in the triage inbox
    const qr = await s.startProcess('workerA', 'safety-quick-report', {});
    await s.submit('workerA', await s.task(qr, 'report'), { description: '配电室冒烟并有焦糊味', photos: [await s.photo('workerA', s.orgs.entA.id, 'smoke.png')], place: '配电室' });
    // when the inspector of street S1 starts command dispatch from it
    await s.submit('readerA', await s.task(qr, 'triage'), { triageResult: 'dispatch' });
    const report = await until(async () => (await s.api('readerA', 'GET', '/ledgers/safety_quick_report_inbox?filter[status][eq]=dispatched')).body.items.find((i: { data: { description: string } }) => i.data.description === '配电室冒烟并有焦糊味'));
    const [child] = await until(async () => {
      const rows = await s.runtime.deps.db.query<{ id: string }>("SELECT id FROM process_instance WHERE super_instance_id IS NOT NULL AND definition_key = 'safety-dispatch'");
      return rows.length ? rows : undefined;
    });
    // then the event carries the report as its source, in the reporter's enterprise, reported by the worker
    await s.task(child!.id, 'grade');
    const [ev] = await s.runtime.deps.db.query<{ id: string; org_id: string; data: string }>("SELECT id, org_id, data FROM record WHERE collection_key = 'safety_emergency_event' AND data LIKE ?", [`%${report.id}%`]);
    expect(ev!.org_id).toBe(s.orgs.entA.id);
    expect(JSON.parse(ev!.data)).toMatchObject({ title: '配电室冒烟并有焦糊味', source: 'report', sourceRef: report.id, eventType: 'other', place: '配电室', reporter: s.username('workerA'), suggestedGrade: 'IV' });
    // and runs through: one order, done, the report without findings closes it
    await s.submit('safetyA', await s.task(child!.id, 'grade'), { grade: 'IV' });
    await s.submit('safetyA', await s.task(child!.id, 'dispatch'), { orders: [{ resourceKind: 'team', resourceName: '电工班', leader: s.username('workerA'), task: '断电排查' }] });
    const handled = await until(async () => {
      const e = await eventOf(ev!.id);
      return e.event.status === 'handling' && e.orders.length === 1 ? e : undefined;
    });
    let order = handled.orders[0]!;
    for (const to of ['accepted', 'en_route', 'on_site', 'done']) {
      const r = await step('workerA', ev!.id, order, to);
      expect(r.status, r.text).toBe(200);
      order = r.body;
    }
    await s.submit('safetyA', await s.task(child!.id, 'review'), { summary: '电缆接头过热，已更换' });
    await s.ended(qr);
    expect((await eventOf(ev!.id)).event.status).toBe('closed');
    expect((await s.api('readerA', 'GET', `/records/safety_quick_report/${report.id}`)).body).toMatchObject({ status: 'dispatched', data: { dispatchEventId: ev!.id } });
  });

  it('runs a drill’s command-dispatch exercise (exercise mode, source drill) before the drill is carried out', async () => {
    // given a live drill whose preparation asks for a dispatch exercise
    const pi = await s.startProcess('safetyA', 'safety-drill', { title: '仓库火灾综合演练', drillType: 'comprehensive', mode: 'live', dueAt: '2026-12-10T02:00:00.000Z' });
    await s.submit('safetyA', await s.task(pi, 'prepare'), { script: '1. 报警 2. 调度 3. 疏散', location: '3号仓库', dispatchExercise: true });
    // when the exercise runs
    const [child] = await until(async () => {
      const rows = await s.runtime.deps.db.query<{ id: string }>("SELECT id FROM process_instance WHERE super_instance_id = ? AND definition_key = 'safety-dispatch'", [pi]);
      return rows.length ? rows : undefined;
    });
    await s.submit('safetyA', await s.task(child!.id, 'grade'), { grade: 'IV', locationX: 400, locationY: 300 });
    const dispatchTask = await s.task(child!.id, 'dispatch'); // the grading is saved by then
    const [drill] = await s.runtime.deps.db.query<{ id: string }>("SELECT id FROM record WHERE collection_key = 'safety_drill' AND data LIKE ?", ['%仓库火灾综合演练%']);
    const [ev] = await s.runtime.deps.db.query<{ id: string; data: string }>("SELECT id, data FROM record WHERE collection_key = 'safety_emergency_event' AND data LIKE ?", [`%${drill!.id}%`]);
    // then the event is marked as an exercise from the drill, placed by the grading
    expect(JSON.parse(ev!.data)).toMatchObject({ title: '仓库火灾综合演练', source: 'drill', sourceRef: drill!.id, exercise: true, place: '3号仓库', locationX: 400, locationY: 300, reporter: s.username('safetyA') });
    await s.submit('safetyA', dispatchTask, { orders: [{ resourceKind: 'team', resourceName: '义务消防队', leader: s.username('workerA'), task: '演练：扑救与疏散' }] });
    const order = await until(async () => {
      const e = await eventOf(ev!.id);
      return e.event.status === 'handling' ? e.orders[0] : undefined;
    });
    const refused = await step('workerA', ev!.id, order, 'refused', {}, '演练中止');
    expect(refused.status, refused.text).toBe(200);
    await s.submit('safetyA', await s.task(child!.id, 'review'), { summary: '调度演练完成' });
    // and the drill goes on to be carried out
    await s.task(pi, 'execute');
    // a drill prepared without the exercise goes straight to execution
    const plain = await s.startProcess('safetyA', 'safety-drill', { title: '桌面推演', drillType: 'special', mode: 'tabletop', dueAt: '2026-12-11T02:00:00.000Z' });
    await s.submit('safetyA', await s.task(plain, 'prepare'), { script: '推演脚本' });
    await s.task(plain, 'execute');
  });
});
