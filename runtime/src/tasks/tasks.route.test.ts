/* eslint-disable @typescript-eslint/no-explicit-any -- JSON bodies of the API under test */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmn } from '../engine/testing/bpmn';
import { startEngineServer, type EngineKit } from '../engine/testing/engineTestKit';
import { seedMatrix, type MatrixFixture, type MatrixUser } from '../testing/seedMatrix';
import { formFieldNames } from './formFieldNames';

const inspectForm = {
  type: 'object',
  properties: {
    site: { type: 'string', title: '检查地点', 'x-component': 'Input' },
    box: {
      type: 'void',
      'x-component': 'Card',
      properties: { result: { type: 'string', title: '结果', enum: ['ok', 'fix'], 'x-component': 'Radio.Group', required: true } },
    },
  },
};

/** An officer's check (overdue: due in 2020) and a worker's follow-up (due in 30 days), both offered to roles. */
const checkProcess = bpmn(
  'inboxCheck',
  `<startEvent id="start"/>
   <sequenceFlow id="f1" sourceRef="start" targetRef="check"/>
   <userTask id="check" name="月度安全检查" camunda:candidateGroups="safetyOfficer" camunda:dueDate="2020-01-01T00:00:00Z" camunda:formKey="safeflow:forms/inboxInspect@latest"/>
   <sequenceFlow id="f2" sourceRef="check" targetRef="follow"/>
   <userTask id="follow" name="整改跟进" camunda:candidateGroups="worker" camunda:dueDate="P30D"/>
   <sequenceFlow id="f3" sourceRef="follow" targetRef="end"/>
   <endEvent id="end"/>`,
);
const personalProcess = bpmn(
  'inboxPersonal',
  `<startEvent id="start"/>
   <sequenceFlow id="f1" sourceRef="start" targetRef="mine"/>
   <userTask id="mine" name="个人任务" camunda:candidateUsers="ib.worker.1"/>
   <sequenceFlow id="f2" sourceRef="mine" targetRef="end"/>
   <endEvent id="end"/>`,
);

describe('GET/POST /api/v1/tasks (inbox, claim, unclaim)', () => {
  let kit: EngineKit;
  let fx: MatrixFixture;
  let officer1: MatrixUser;
  let officer2: MatrixUser;
  let worker1: MatrixUser;
  const ids = { e1Check: '', e2Check: '', personal: '' };

  const api = (method: string, path: string, as: MatrixUser, body?: unknown) =>
    kit.server.request(method, `/api/v1${path}`, { body, headers: { authorization: `Bearer ${as.token}` } });
  const start = async (key: string, as: MatrixUser, variables: Record<string, unknown> = {}) => {
    const res = await kit.server.request('POST', `/engine-rest/process-definition/key/${key}/tenant-id/${fx.orgs.C.id}/start`, {
      body: { variables },
      headers: { authorization: `Bearer ${as.token}` },
    });
    expect(res.status, res.text).toBe(200);
    return res.body.id as string;
  };

  beforeAll(async () => {
    kit = await startEngineServer();
    fx = await seedMatrix(kit.server, { prefix: 'ib' });
    officer1 = fx.user('safetyOfficer', 1);
    officer2 = fx.user('safetyOfficer', 2);
    worker1 = fx.user('worker', 1);
    const dep = await kit.deploy({ 'check.bpmn': checkProcess, 'personal.bpmn': personalProcess }, { 'tenant-id': fx.orgs.C.id });
    expect(dep.status, dep.text).toBe(200);
    const c = await api('POST', '/definitions/form', officer1, { key: 'inboxInspect', name: '月度检查表', content: inspectForm });
    expect(c.status, c.text).toBe(201);
    expect((await api('POST', '/definitions/form/inboxInspect/publish', officer1, {})).status).toBe(200);
    const e1 = await start('inboxCheck', officer1, { site: { value: '一号仓库', type: 'String' }, unrelated: { value: 1, type: 'Integer' } });
    const e2 = await start('inboxCheck', officer2);
    const p = await start('inboxPersonal', worker1);
    const taskOf = async (pi: string) => (await kit.deps.db.query<{ id: string }>('SELECT id FROM user_task WHERE process_instance_id = ?', [pi]))[0]!.id;
    ids.e1Check = await taskOf(e1);
    ids.e2Check = await taskOf(e2);
    ids.personal = await taskOf(p);
  });
  afterAll(async () => {
    await kit.close();
  });

  it('lists the tasks offered to my roles in my own enterprise only, with process, org, form and due flags', async () => {
    // when
    const res = await api('GET', '/tasks', officer1);
    // then
    expect(res.status, res.text).toBe(200);
    expect(res.body.items.map((t: any) => t.id)).toEqual([ids.e1Check]);
    expect(res.body).toMatchObject({ total: 1, page: 1, pageSize: 20 });
    expect(res.body.items[0]).toMatchObject({
      name: '月度安全检查',
      processKey: 'inboxCheck',
      orgId: fx.orgs.E1.id,
      orgName: expect.any(String),
      form: { key: 'inboxInspect', version: null },
      formKey: 'safeflow:forms/inboxInspect@latest',
      assignee: null,
      assignedToMe: false,
      claimable: true,
      overdue: true,
      due: '2020-01-01T00:00:00.000Z',
    });
    expect(res.body.items[0].orgName).not.toBe(fx.orgs.E1.id);
  });

  it('offers a task to its candidate user as well as to role keys', async () => {
    // when
    const res = await api('GET', '/tasks?scope=claimable', worker1);
    // then the worker's personal task only (the follow-up step does not exist yet)
    expect(res.body.items.map((t: any) => t.id)).toEqual([ids.personal]);
    expect(res.body.items[0].overdue).toBe(false);
  });

  it('claims: the task moves from claimable to mine; someone else claiming gets 409 task.already_claimed', async () => {
    // given
    const otherUser = fx.user('operator', 1); // same enterprise, not offered the task
    // when
    const claimed = await api('POST', `/tasks/${ids.e1Check}/claim`, officer1);
    const again = await api('POST', `/tasks/${ids.e1Check}/claim`, officer1);
    const stolen = await api('POST', `/tasks/${ids.e1Check}/claim`, otherUser);
    const mine = await api('GET', '/tasks?scope=mine', officer1);
    const claimable = await api('GET', '/tasks?scope=claimable', officer1);
    const otherInbox = await api('GET', '/tasks', otherUser);
    // then
    expect(claimed.status, claimed.text).toBe(200);
    expect(claimed.body).toMatchObject({ id: ids.e1Check, assignee: officer1.username, assignedToMe: true, claimable: false });
    expect(again.status).toBe(200);
    expect(stolen.status).toBe(409);
    expect(stolen.body.code).toBe('task.already_claimed');
    expect(mine.body.items.map((t: any) => t.id)).toEqual([ids.e1Check]);
    expect(claimable.body.items).toEqual([]);
    expect(otherInbox.body.items).toEqual([]);

    // and unclaim gives it back; unclaiming someone else's task is refused
    const refused = await api('POST', `/tasks/${ids.e1Check}/unclaim`, otherUser);
    const released = await api('POST', `/tasks/${ids.e1Check}/unclaim`, officer1);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('auth.forbidden');
    expect(released.status).toBe(200);
    expect(released.body).toMatchObject({ assignee: null, claimable: true });
  });

  it('hides other enterprises\' tasks: 404 by id, claim and unclaim included', async () => {
    // when
    const get = await api('GET', `/tasks/${ids.e2Check}`, officer1);
    const claim = await api('POST', `/tasks/${ids.e2Check}/claim`, officer1);
    const all = await api('GET', '/tasks?scope=all', officer1);
    const foreignOrg = await api('GET', `/tasks?orgId=${fx.orgs.E2.id}`, officer1);
    // then
    expect(get.status).toBe(404);
    expect(get.body.code).toBe('task.not_found');
    expect(claim.status).toBe(404);
    expect(all.body.items.map((t: any) => t.id)).not.toContain(ids.e2Check);
    expect(foreignOrg.status).toBe(404);
    expect(foreignOrg.body.code).toBe('org.not_found');
  });

  it('lets a district bureau admin see the tasks of every enterprise below it, filtered by org, overdue, process and text', async () => {
    // given
    const district = fx.user('districtBureauAdmin', 1);
    // when
    const all = await api('GET', '/tasks?scope=all', district);
    const byOrg = await api('GET', `/tasks?scope=all&orgId=${fx.orgs.E1.id}`, district);
    const overdue = await api('GET', '/tasks?scope=all&overdue=true', district);
    const notOverdue = await api('GET', '/tasks?scope=all&overdue=false', district);
    const byProcess = await api('GET', '/tasks?scope=all&processKey=inboxPersonal', district);
    const byText = await api('GET', `/tasks?scope=all&q=${encodeURIComponent('个人')}`, district);
    const dueBefore = await api('GET', '/tasks?scope=all&dueBefore=2021-01-01T00:00:00Z', district);
    const paged = await api('GET', '/tasks?scope=all&pageSize=1&page=2', district);
    // then (branch 1 only: E1's check and the personal task started by worker 1 in E1)
    const idsOf = (r: any) => r.body.items.map((t: any) => t.id).sort();
    expect(idsOf(all)).toEqual([ids.e1Check, ids.personal].sort());
    expect(idsOf(byOrg)).toEqual([ids.e1Check, ids.personal].sort());
    expect(idsOf(overdue)).toEqual([ids.e1Check]);
    expect(idsOf(notOverdue)).toEqual([ids.personal]);
    expect(idsOf(byProcess)).toEqual([ids.personal]);
    expect(idsOf(byText)).toEqual([ids.personal]);
    expect(idsOf(dueBefore)).toEqual([ids.e1Check]);
    expect(paged.body).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect(paged.body.items).toHaveLength(1);
    // overdue first
    expect(all.body.items[0].id).toBe(ids.e1Check);
  });

  it('returns a task with its resolved form version and the process variables the form shows', async () => {
    // when
    const res = await api('GET', `/tasks/${ids.e1Check}`, officer1);
    const plain = await api('GET', `/tasks/${ids.personal}`, worker1);
    // then
    expect(res.status, res.text).toBe(200);
    expect(res.body.task.id).toBe(ids.e1Check);
    expect(res.body.form).toMatchObject({ key: 'inboxInspect', version: 1, name: '月度检查表', schema: inspectForm });
    expect(res.body.values).toEqual({ site: '一号仓库' });
    expect(plain.body).toMatchObject({ form: null, values: {} });
  });

  it('refuses bad queries with request.invalid', async () => {
    // when
    const bad = await api('GET', '/tasks?scope=everything&dueBefore=yesterday', officer1);
    // then
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('request.invalid');
  });
});

describe('formFieldNames', () => {
  it('lists top-level value names through void containers', () => {
    expect(formFieldNames(inspectForm)).toEqual(['site', 'result']);
    expect(formFieldNames(null)).toEqual([]);
  });
});
