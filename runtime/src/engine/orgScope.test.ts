/* eslint-disable @typescript-eslint/no-explicit-any -- JSON response bodies of the API under test are checked by the assertions */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineGatewayOf } from '../engineGateway/engineGatewayOf';
import type { AuthContext } from '../http/AuthContext';
import { seedMatrix, type MatrixFixture, type MatrixUser } from '../testing/seedMatrix';
import { bpmn } from './testing/bpmn';
import { startEngineServer, type EngineKit } from './testing/engineTestKit';

const checkForm = {
  type: 'object',
  properties: {
    result: {
      type: 'string',
      title: '检查结果',
      enum: ['ok', 'fix'],
      'x-component': 'Radio.Group',
      required: true,
    },
  },
};

const taskProcess = bpmn(
  'orgTask',
  `<startEvent id="start"/>
   <sequenceFlow id="f1" sourceRef="start" targetRef="review"/>
   <userTask id="review" name="Review" camunda:formKey="safeflow:forms/orgCheck@latest"/>
   <sequenceFlow id="f2" sourceRef="review" targetRef="end"/>
   <endEvent id="end"/>`,
);
const parentProcess = bpmn(
  'orgParent',
  `<startEvent id="start"/>
   <sequenceFlow id="f1" sourceRef="start" targetRef="call"/>
   <callActivity id="call" calledElement="orgChild"/>
   <sequenceFlow id="f2" sourceRef="call" targetRef="end"/>
   <endEvent id="end"/>`,
);
const childProcess = bpmn(
  'orgChild',
  `<startEvent id="start"/>
   <sequenceFlow id="f1" sourceRef="start" targetRef="childTask"/>
   <userTask id="childTask" name="Child task"/>
   <sequenceFlow id="f2" sourceRef="childTask" targetRef="end"/>
   <endEvent id="end"/>`,
);
const externalProcess = bpmn(
  'orgExt',
  `<startEvent id="start"/>
   <sequenceFlow id="f1" sourceRef="start" targetRef="work"/>
   <serviceTask id="work" name="Work" camunda:type="external" camunda:topic="orgTopic"/>
   <sequenceFlow id="f2" sourceRef="work" targetRef="end"/>
   <endEvent id="end"/>`,
);

const messageRoots = '<message id="msgOrgDef" name="orgMsg"/>';
const messageStart = bpmn(
  'orgMsgStart',
  `<startEvent id="start"><messageEventDefinition messageRef="msgOrgDef"/></startEvent>
   <sequenceFlow id="f1" sourceRef="start" targetRef="end"/>
   <endEvent id="end"/>`,
  messageRoots,
);
const messageCatch = bpmn(
  'orgMsgCatch',
  `<startEvent id="start"/>
   <sequenceFlow id="f1" sourceRef="start" targetRef="wait"/>
   <intermediateCatchEvent id="wait"><messageEventDefinition messageRef="msgOrgDef"/></intermediateCatchEvent>
   <sequenceFlow id="f2" sourceRef="wait" targetRef="after"/>
   <userTask id="after" name="After message"/>
   <sequenceFlow id="f3" sourceRef="after" targetRef="end"/>
   <endEvent id="end"/>`,
  messageRoots,
);
const signalRoots = '<signal id="sigOrgDef" name="sigOrg"/>';
const signalStart = bpmn(
  'orgSigStart',
  `<startEvent id="start"><signalEventDefinition signalRef="sigOrgDef"/></startEvent>
   <sequenceFlow id="f1" sourceRef="start" targetRef="signalled"/>
   <userTask id="signalled" name="Signalled"/>
   <sequenceFlow id="f2" sourceRef="signalled" targetRef="end"/>
   <endEvent id="end"/>`,
  signalRoots,
);
const signalCatch = bpmn(
  'orgSigCatch',
  `<startEvent id="start"/>
   <sequenceFlow id="f1" sourceRef="start" targetRef="wait"/>
   <intermediateCatchEvent id="wait"><signalEventDefinition signalRef="sigOrgDef"/></intermediateCatchEvent>
   <sequenceFlow id="f2" sourceRef="wait" targetRef="afterSignal"/>
   <userTask id="afterSignal" name="After signal"/>
   <sequenceFlow id="f3" sourceRef="afterSignal" targetRef="end"/>
   <endEvent id="end"/>`,
  signalRoots,
);
const tenantless = bpmn(
  'orgFree',
  `<startEvent id="start"/>
   <sequenceFlow id="f1" sourceRef="start" targetRef="free"/>
   <userTask id="free" name="Free"/>
   <sequenceFlow id="f2" sourceRef="free" targetRef="end"/>
   <endEvent id="end"/>`,
);

describe('engine data is scoped by org for people (enterprises of one tenant)', () => {
  let kit: EngineKit;
  let fx: MatrixFixture;
  let tenant: string;
  /** Instance ids by owner: E1 (enterprise 1), E2 (enterprise 2). */
  const inst = { e1Task: '', e2Task: '', e1Ext: '', e2Ext: '', e1Parent: '', e1Child: '', e1Gateway: '' };

  const rest = (method: string, path: string, as: MatrixUser | 'admin', body?: unknown) =>
    as === 'admin'
      ? kit.rest(method, path, { body })
      : kit.server.request(method, `/engine-rest${path}`, {
          body,
          headers: { authorization: `Bearer ${as.token}` },
        });
  const api = (method: string, path: string, as: MatrixUser, body?: unknown) =>
    kit.server.request(method, `/api/v1${path}`, { body, headers: { authorization: `Bearer ${as.token}` } });
  const orgPathOf = async (id: string) =>
    (
      await kit.deps.db.query<{ org_path: string | null }>(
        'SELECT org_path FROM process_instance WHERE id = ?',
        [id],
      )
    )[0]?.org_path;
  const startAs = async (key: string, as: MatrixUser | 'admin') => {
    const res = await rest('POST', `/process-definition/key/${key}/tenant-id/${tenant}/start`, as, {});
    expect(res.status, res.text).toBe(200);
    return res.body.id as string;
  };
  /** The instance ids among `ids` that a list answer mentions (by `processInstanceId` or `id`). */
  const seen = (body: any[], field = 'processInstanceId') => new Set(body.map((r) => r[field]));

  beforeAll(async () => {
    kit = await startEngineServer();
    fx = await seedMatrix(kit.server, { prefix: 'os' });
    tenant = fx.orgs.C.id;
    const dep = await kit.deploy(
      {
        'task.bpmn': taskProcess,
        'parent.bpmn': parentProcess,
        'child.bpmn': childProcess,
        'ext.bpmn': externalProcess,
      },
      { 'tenant-id': tenant },
    );
    expect(dep.status, dep.text).toBe(200);
    const officer = fx.user('safetyOfficer', 1);
    const c = await api('POST', '/definitions/form', officer, {
      key: 'orgCheck',
      name: 'orgCheck',
      content: checkForm,
    });
    expect(c.status, c.text).toBe(201);
    const p = await api('POST', '/definitions/form/orgCheck/publish', officer, {});
    expect(p.status, p.text).toBe(200);

    inst.e1Task = await startAs('orgTask', fx.user('safetyOfficer', 1));
    inst.e2Task = await startAs('orgTask', fx.user('safetyOfficer', 2));
    inst.e1Ext = await startAs('orgExt', fx.user('operator', 1));
    inst.e2Ext = await startAs('orgExt', fx.user('operator', 2));
    const parent = await engineGatewayOf(kit.deps).startProcess({
      key: 'orgParent',
      tenantId: tenant,
      orgId: fx.orgs.E1.id,
    });
    inst.e1Parent = parent.id;
    const [child] = await kit.deps.db.query<{ id: string }>(
      'SELECT id FROM process_instance WHERE super_instance_id = ?',
      [parent.id],
    );
    inst.e1Child = child!.id;
    // both external tasks fail without retries: one incident per enterprise
    const worker = await kit.workerCredential(['orgTopic'], tenant);
    const locked = await kit.rest('POST', '/external-task/fetchAndLock', {
      as: worker,
      body: { workerId: 'w1', maxTasks: 10, topics: [{ topicName: 'orgTopic', lockDuration: 60_000 }] },
    });
    expect(locked.status, locked.text).toBe(200);
    expect(locked.body).toHaveLength(2);
    for (const t of locked.body) {
      const f = await kit.rest('POST', `/external-task/${t.id}/failure`, {
        as: worker,
        body: { workerId: 'w1', errorMessage: 'boom', retries: 0, retryTimeout: 0 },
      });
      expect(f.status, f.text).toBe(204);
    }
  });
  afterAll(async () => {
    await kit?.close();
  });

  it('gives a REST start the caller’s shallowest start org in the tenant (admins: the tenant root) and call-activity children their parent’s org', async () => {
    // given the instances started in beforeAll, and two more
    const byAdmin = await startAs('orgTask', 'admin');
    const byCity = await startAs('orgTask', fx.user('cityBureauAdmin', 1));
    // then
    expect(await orgPathOf(inst.e1Task)).toBe(fx.orgs.E1.path);
    expect(await orgPathOf(inst.e2Task)).toBe(fx.orgs.E2.path);
    expect(await orgPathOf(byAdmin)).toBe(`/${tenant}/`);
    expect(await orgPathOf(byCity)).toBe(fx.orgs.C.path);
    expect(await orgPathOf(inst.e1Parent)).toBe(fx.orgs.E1.path);
    expect(await orgPathOf(inst.e1Child)).toBe(fx.orgs.E1.path);
    const [task] = await kit.deps.db.query<{ org_path: string }>(
      'SELECT org_path FROM user_task WHERE process_instance_id = ?',
      [inst.e1Child],
    );
    expect(task!.org_path).toBe(fx.orgs.E1.path);
    const [hist] = await kit.deps.db.query<{ org_path: string }>(
      'SELECT org_path FROM hist_process_instance WHERE id = ?',
      [inst.e2Task],
    );
    expect(hist!.org_path).toBe(fx.orgs.E2.path);
  });

  it('refuses a bad orgId with a clear error and writes nothing', async () => {
    // given
    const gateway = engineGatewayOf(kit.deps);
    const other = await kit.createTenant('other tenant');
    const officer1 = fx.user('safetyOfficer', 1);
    const actor: AuthContext = {
      kind: 'user',
      userId: officer1.id,
      username: officer1.username,
      platformAdmin: false,
      memberships: [
        {
          orgId: fx.orgs.E1.id,
          orgPath: fx.orgs.E1.path,
          tenantId: tenant,
          roleKey: 'safetyOfficer',
          permissions: ['task.work'],
        },
      ],
    };
    const count = async () =>
      Number(
        (
          await kit.deps.db.query<{ n: number }>(
            'SELECT (SELECT COUNT(*) FROM process_instance) + (SELECT COUNT(*) FROM hist_process_instance) AS n',
          )
        )[0]!.n,
      );
    const before = await count();
    // when
    const missing = await gateway
      .startProcess({ key: 'orgTask', tenantId: tenant, orgId: 'no-such-org' })
      .catch((e) => e);
    const foreign = await gateway
      .startProcess({ key: 'orgTask', tenantId: tenant, orgId: other })
      .catch((e) => e);
    const outOfScope = await gateway
      .startProcess({ key: 'orgTask', tenantId: tenant, orgId: fx.orgs.E2.id, actor })
      .catch((e) => e);
    const inScope = await gateway.startProcess({
      key: 'orgTask',
      tenantId: tenant,
      orgId: fx.orgs.E1.id,
      actor,
    });
    // then
    expect(missing).toMatchObject({ code: 'org.not_found', status: 404 });
    expect(foreign).toMatchObject({ code: 'process_instance.org_outside_tenant', status: 400 });
    expect(outOfScope).toMatchObject({ code: 'org.not_found', status: 404 });
    expect(await orgPathOf(inScope.id)).toBe(fx.orgs.E1.path);
    inst.e1Gateway = inScope.id;
    expect(await count()).toBe(before + 2);
  });

  it('shows an enterprise user only their enterprise’s tasks and instances (lists, counts, ids → 404)', async () => {
    // given
    const a = fx.user('safetyOfficer', 1);
    const [bTask] = (await rest('GET', `/task?processInstanceId=${inst.e2Task}`, 'admin')).body;
    // when
    const tasks = await rest('GET', '/task', a);
    const posted = await rest('POST', '/task', a, { processInstanceIdIn: [inst.e1Task, inst.e2Task] });
    const count = await rest('GET', `/task/count?processInstanceId=${inst.e2Task}`, a);
    const instances = await rest('GET', '/process-instance', a);
    const instanceCount = await rest('POST', '/process-instance/count', a, {
      processInstanceIds: [inst.e2Task, inst.e2Ext],
    });
    // then
    expect(tasks.status, tasks.text).toBe(200);
    expect(seen(tasks.body)).toEqual(new Set([inst.e1Task, inst.e1Child, inst.e1Gateway]));
    expect(seen(posted.body)).toEqual(new Set([inst.e1Task]));
    expect(count.body).toEqual({ count: 0 });
    expect(seen(instances.body, 'id').has(inst.e1Task)).toBe(true);
    for (const id of [inst.e2Task, inst.e2Ext]) expect(seen(instances.body, 'id').has(id)).toBe(false);
    expect(instanceCount.body).toEqual({ count: 0 });
    for (const path of [
      `/task/${bTask.id}`,
      `/task/${bTask.id}/variables`,
      `/process-instance/${inst.e2Task}`,
      `/process-instance/${inst.e2Task}/variables`,
    ]) {
      expect((await rest('GET', path, a)).status, path).toBe(404);
    }
    const claim = await rest('POST', `/task/${bTask.id}/claim`, a, { userId: a.username });
    expect(claim.status).toBe(404);
    expect((await rest('GET', `/task/${bTask.id}`, 'admin')).body.assignee).toBeNull();
  });

  it('scopes history, incidents, variables and external tasks by org: a district admin sees its branch, the city admin both, the platform admin all', async () => {
    const lists = async (as: MatrixUser | 'admin') => ({
      history: seen((await rest('GET', '/history/process-instance', as)).body, 'id'),
      historyCount: (
        await rest('POST', '/history/process-instance/count', as, {
          processInstanceIds: [inst.e1Task, inst.e2Task],
        })
      ).body.count,
      historyTasks: seen((await rest('GET', '/history/task', as)).body),
      activities: seen((await rest('GET', '/history/activity-instance', as)).body),
      historyVariables: seen((await rest('GET', '/history/variable-instance', as)).body),
      incidents: seen((await rest('GET', '/incident', as)).body),
      variables: seen((await rest('GET', '/variable-instance', as)).body),
      external: seen((await rest('GET', '/external-task', as)).body),
    });
    // given each instance has a variable (history and runtime)
    for (const id of [inst.e1Task, inst.e2Task]) {
      const put = await rest('PUT', `/process-instance/${id}/variables/note`, 'admin', {
        value: 'x',
        type: 'String',
      });
      expect(put.status, put.text).toBe(204);
    }
    // when
    const d1 = await lists(fx.user('districtBureauAdmin', 1));
    const d2 = await lists(fx.user('districtBureauAdmin', 2));
    const city = await lists(fx.user('cityBureauAdmin', 1));
    const admin = await lists('admin');
    // then
    expect(d1.history.has(inst.e1Task) && d1.history.has(inst.e1Child)).toBe(true);
    expect(d1.history.has(inst.e2Task) || d1.history.has(inst.e2Ext)).toBe(false);
    expect(d1.historyCount).toBe(1);
    expect(d1.historyTasks).toEqual(new Set([inst.e1Task, inst.e1Child, inst.e1Gateway]));
    expect(d1.activities.has(inst.e1Task) && !d1.activities.has(inst.e2Task)).toBe(true);
    expect(d1.historyVariables).toEqual(new Set([inst.e1Task]));
    expect(d1.incidents).toEqual(new Set([inst.e1Ext]));
    expect(d1.variables).toEqual(new Set([inst.e1Task]));
    expect(d1.external).toEqual(new Set([inst.e1Ext]));
    expect(d2.incidents).toEqual(new Set([inst.e2Ext]));
    expect(d2.historyTasks).toEqual(new Set([inst.e2Task]));
    expect(d2.variables).toEqual(new Set([inst.e2Task]));
    for (const v of [city, admin]) {
      expect(v.incidents).toEqual(new Set([inst.e1Ext, inst.e2Ext]));
      expect(v.variables).toEqual(new Set([inst.e1Task, inst.e2Task]));
      expect(v.external).toEqual(new Set([inst.e1Ext, inst.e2Ext]));
      expect(v.historyCount).toBe(2);
    }
    const d1u = fx.user('districtBureauAdmin', 1);
    const [e2Incident] = (await rest('GET', `/incident?processInstanceId=${inst.e2Ext}`, 'admin')).body;
    const [e2Ext] = (await rest('GET', `/external-task?processInstanceId=${inst.e2Ext}`, 'admin')).body;
    const [e2Var] = (await rest('GET', `/variable-instance?processInstanceIdIn=${inst.e2Task}`, 'admin'))
      .body;
    expect(e2Incident).toBeDefined();
    expect((await rest('GET', `/history/process-instance/${inst.e2Task}`, d1u)).status).toBe(404);
    expect((await rest('GET', `/history/process-instance/${inst.e1Task}`, d1u)).status).toBe(200);
    expect((await rest('GET', `/external-task/${e2Ext.id}`, d1u)).status).toBe(404);
    expect((await rest('GET', `/variable-instance/${e2Var.id}`, d1u)).status).toBe(404);
    expect((await rest('GET', `/external-task/${e2Ext.id}`, fx.user('cityBureauAdmin', 1))).status).toBe(200);
  });

  it('lets the enterprise safety officer complete their enterprise’s task through /api/v1, not the other’s; history stays scoped after the end', async () => {
    // given
    const a = fx.user('safetyOfficer', 1);
    const b = fx.user('safetyOfficer', 2);
    const [aTask] = (await rest('GET', `/task?processInstanceId=${inst.e1Task}`, a)).body;
    // when
    const foreign = await api('POST', `/tasks/${aTask.id}/submit`, b, { values: { result: 'ok' } });
    const ok = await api('POST', `/tasks/${aTask.id}/submit`, a, { values: { result: 'ok' } });
    // then
    expect(foreign.status).toBe(404);
    expect(ok.status, ok.text).toBe(201);
    expect(await orgPathOf(inst.e1Task)).toBeUndefined();
    const d1 = await rest(
      'GET',
      `/history/process-instance?processInstanceId=${inst.e1Task}&finished=true`,
      fx.user('districtBureauAdmin', 1),
    );
    const d2 = await rest(
      'GET',
      `/history/process-instance?processInstanceId=${inst.e1Task}&finished=true`,
      fx.user('districtBureauAdmin', 2),
    );
    expect(d1.body.map((h: any) => h.id)).toEqual([inst.e1Task]);
    expect(d2.body).toEqual([]);
    const [sub] = await kit.deps.db.query<{ org_path: string }>(
      'SELECT org_path FROM submission WHERE id = ?',
      [ok.body.submissionId],
    );
    expect(sub!.org_path).toBe(fx.orgs.E1.path);
  });

  it('starts signal start events for the sender’s org (admin: the tenant root) and lets a person’s signal reach only instances in their scope', async () => {
    // given
    const dep = await kit.deploy(
      { 'sigStart.bpmn': signalStart, 'sigCatch.bpmn': signalCatch },
      { 'tenant-id': tenant },
    );
    expect(dep.status, dep.text).toBe(200);
    const catch1 = await startAs('orgSigCatch', fx.user('safetyOfficer', 1));
    const catch2 = await startAs('orgSigCatch', fx.user('safetyOfficer', 2));
    const started = async () =>
      (
        await kit.deps.db.query<{ org_path: string }>(
          `SELECT org_path FROM process_instance WHERE definition_key = 'orgSigStart' ORDER BY start_time, id`,
        )
      ).map((r) => r.org_path);
    const tasksOf = async (id: string) =>
      (await rest('GET', `/task?processInstanceId=${id}`, 'admin')).body.map((t: any) => t.taskDefinitionKey);
    // when a person of enterprise 1 signals
    const byOfficer = await rest('POST', '/signal', fx.user('safetyOfficer', 1), { name: 'sigOrg' });
    // then
    expect(byOfficer.status, byOfficer.text).toBe(204);
    expect(await started()).toEqual([fx.orgs.E1.path]);
    expect(await tasksOf(catch1)).toEqual(['afterSignal']);
    expect(await tasksOf(catch2)).toEqual([]);
    // when the platform admin signals
    const byAdmin = await rest('POST', '/signal', 'admin', { name: 'sigOrg' });
    // then
    expect(byAdmin.status, byAdmin.text).toBe(204);
    expect((await started()).sort()).toEqual([fx.orgs.E1.path, `/${tenant}/`].sort());
    expect(await tasksOf(catch2)).toEqual(['afterSignal']);
  });

  it('keeps an instance of a tenant-less definition tenant-less, owned by the org it was started for', async () => {
    // given
    const dep = await kit.deploy({ 'free.bpmn': tenantless });
    expect(dep.status, dep.text).toBe(200);
    // when
    const pi = await engineGatewayOf(kit.deps).startProcess({ key: 'orgFree', orgId: fx.orgs.E2.id });
    // then
    const [row] = await kit.deps.db.query<{ tenant_id: string | null; org_path: string }>(
      'SELECT tenant_id, org_path FROM process_instance WHERE id = ?',
      [pi.id],
    );
    expect(row).toEqual({ tenant_id: null, org_path: fx.orgs.E2.path });
    expect((await rest('GET', `/process-instance/${pi.id}`, fx.user('safetyOfficer', 1))).status).toBe(404);
    const mine = await rest('GET', `/process-instance/${pi.id}`, fx.user('safetyOfficer', 2));
    expect(mine.status).toBe(200);
    expect(mine.body.tenantId).toBeNull();
    expect((await rest('GET', `/task?processInstanceId=${pi.id}`, fx.user('safetyOfficer', 1))).body).toEqual(
      [],
    );
    expect(
      (await rest('GET', `/task?processInstanceId=${pi.id}`, fx.user('safetyOfficer', 2))).body,
    ).toHaveLength(1);
  });

  it('starts message start events for the sender’s org and correlates a person’s message only with instances in their scope', async () => {
    // given
    const dep = await kit.deploy(
      { 'msgStart.bpmn': messageStart, 'msgCatch.bpmn': messageCatch },
      { 'tenant-id': tenant },
    );
    expect(dep.status, dep.text).toBe(200);
    const waiting = await startAs('orgMsgCatch', fx.user('safetyOfficer', 1));
    const b = fx.user('safetyOfficer', 2);
    // when enterprise 2 correlates with enterprise 1's waiting instance, then starts by message
    const foreign = await rest('POST', '/message', b, { messageName: 'orgMsg', processInstanceId: waiting });
    const started = await rest('POST', '/message', b, {
      messageName: 'orgMsg',
      businessKey: 'msg-e2',
      resultEnabled: true,
    });
    const own = await rest('POST', '/message', fx.user('safetyOfficer', 1), {
      messageName: 'orgMsg',
      processInstanceId: waiting,
    });
    // then
    expect(foreign.status).toBe(400);
    expect(foreign.body.message).toMatch(/^Cannot correlate message 'orgMsg'/);
    expect(started.status, started.text).toBe(200);
    expect(started.body).toHaveLength(1);
    const [hist] = await kit.deps.db.query<{ org_path: string }>(
      'SELECT org_path FROM hist_process_instance WHERE id = ?',
      [started.body[0].processInstance.id],
    );
    expect(hist!.org_path).toBe(fx.orgs.E2.path);
    expect(own.status, own.text).toBe(204);
    const tasks = await rest('GET', `/task?processInstanceId=${waiting}`, 'admin');
    expect(tasks.body.map((t: any) => t.taskDefinitionKey)).toEqual(['after']);
  });
});
