/* eslint-disable @typescript-eslint/no-explicit-any -- JSON response bodies of the API under test are checked by the assertions */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../audit/appendAudit';
import { hashPassword } from '../auth/passwords';
import { bpmn } from '../engine/testing/bpmn';
import { startEngineServer, type Creds, type EngineKit } from '../engine/testing/engineTestKit';
import { insertOrg } from '../orgs/orgCommands';
import type { OrgRow } from '../orgs/orgRow';
import { seedMatrix, type MatrixFixture } from '../testing/seedMatrix';
import { insertMembership } from '../users/membershipCommands';
import { insertUser } from '../users/userCommands';

process.env.SCHEDULER_TICK_MS = '0';

const inspect = bpmn(
  'downInspect',
  `<startEvent id="start"/>
   <sequenceFlow id="f1" sourceRef="start" targetRef="check"/>
   <userTask id="check" name="检查" camunda:candidateGroups="safetyOfficer"/>
   <sequenceFlow id="f2" sourceRef="check" targetRef="end"/>
   <endEvent id="end"/>`,
);
const named = bpmn(
  'downNamed',
  `<startEvent id="start"/>
   <sequenceFlow id="f1" sourceRef="start" targetRef="check"/>
   <userTask id="check" name="指派检查" camunda:assignee="\${assignee}"/>
   <sequenceFlow id="f2" sourceRef="check" targetRef="end"/>
   <endEvent id="end"/>`,
);

describe('assignment downwards: a bureau sends work to enterprises', () => {
  let kit: EngineKit;
  let fx: MatrixFixture;
  let e1b: OrgRow;
  let officerB: { username: string; token: string };
  const api = (method: string, path: string, token: string, body?: unknown, headers?: Record<string, string>) => kit.server.request(method, `/api/v1${path}`, { token, body, headers });
  const basic = (username: string): Creds => ({ username, password: fx.password });
  const instanceCount = async () => Number((await kit.deps.db.query<{ n: number | string }>(`SELECT COUNT(*) AS n FROM process_instance`))[0]!.n);

  beforeAll(async () => {
    kit = await startEngineServer();
    fx = await seedMatrix(kit.server, { prefix: 'ad' });
    const [s1] = await kit.deps.db.query<OrgRow>('SELECT * FROM org WHERE id = ?', [fx.orgs.S1.id]);
    const passwordHash = await hashPassword(fx.password);
    e1b = await kit.deps.db.transaction(async (tx) => {
      const org = await insertOrg(tx, kit.deps, SYSTEM_ACTOR, { parent: s1, type: 'enterprise', name: 'ad Enterprise B' });
      const userId = await insertUser(tx, kit.deps, SYSTEM_ACTOR, { username: 'ad.safety.b', passwordHash, org });
      await insertMembership(tx, kit.deps, SYSTEM_ACTOR, { userId, org, roleKey: 'safetyOfficer' });
      return org;
    });
    const login = await kit.server.request('POST', '/api/v1/auth/login', { body: { username: 'ad.safety.b', password: fx.password } });
    officerB = { username: 'ad.safety.b', token: login.body.accessToken };
    const dep = await kit.deploy({ 'inspect.bpmn': inspect, 'named.bpmn': named }, { 'tenant-id': fx.orgs.C.id });
    expect(dep.status, dep.text).toBe(200);
  });
  afterAll(async () => {
    await kit?.close();
  });

  it('starts one instance per target enterprise; each enterprise’s safety officer sees only its own task', async () => {
    // given the district admin of D1
    const district = fx.user('districtBureauAdmin', 1);
    // when they start the inspection for enterprises A (E1) and B (e1b)
    const res = await api('POST', '/processes/downInspect/start', district.token, { orgIds: [fx.orgs.E1.id, e1b.id], variables: { checklistKey: 'fire' } });
    // then two instances, each owned by its enterprise
    expect(res.status, res.text).toBe(201);
    expect(res.body.instances.map((i: any) => i.orgId)).toEqual([fx.orgs.E1.id, e1b.id]);
    const rows = await kit.deps.db.query<{ id: string; org_path: string }>(`SELECT id, org_path FROM process_instance WHERE definition_key = 'downInspect'`);
    const pathOf = (id: string) => rows.find((r) => r.id === id)!.org_path;
    expect(pathOf(res.body.instances[0].processInstanceId)).toBe(fx.orgs.E1.path);
    expect(pathOf(res.body.instances[1].processInstanceId)).toBe(e1b.path);
    // A's safety officer sees only A's task, through /engine-rest and /api/v1
    const a = fx.user('safetyOfficer', 1);
    const restA = await kit.rest('GET', '/task?processDefinitionKey=downInspect', { as: basic(a.username) });
    expect(restA.body.map((t: any) => t.processInstanceId)).toEqual([res.body.instances[0].processInstanceId]);
    const inboxA = await api('GET', '/tasks', a.token);
    expect(inboxA.status, inboxA.text).toBe(200);
    expect(inboxA.body.items.map((t: any) => [t.processInstanceId, t.orgId])).toEqual([[res.body.instances[0].processInstanceId, fx.orgs.E1.id]]);
    // B's safety officer sees only B's
    const inboxB = await api('GET', '/tasks', officerB.token);
    expect(inboxB.body.items.map((t: any) => t.processInstanceId)).toEqual([res.body.instances[1].processInstanceId]);
    const restB = await kit.rest('GET', `/task/${restA.body[0].id}`, { as: basic(officerB.username) });
    expect(restB.status).toBe(404);
    // and A's officer completes A's task
    expect((await kit.rest('POST', `/task/${restA.body[0].id}/complete`, { as: basic(a.username), body: {} })).status).toBe(204);
  });

  it('refuses targets outside the caller’s scope (nothing started) and replays an Idempotency-Key', async () => {
    const district = fx.user('districtBureauAdmin', 1);
    const before = await instanceCount();
    const outside = await api('POST', '/processes/downInspect/start', district.token, { orgIds: [fx.orgs.E1.id, fx.orgs.E2.id] });
    expect(outside.status).toBe(404);
    expect(outside.body.code).toBe('org.not_found');
    expect(await instanceCount()).toBe(before);
    // unknown fields are refused, not ignored
    const unknown = await api('POST', '/processes/downInspect/start', district.token, { orgIds: [fx.orgs.E1.id], orgId: fx.orgs.E1.id });
    expect(unknown.status).toBe(400);
    // by type in the caller's subtree: every enterprise under D1
    const byType = await api('POST', '/processes/downInspect/start', district.token, { targets: { orgTypes: ['enterprise'] } }, { 'idempotency-key': 'round-1' });
    expect(byType.status, byType.text).toBe(201);
    expect(byType.body.instances.map((i: any) => i.orgId).sort()).toEqual([fx.orgs.E1.id, e1b.id].sort());
    const replay = await api('POST', '/processes/downInspect/start', district.token, { targets: { orgTypes: ['enterprise'] } }, { 'idempotency-key': 'round-1' });
    expect(replay.status).toBe(201);
    expect(replay.body.instances).toEqual(byType.body.instances);
    expect(await instanceCount()).toBe(before + 2);
  });

  it('honours orgId on the engine REST start and refuses a bad one instead of ignoring it', async () => {
    const district = basic(fx.user('districtBureauAdmin', 1).username);
    const path = `/process-definition/key/downInspect/tenant-id/${fx.orgs.C.id}/start`;
    const ok = await kit.rest('POST', path, { as: district, body: { orgId: fx.orgs.E1.id } });
    expect(ok.status, ok.text).toBe(200);
    const [row] = await kit.deps.db.query<{ org_path: string }>('SELECT org_path FROM process_instance WHERE id = ?', [ok.body.id]);
    expect(row!.org_path).toBe(fx.orgs.E1.path);
    const bad = await kit.rest('POST', path, { as: district, body: { orgId: 42 } });
    expect(bad.status).toBe(400);
    expect(bad.body.type).toBe('InvalidRequestException');
    const outside = await kit.rest('POST', path, { as: district, body: { orgId: fx.orgs.E2.id } });
    expect(outside.status).toBe(404);
  });

  it('shows a task assigned by name to that person although its instance belongs to the bureau', async () => {
    // given the district admin starts at its own org, assigning the task to A's safety officer by name
    const district = basic(fx.user('districtBureauAdmin', 1).username);
    const a = fx.user('safetyOfficer', 1);
    const started = await kit.rest('POST', `/process-definition/key/downNamed/tenant-id/${fx.orgs.C.id}/start`, {
      as: district, body: { variables: { assignee: { value: a.username, type: 'String' } } },
    });
    expect(started.status, started.text).toBe(200);
    const [row] = await kit.deps.db.query<{ org_path: string }>('SELECT org_path FROM process_instance WHERE id = ?', [started.body.id]);
    expect(row!.org_path).toBe(fx.orgs.D1.path);
    // then the named officer sees it in both task queries and can read and complete it
    const list = await kit.rest('GET', `/task?assignee=${a.username}`, { as: basic(a.username) });
    expect(list.body.map((t: any) => t.processInstanceId)).toEqual([started.body.id]);
    const inbox = await api('GET', '/tasks?scope=mine', a.token);
    expect(inbox.body.items.map((t: any) => t.processInstanceId)).toEqual([started.body.id]);
    const count = await kit.rest('GET', '/task/count?processDefinitionKey=downNamed', { as: basic(a.username) });
    expect(count.body.count).toBe(1);
    // others in other enterprises do not
    const other = await kit.rest('GET', '/task?processDefinitionKey=downNamed', { as: basic(fx.user('safetyOfficer', 2).username) });
    expect(other.body).toEqual([]);
    expect((await kit.rest('GET', `/task/${list.body[0].id}`, { as: basic(officerB.username) })).status).toBe(404);
    expect((await kit.rest('POST', `/task/${list.body[0].id}/complete`, { as: basic(a.username), body: {} })).status).toBe(204);
  });
});
