/* eslint-disable @typescript-eslint/no-explicit-any -- JSON response bodies of the API under test are checked by the assertions */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Variables } from 'camunda-external-task-client-js';
import { bpmn, oneExternalTask } from '../testing/bpmn';
import { startEngineServer, until, type Creds, type EngineKit } from '../testing/engineTestKit';

const parent = bpmn(
  'parentFlow',
  `<startEvent id="start"/>
   <sequenceFlow id="f1" sourceRef="start" targetRef="call"/>
   <callActivity id="call" calledElement="childFlow">
     <extensionElements><camunda:in variables="all"/><camunda:out variables="all"/></extensionElements>
   </callActivity>
   <sequenceFlow id="f2" sourceRef="call" targetRef="after"/>
   <serviceTask id="after" camunda:type="external" camunda:topic="pi-after"/>
   <sequenceFlow id="f3" sourceRef="after" targetRef="end"/>
   <endEvent id="end"/>`,
);

describe('deployments, definitions and process instances', () => {
  let kit: EngineKit;
  let worker: Creds;
  beforeAll(async () => {
    kit = await startEngineServer();
    const dep = await kit.deploy({
      'vars.bpmn': oneExternalTask('varsFlow', 'pi-vars'),
      'child.bpmn': oneExternalTask('childFlow', 'pi-child'),
      'parent.bpmn': parent,
    });
    expect(dep.status).toBe(200);
    worker = await kit.workerCredential(['pi-vars', 'pi-child', 'pi-after']);
  });
  afterAll(async () => {
    await kit.close();
  });
  const fetch = async (topic: string) =>
    (await kit.rest('POST', '/external-task/fetchAndLock', { as: worker, body: { workerId: 'w', maxTasks: 5, topics: [{ topicName: topic, lockDuration: 60_000 }] } })).body as any[];
  const count = async (table: string) => Number((await kit.deps.db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`))[0]!.n);

  it('answers GET /engine and GET /version', async () => {
    expect((await kit.rest('GET', '/engine')).body).toEqual([{ name: 'default' }]);
    expect((await kit.rest('GET', '/version')).body.version).toMatch(/^7\./);
  });

  it('rejects invalid BPMN with a ParseException per resource and stores nothing', async () => {
    // given
    const before = [await count('deployment'), await count('process_definition')];
    // when
    const res = await kit.deploy({ 'ok.bpmn': oneExternalTask('okFlow', 'x'), 'broken.bpmn': '<definitions><process id="p" isExecutable="true"><startEvent id="s"/>' });
    // then
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.body.type).toBe('ParseException');
    expect(Object.keys(res.body.details)).toEqual(['broken.bpmn']);
    expect(res.body.details['broken.bpmn'].errors[0]).toEqual(expect.objectContaining({ message: expect.any(String) }));
    expect([await count('deployment'), await count('process_definition')]).toEqual(before);
  });

  it('versions definitions by key, serves the XML, and filters duplicate deployments', async () => {
    // given
    const xml1 = oneExternalTask('versioned', 'v');
    const xml2 = oneExternalTask('versioned', 'v2');
    // when
    const d1 = await kit.deploy({ 'versioned.bpmn': xml1 }, { 'deployment-name': 'ver', 'enable-duplicate-filtering': 'true' });
    const dup = await kit.deploy({ 'versioned.bpmn': xml1 }, { 'deployment-name': 'ver', 'enable-duplicate-filtering': 'true' });
    const d2 = await kit.deploy({ 'versioned.bpmn': xml2 }, { 'deployment-name': 'ver', 'enable-duplicate-filtering': 'true' });
    // then
    const defs1 = Object.values(d1.body.deployedProcessDefinitions) as any[];
    expect(defs1).toEqual([expect.objectContaining({ key: 'versioned', version: 1, resource: 'versioned.bpmn', deploymentId: d1.body.id })]);
    expect(defs1[0].id).toMatch(/^versioned:1:/);
    expect(d1.body.deploymentTime).toMatch(/\+0000$/);
    expect(dup.body.id).toBe(d1.body.id);
    expect(dup.body.deployedProcessDefinitions).toBeNull();
    expect((Object.values(d2.body.deployedProcessDefinitions) as any[])[0].version).toBe(2);
    const latest = await kit.rest('GET', '/process-definition/key/versioned');
    expect(latest.body).toMatchObject({ key: 'versioned', version: 2 });
    const xml = await kit.rest('GET', '/process-definition/key/versioned/xml');
    expect(xml.body.bpmn20Xml).toBe(xml2);
    const list = await kit.rest('GET', '/process-definition?key=versioned&latestVersion=true');
    expect(list.body.map((d: any) => d.version)).toEqual([2]);
    const deployment = await kit.rest('GET', `/deployment/${d1.body.id}`);
    expect(deployment.body.name).toBe('ver');
  });

  it('deploy-changed-only deploys only the resources that changed', async () => {
    // given
    const one = oneExternalTask('changedA', 'c');
    const two = oneExternalTask('changedB', 'c');
    await kit.deploy({ 'a.bpmn': one, 'b.bpmn': two }, { 'deployment-name': 'changed', 'deploy-changed-only': 'true' });
    // when
    const res = await kit.deploy({ 'a.bpmn': one, 'b.bpmn': oneExternalTask('changedB', 'c2') }, { 'deployment-name': 'changed', 'deploy-changed-only': 'true' });
    // then
    const defs = Object.values(res.body.deployedProcessDefinitions) as any[];
    expect(defs.map((d) => [d.key, d.version])).toEqual([['changedB', 2]]);
  });

  it('start by unknown key is 404 and creates nothing', async () => {
    // given
    const before = await count('process_instance');
    // when
    const res = await kit.rest('POST', '/process-definition/key/nope/start', { body: {} });
    // then
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ type: 'RestException', message: 'No matching process definition with key: nope and no tenant-id' });
    expect(await count('process_instance')).toBe(before);
  });

  it('variables: typed values in and out, modifications and deletions, single variables, inferred and transient values', async () => {
    // given
    const pi = await kit.start('varsFlow', {
      variables: {
        n: { value: 5, type: 'integer' },
        when: { value: '2026-11-28T16:34:42.000+0800', type: 'Date' },
        doc: { value: '{"a":[1,2]}', type: 'Json' },
        plain: { value: 'untyped' },
        once: { value: 'secret', type: 'String', valueInfo: { transient: true } },
      },
      withVariablesInReturn: true,
    });
    // then
    expect(pi.variables.when).toEqual({ type: 'Date', value: '2026-11-28T08:34:42.000+0000', valueInfo: {} });
    expect(pi.variables.once).toBeUndefined();
    const all = (await kit.rest('GET', `/process-instance/${pi.id}/variables`)).body;
    expect(all).toEqual({
      n: { type: 'Integer', value: 5, valueInfo: {} },
      when: { type: 'Date', value: '2026-11-28T08:34:42.000+0000', valueInfo: {} },
      doc: { type: 'Json', value: '{"a":[1,2]}', valueInfo: {} },
      plain: { type: 'String', value: 'untyped', valueInfo: {} },
    });
    // when
    const mod = await kit.rest('POST', `/process-instance/${pi.id}/variables`, { body: { modifications: { n: { value: 6, type: 'Long' } }, deletions: ['plain'] } });
    const put = await kit.rest('PUT', `/process-instance/${pi.id}/variables/flag`, { body: { value: true, type: 'Boolean' } });
    const del = await kit.rest('DELETE', `/process-instance/${pi.id}/variables/doc`);
    const bad = await kit.rest('PUT', `/process-instance/${pi.id}/variables/x`, { body: { value: 'a', type: 'Integer' } });
    // then
    expect([mod.status, put.status, del.status]).toEqual([204, 204, 204]);
    expect(bad.status).toBe(400);
    expect((await kit.rest('GET', `/process-instance/${pi.id}/variables/n`)).body).toEqual({ type: 'Long', value: 6, valueInfo: {} });
    expect((await kit.rest('GET', `/process-instance/${pi.id}/variables/flag`)).body.value).toBe(true);
    expect((await kit.rest('GET', `/process-instance/${pi.id}/variables/doc`)).status).toBe(404);
    expect((await kit.rest('GET', `/process-instance/${pi.id}/variables/plain`)).status).toBe(404);
  });

  it('File variables are never inlined: the client downloads them from /data', async () => {
    // given
    const content = Buffer.from('inspection photo bytes');
    const pi = await kit.start('varsFlow', {
      variables: { photo: { value: content.toString('base64'), type: 'File', valueInfo: { filename: 'p.jpg', mimetype: 'image/jpeg' } } },
    });
    const got: string[] = [];
    const client = kit.client(worker, { workerId: 'file-w' });
    client.subscribe('pi-vars', async ({ task, taskService }) => {
      if (task.processInstanceId !== pi.id) return;
      const file = task.variables.get('photo') as { load(): Promise<unknown>; content: Buffer };
      await file.load();
      const out = new Variables().set('seen', true);
      await taskService.complete(task, out);
      got.push(Buffer.from(file.content as Buffer).toString());
    });
    // when
    client.start();
    await until(() => got.length === 1);
    client.stop();
    // then
    expect(got).toEqual(['inspection photo bytes']);
    const raw = await kit.rest('GET', `/process-instance/${pi.id}/variables/photo`);
    expect(raw.status).toBe(404); // the instance ended
    const hist = await kit.rest('GET', `/history/variable-instance?processInstanceId=${pi.id}&variableName=photo`);
    expect(hist.body[0]).toMatchObject({ type: 'File', value: null, valueInfo: { filename: 'p.jpg', mimetype: 'image/jpeg' } });
  });

  it('suspension hides tasks from workers and refuses completion until activated', async () => {
    // given
    const p2 = await kit.start('varsFlow');
    const [locked] = (await fetch('pi-vars')).filter((t) => t.processInstanceId === p2.id);
    const pi = await kit.start('varsFlow');
    // when
    const s = await kit.rest('PUT', `/process-instance/${pi.id}/suspended`, { body: { suspended: true } });
    await kit.rest('PUT', `/process-instance/${p2.id}/suspended`, { body: { suspended: true } });
    const whileSuspended = (await fetch('pi-vars')).filter((t) => t.processInstanceId === pi.id);
    const refused = await kit.rest('POST', `/external-task/${locked.id}/complete`, { as: worker, body: { workerId: 'w' } });
    const listed = (await kit.rest('GET', `/process-instance/${pi.id}`)).body;
    await kit.rest('PUT', `/process-instance/${pi.id}/suspended`, { body: { suspended: false } });
    await kit.rest('PUT', `/process-instance/${p2.id}/suspended`, { body: { suspended: false } });
    const after = (await fetch('pi-vars')).filter((t) => t.processInstanceId === pi.id);
    const accepted = await kit.rest('POST', `/external-task/${locked.id}/complete`, { as: worker, body: { workerId: 'w' } });
    // then
    expect(s.status).toBe(204);
    expect(listed.suspended).toBe(true);
    expect(whileSuspended).toEqual([]);
    expect(refused.status).toBe(400);
    expect(after).toHaveLength(1);
    expect(accepted.status).toBe(204);
  });

  it('a call activity runs its child in the same transaction and resumes the parent when the child ends; deleting the parent cascades', async () => {
    // given
    const pi = await kit.start('parentFlow', { variables: { area: { value: 'workshop 3', type: 'String' } } });
    const [childTask] = await fetch('pi-child');
    expect(childTask.variables.area.value).toBe('workshop 3');
    const children = (await kit.rest('GET', `/process-instance?superProcessInstance=${pi.id}`)).body;
    expect(children).toHaveLength(1);
    // when
    await kit.rest('POST', `/external-task/${childTask.id}/complete`, { as: worker, body: { workerId: 'w', variables: { found: { value: 2, type: 'Integer' } } } });
    // then
    const [afterTask] = await fetch('pi-after');
    expect(afterTask.processInstanceId).toBe(pi.id);
    expect(afterTask.variables.found.value).toBe(2);
    expect((await kit.rest('GET', `/process-instance/${children[0].id}`)).status).toBe(404);

    // given another parent waiting in its child
    const p2 = await kit.start('parentFlow');
    const [c2] = (await kit.rest('GET', `/process-instance?superProcessInstance=${p2.id}`)).body;
    // when
    const del = await kit.rest('DELETE', `/process-instance/${p2.id}`);
    // then
    expect(del.status).toBe(204);
    expect((await kit.rest('GET', `/process-instance/${c2.id}`)).status).toBe(404);
    expect((await kit.rest('GET', `/external-task?processInstanceId=${c2.id}`)).body).toEqual([]);
    const hist = await kit.rest('GET', `/history/process-instance?processInstanceId=${p2.id}`);
    expect(hist.body[0].state).toBe('EXTERNALLY_TERMINATED');
    expect((await kit.rest('DELETE', `/process-instance/${p2.id}`)).status).toBe(404);
  });

  it('keeps tenants apart: another tenant does not see or start a tenant definition', async () => {
    // given
    const a = await kit.createTenant('A');
    const b = await kit.createTenant('B');
    const adminA = await kit.createUser('bureauA', { tenantId: a, role: 'cityBureauAdmin' });
    const adminB = await kit.createUser('bureauB', { tenantId: b, role: 'cityBureauAdmin' });
    const dep = await kit.deploy({ 'secret.bpmn': oneExternalTask('tenantSecret', 'ts') }, { 'tenant-id': a }, adminA);
    expect(dep.status).toBe(200);
    // when
    const list = await kit.rest('GET', '/process-definition?key=tenantSecret', { as: adminB });
    const byKey = await kit.rest('GET', '/process-definition/key/tenantSecret', { as: adminB });
    const start = await kit.rest('POST', '/process-definition/key/tenantSecret/start', { as: adminB, body: {} });
    const foreign = await kit.deploy({ 'x.bpmn': oneExternalTask('x1', 'x') }, { 'tenant-id': a }, adminB);
    const mine = await kit.rest('POST', '/process-definition/key/tenantSecret/start', { as: adminA, body: {} });
    // then
    expect(list.body).toEqual([]);
    expect(byKey.status).toBe(404);
    expect(start.status).toBe(404);
    expect(foreign.status).toBe(403);
    expect(mine.status).toBe(200);
    expect(mine.body.tenantId).toBe(a);
    expect((await kit.rest('GET', `/process-instance/${mine.body.id}`, { as: adminB })).status).toBe(404);
  });
});

const piqParent = bpmn(
  'piqParent',
  `<startEvent id="start"/>
   <sequenceFlow id="f1" sourceRef="start" targetRef="call"/>
   <callActivity id="call" calledElement="piqChild"/>
   <sequenceFlow id="f2" sourceRef="call" targetRef="end"/>
   <endEvent id="end"/>`,
);

describe('GET|POST /process-instance query parameters', () => {
  let kit: EngineKit;
  const pi: Record<string, any> = {};
  let incident: any;
  let deploymentId: string;
  beforeAll(async () => {
    kit = await startEngineServer();
    const dep = await kit.deploy({ 'flow.bpmn': oneExternalTask('piqFlow', 'piq-work'), 'other.bpmn': oneExternalTask('piqOther', 'piq-other') });
    deploymentId = dep.body.id;
    await kit.deploy({ 'child.bpmn': oneExternalTask('piqChild', 'piq-child'), 'parent.bpmn': piqParent });
    const vars = (level: string, score: number, urgent: boolean) => ({
      level: { value: level, type: 'String' },
      score: { value: score, type: 'Integer' },
      urgent: { value: urgent, type: 'Boolean' },
    });
    pi.s1 = await kit.start('piqFlow', { businessKey: 'order-1', variables: vars('major', 80, true) });
    pi.s2 = await kit.start('piqFlow', { businessKey: 'order-2', variables: vars('minor', 40, false) });
    pi.s3 = await kit.start('piqOther', { businessKey: 'misc-3' });
    pi.parent = await kit.start('piqParent');
    pi.child = (await kit.rest('GET', `/process-instance?superProcessInstance=${pi.parent.id}`)).body[0];
    const worker = await kit.workerCredential(['piq-work']);
    const [task] = (
      await kit.rest('POST', '/external-task/fetchAndLock', { as: worker, body: { workerId: 'piq', maxTasks: 1, topics: [{ topicName: 'piq-work', lockDuration: 60_000, businessKey: 'order-2' }] } })
    ).body;
    await kit.rest('POST', `/external-task/${task.id}/failure`, { as: worker, body: { workerId: 'piq', errorMessage: 'scoring failed', retries: 0, retryTimeout: 0 } });
    [incident] = (await kit.rest('GET', `/incident?processInstanceId=${pi.s2.id}`)).body;
    await kit.rest('PUT', `/process-instance/${pi.s1.id}/suspended`, { body: { suspended: true } });
  });
  afterAll(async () => {
    await kit.close();
  });
  const keys = async (query: string) =>
    ((await kit.rest('GET', `/process-instance?${query}&sortBy=businessKey&sortOrder=asc`)).body as any[]).map((p) => p.businessKey ?? p.definitionKey);
  const posted = async (body: Record<string, unknown>) =>
    ((await kit.rest('POST', '/process-instance', { body: { ...body, sorting: [{ sortBy: 'businessKey', sortOrder: 'asc' }] } })).body as any[]).map((p) => p.businessKey);

  it('filters by business key, definition, deployment, suspension state and incidents', async () => {
    // when / then
    expect(await keys('businessKey=order-1')).toEqual(['order-1']);
    expect(await keys('businessKeyLike=order-%25')).toEqual(['order-1', 'order-2']);
    expect(await keys('processDefinitionKeyIn=piqFlow,piqOther')).toEqual(['misc-3', 'order-1', 'order-2']);
    expect(await keys('processDefinitionKeyNotIn=piqFlow,piqParent,piqChild,varsFlow,childFlow,parentFlow,tenantSecret')).toEqual(['misc-3']);
    expect(await keys(`processDefinitionId=${pi.s3.definitionId}`)).toEqual(['misc-3']);
    expect(await keys(`deploymentId=${deploymentId}`)).toEqual(['misc-3', 'order-1', 'order-2']);
    expect(await keys('processDefinitionKey=piqFlow&suspended=true')).toEqual(['order-1']);
    expect(await keys('processDefinitionKey=piqFlow&active=true')).toEqual(['order-2']);
    expect(await keys('processDefinitionKey=piqFlow&active=false')).toEqual(['order-1', 'order-2']);
    expect(await keys('withIncident=true')).toEqual(['order-2']);
    expect(await keys(`incidentId=${incident.id}`)).toEqual(['order-2']);
    expect(await keys(`incidentType=${incident.incidentType}`)).toEqual(['order-2']);
    expect(await keys('incidentMessageLike=scoring%25')).toEqual(['order-2']);
    expect(await keys(`processInstanceIds=${pi.s1.id},${pi.s3.id}`)).toEqual(['misc-3', 'order-1']);
    expect(await posted({ processInstanceIds: [pi.s1.id, pi.s3.id] })).toEqual(['misc-3', 'order-1']);
    expect((await kit.rest('POST', '/process-instance/count', { body: { processDefinitionKey: 'piqFlow', withIncident: true } })).body).toEqual({ count: 1 });
    expect((await kit.rest('GET', '/process-instance/count?businessKeyLike=order-%25&suspended=true')).body).toEqual({ count: 1 });
  });

  it('follows call activities: superProcessInstance, subProcessInstance, rootProcessInstances, leafProcessInstances', async () => {
    // when
    const sub = await kit.rest('GET', `/process-instance?subProcessInstance=${pi.child.id}`);
    const roots = await kit.rest('GET', '/process-instance?processDefinitionKeyIn=piqParent,piqChild&rootProcessInstances=true');
    const leaves = await kit.rest('GET', '/process-instance?processDefinitionKeyIn=piqParent,piqChild&leafProcessInstances=true');
    // then
    expect(pi.child.definitionKey).toBe('piqChild');
    expect(sub.body.map((p: any) => p.id)).toEqual([pi.parent.id]);
    expect(roots.body.map((p: any) => p.id)).toEqual([pi.parent.id]);
    expect(leaves.body.map((p: any) => p.id)).toEqual([pi.child.id]);
    expect((await kit.rest('GET', '/process-instance?activityIdIn=call')).body.map((p: any) => p.id)).toEqual([pi.parent.id]);
    expect((await kit.rest('GET', '/process-instance?activityIdIn=work,nothing&sortBy=businessKey&sortOrder=asc')).body.map((p: any) => p.businessKey)).toEqual([
      null,
      'misc-3',
      'order-1',
      'order-2',
    ]);
  });

  it("filters by variables: query-string values are Strings (Camunda); JSON bodies keep numbers and booleans", async () => {
    // when / then
    expect(await keys('variables=level_eq_major')).toEqual(['order-1']);
    expect(await keys('variables=level_neq_major')).toEqual(['order-2']);
    expect(await keys('variables=level_like_m%25r,level_gteq_minor')).toEqual(['order-2']);
    expect(await keys('variables=score_gt_50')).toEqual([]);
    expect(await posted({ variables: [{ name: 'score', operator: 'gt', value: 50 }] })).toEqual(['order-1']);
    expect(await posted({ variables: [{ name: 'score', operator: 'lteq', value: 40 }] })).toEqual(['order-2']);
    expect(await posted({ variables: [{ name: 'urgent', operator: 'eq', value: false }] })).toEqual(['order-2']);
    expect(await posted({ variables: [{ name: 'score', operator: 'gteq', value: 40 }, { name: 'level', operator: 'eq', value: 'major' }] })).toEqual(['order-1']);
    expect(await posted({ variables: [{ name: 'nothing', operator: 'eq', value: 'x' }] })).toEqual([]);
    expect((await kit.rest('POST', '/process-instance/count', { body: { variables: [{ name: 'score', operator: 'lt', value: 100 }] } })).body).toEqual({ count: 2 });
  });

  it('sorts by every Camunda sortBy value', async () => {
    for (const sortBy of ['instanceId', 'definitionKey', 'definitionId', 'tenantId', 'businessKey']) {
      // when
      const asc = (await kit.rest('GET', `/process-instance?businessKeyLike=%25-%25&sortBy=${sortBy}&sortOrder=asc`)).body as any[];
      const desc = (await kit.rest('GET', `/process-instance?businessKeyLike=%25-%25&sortBy=${sortBy}&sortOrder=desc`)).body as any[];
      // then
      expect(asc).toHaveLength(3);
      if (sortBy !== 'tenantId') expect(desc.map((p) => p.id)).not.toEqual(asc.map((p) => p.id));
    }
    expect(await keys('businessKeyLike=%25-%25')).toEqual(['misc-3', 'order-1', 'order-2']);
  });
});
