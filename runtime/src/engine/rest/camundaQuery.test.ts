/* eslint-disable @typescript-eslint/no-explicit-any -- JSON response bodies of the API under test are checked by the assertions */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../testing/FakeClock';
import { bpmn } from '../testing/bpmn';
import { startEngineServer, type Creds, type EngineKit } from '../testing/engineTestKit';

/** start → external task `cq-work` → user task `review` (candidate group cityBureauAdmin) → end. */
const flow = bpmn(
  'cqFlow',
  `<startEvent id="start"/>
   <sequenceFlow id="f1" sourceRef="start" targetRef="work"/>
   <serviceTask id="work" name="Work" camunda:type="external" camunda:topic="cq-work"/>
   <sequenceFlow id="f2" sourceRef="work" targetRef="review"/>
   <userTask id="review" name="Review" camunda:candidateGroups="cityBureauAdmin"/>
   <sequenceFlow id="f3" sourceRef="review" targetRef="end"/>
   <endEvent id="end"/>`,
);

const invalid = (message: string) => ({ type: 'InvalidRequestException', message });

describe('camundaQuery: one query builder for every /engine-rest list', () => {
  let kit: EngineKit;
  let tenantA: string;
  let tenantB: string;
  let adminA: Creds;
  const pis: Record<string, any> = {};
  beforeAll(async () => {
    const clock = new FakeClock('2026-11-28T08:00:00.000Z');
    kit = await startEngineServer({ clock });
    tenantA = await kit.createTenant('Enterprise A');
    tenantB = await kit.createTenant('Enterprise B');
    adminA = await kit.createUser('cqAdminA', { tenantId: tenantA, role: 'cityBureauAdmin' });
    const adminB = await kit.createUser('cqAdminB', { tenantId: tenantB, role: 'cityBureauAdmin' });
    expect((await kit.deploy({ 'cq.bpmn': flow }, { 'tenant-id': tenantA })).status).toBe(200);
    expect((await kit.deploy({ 'cq.bpmn': flow }, { 'tenant-id': tenantB })).status).toBe(200);
    const vars = (level: string, score: number) => ({ level: { value: level, type: 'String' }, score: { value: score, type: 'Integer' } });
    pis.a1 = await kit.start('cqFlow', { businessKey: 'a-1', variables: vars('major', 80) }, adminA);
    clock.advance(60_000);
    pis.a2 = await kit.start('cqFlow', { businessKey: 'a-2', variables: vars('minor', 40) }, adminA);
    clock.advance(60_000);
    pis.b1 = await kit.start('cqFlow', { businessKey: 'b-1', variables: vars('major', 90) }, adminB);
    clock.advance(60_000);
    pis.b2 = await kit.start('cqFlow', { businessKey: 'b-2', variables: vars('minor', 10) }, adminB);
    const worker = await kit.workerCredential(['cq-work']);
    const locked = (await kit.rest('POST', '/external-task/fetchAndLock', { as: worker, body: { workerId: 'cq', maxTasks: 10, topics: [{ topicName: 'cq-work', lockDuration: 60_000 }] } }))
      .body as any[];
    expect(locked).toHaveLength(4);
    for (const t of locked) {
      const bk = t.businessKey as string;
      const res = bk.endsWith('1')
        ? await kit.rest('POST', `/external-task/${t.id}/failure`, { as: worker, body: { workerId: 'cq', errorMessage: `broken ${bk}`, retries: 0, retryTimeout: 0 } })
        : await kit.rest('POST', `/external-task/${t.id}/complete`, { as: worker, body: { workerId: 'cq' } });
      expect(res.status).toBe(204);
    }
  });
  afterAll(async () => {
    await kit.close();
  });

  it("never shows a user of tenant A another tenant's rows, through any list, count or filter", async () => {
    // given filters that select tenant B's rows (the platform admin sees them)
    const b1 = pis.b1.id;
    const b2 = pis.b2.id;
    const probes: string[] = [
      `/process-instance?businessKey=b-1`,
      `/process-instance?tenantIdIn=${tenantB}`,
      `/process-instance?processInstanceIds=${b1},${b2}`,
      `/process-instance?variables=level_eq_major&tenantIdIn=${tenantB}`,
      `/process-definition?tenantIdIn=${tenantB}`,
      `/incident?processInstanceId=${b1}`,
      `/incident?tenantIdIn=${tenantB}`,
      `/task?processInstanceBusinessKey=b-2`,
      `/task?tenantIdIn=${tenantB}`,
      `/external-task?processInstanceId=${b1}`,
      `/history/process-instance?processInstanceBusinessKey=b-1`,
      `/history/process-instance?variables=level_eq_major&tenantIdIn=${tenantB}`,
      `/history/activity-instance?processInstanceId=${b1}`,
      `/history/task?processInstanceId=${b2}`,
      `/history/variable-instance?processInstanceIdIn=${b1},${b2}`,
    ];
    for (const probe of probes) {
      const [path, query] = probe.split('?');
      // when
      const asAdmin = await kit.rest('GET', probe);
      const asA = await kit.rest('GET', probe, { as: adminA });
      const countAsA = await kit.rest('GET', `${path}/count?${query}`, { as: adminA });
      // then
      expect(asAdmin.body.length, probe).toBeGreaterThan(0);
      expect({ probe, status: asA.status, body: asA.body }).toEqual({ probe, status: 200, body: [] });
      expect({ probe, count: countAsA.body }).toEqual({ probe, count: { count: 0 } });
    }
    for (const path of ['/process-instance', '/task', '/history/process-instance', '/history/task', '/history/activity-instance', '/history/variable-instance']) {
      const posted = await kit.rest('POST', path, { as: adminA, body: { tenantIdIn: [tenantB] } });
      expect({ path, body: posted.body }).toEqual({ path, body: [] });
    }
    // and everything tenant A's user does see is tenant A's
    for (const path of ['/process-instance', '/process-definition', '/incident', '/task', '/external-task', '/history/process-instance', '/history/task', '/history/variable-instance']) {
      const rows = (await kit.rest('GET', path, { as: adminA })).body as any[];
      expect(rows.length, path).toBeGreaterThan(0);
      expect(new Set(rows.map((r) => r.tenantId)), path).toEqual(new Set([tenantA]));
      expect((await kit.rest('GET', `${path}/count`, { as: adminA })).body, path).toEqual({ count: rows.length });
    }
  });

  it('sortBy and sortOrder: both or neither, whitelisted values, Camunda messages (GET and POST)', async () => {
    // when
    const onlyBy = await kit.rest('GET', '/process-instance?sortBy=businessKey');
    const onlyOrder = await kit.rest('GET', '/history/task?sortOrder=asc');
    const unknown = await kit.rest('GET', '/incident?sortBy=nonsense&sortOrder=asc');
    const badOrder = await kit.rest('GET', '/process-definition?sortBy=version&sortOrder=up');
    const injected = await kit.rest('GET', `/task?sortBy=${encodeURIComponent('id; DROP TABLE user_task')}&sortOrder=asc`);
    const postBad = await kit.rest('POST', '/process-instance', { body: { sorting: [{ sortBy: 'startTime', sortOrder: 'asc' }] } });
    const postOnlyBy = await kit.rest('POST', '/history/process-instance', { body: { sortBy: 'startTime' } });
    // then
    expect(onlyBy.status).toBe(400);
    expect(onlyBy.body).toEqual(invalid('Only a single sorting parameter specified. sortBy and sortOrder required'));
    expect(onlyOrder.body).toEqual(invalid('Only a single sorting parameter specified. sortBy and sortOrder required'));
    expect(unknown.body).toEqual(invalid("Cannot set query parameter 'sortBy' to value 'nonsense'"));
    expect(badOrder.body).toEqual(invalid("Cannot set query parameter 'sortOrder' to value 'up'"));
    expect(injected.status).toBe(400);
    expect(postBad.body).toEqual(invalid("Cannot set query parameter 'sortBy' to value 'startTime'"));
    expect(postOnlyBy.body).toEqual(invalid('Only a single sorting parameter specified. sortBy and sortOrder required'));
    expect((await kit.rest('GET', '/task/count')).body.count).toBe(2);
  });

  it('sorts and pages: sortBy/sortOrder, sorting[] in bodies, firstResult/maxResults', async () => {
    // when
    const desc = await kit.rest('GET', '/process-instance?processDefinitionKey=cqFlow&sortBy=businessKey&sortOrder=desc');
    const page = await kit.rest('GET', '/process-instance?processDefinitionKey=cqFlow&sortBy=businessKey&sortOrder=desc&firstResult=1&maxResults=2');
    const posted = await kit.rest('POST', '/process-instance?firstResult=1&maxResults=2', {
      body: { processDefinitionKey: 'cqFlow', sorting: [{ sortBy: 'businessKey', sortOrder: 'desc' }] },
    });
    const histAsc = await kit.rest('GET', '/history/process-instance?sortBy=startTime&sortOrder=asc');
    const histDesc = await kit.rest('POST', '/history/process-instance', { body: { sortBy: 'startTime', sortOrder: 'desc' } });
    // then
    expect(desc.body.map((p: any) => p.businessKey)).toEqual(['b-2', 'b-1', 'a-2', 'a-1']);
    expect(page.body.map((p: any) => p.businessKey)).toEqual(['b-1', 'a-2']);
    expect(posted.body.map((p: any) => p.businessKey)).toEqual(['b-1', 'a-2']);
    expect(histAsc.body.map((p: any) => p.businessKey)).toEqual(['a-1', 'a-2', 'b-1', 'b-2']);
    expect(histDesc.body.map((p: any) => p.businessKey)).toEqual(['b-2', 'b-1', 'a-2', 'a-1']);
  });

  it('rejects malformed booleans, integers, dates and variable filters with Camunda messages; bad values are data, never SQL', async () => {
    // when
    const bool = await kit.rest('GET', '/process-instance?active=maybe');
    const int = await kit.rest('GET', '/process-definition?version=aString');
    const date = await kit.rest('GET', '/history/process-instance?startedBefore=yesterday');
    const vars = await kit.rest('GET', '/process-instance?variables=invalidFormattedVariableQuery');
    const op = await kit.rest('GET', '/process-instance?variables=level_like2_major');
    const postVars = await kit.rest('POST', '/process-instance', { body: { variables: [{ name: 'level', operator: 'between', value: 'x' }] } });
    const postList = await kit.rest('POST', '/process-instance', { body: { processInstanceIds: 'not-a-list' } });
    const quote = await kit.rest('GET', `/process-instance?businessKey=${encodeURIComponent("' OR '1'='1")}`);
    // then
    expect(bool.body).toEqual(invalid("Cannot set query parameter 'active' to value 'maybe': Cannot convert value maybe to java type java.lang.Boolean"));
    expect(int.body).toEqual(invalid("Cannot set query parameter 'version' to value 'aString': Cannot convert value aString to java type java.lang.Integer"));
    expect(date.body).toEqual(invalid(`Cannot set query parameter 'startedBefore' to value 'yesterday': Cannot convert value "yesterday" to java type java.util.Date`));
    expect(vars.body).toEqual(
      invalid("Cannot set query parameter 'variables' to value 'invalidFormattedVariableQuery': variable query parameter has to have format KEY_OPERATOR_VALUE."),
    );
    expect(op.body).toEqual(invalid('Invalid variable comparator specified: like2'));
    expect(postVars.body).toEqual(invalid('Invalid variable comparator specified: between'));
    expect(postList.status).toBe(400);
    expect(postList.body.type).toBe('InvalidRequestException');
    expect(quote.body).toEqual([]);
    const oddNames = await kit.rest('GET', `/process-instance?variables=${encodeURIComponent("a')\"b_eq_x,$.c*_eq_y")}`);
    const oddPosted = await kit.rest('POST', '/process-instance', { body: { variables: [{ name: '"; DROP TABLE process_instance; --', operator: 'eq', value: 1 }] } });
    const emptyLists = await kit.rest('POST', '/process-instance/count', { body: { processInstanceIds: [], tenantIdIn: [], processDefinitionKeyIn: [] } });
    expect([oddNames.status, oddNames.body]).toEqual([200, []]);
    expect([oddPosted.status, oddPosted.body]).toEqual([200, []]);
    expect(emptyLists.body).toEqual({ count: 4 });
    expect((await kit.rest('GET', '/process-instance/count')).body.count).toBe(4);
  });

  it('accepts dates in Camunda format (any offset) and ISO 8601', async () => {
    // given a1 started 08:00:00Z, a2 08:01, b1 08:02, b2 08:03
    // when
    const camunda = await kit.rest('GET', `/history/process-instance?startedAfter=${encodeURIComponent('2026-11-28T16:01:00.000+0800')}&sortBy=startTime&sortOrder=asc`);
    const iso = await kit.rest('GET', '/history/process-instance?startedBefore=2026-11-28T08:01:00Z&sortBy=startTime&sortOrder=asc');
    // then
    expect(camunda.body.map((p: any) => p.businessKey)).toEqual(['a-2', 'b-1', 'b-2']);
    expect(iso.body.map((p: any) => p.businessKey)).toEqual(['a-1', 'a-2']);
  });
});
