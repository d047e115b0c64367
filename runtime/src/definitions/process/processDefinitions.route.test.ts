import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../../engine/testing/engineTestKit';
import { engineGatewayOf } from '../../engineGateway/engineGatewayOf';
import { hazardCollection } from '../../records/testing/hazardSamples';
import { startRecordsServer, type RecordsServer } from '../../records/testing/startRecordsServer';
import { builtinKnownTopics, setKnownTopics } from './KnownTopics';
import { inspectForm, inspectionProcess } from './processFixtures';

const lec = JSON.parse(
  readFileSync(new URL('../../../../definitions/safety/rules/safety.lec.json', import.meta.url), 'utf8'),
).content;
const KEY = 'safety-inspection';

describe('/api/v1/definitions/process: draft → publish → deployed', () => {
  let server: RecordsServer;
  const engineDefinitions = (key: string) =>
    engineGatewayOf(server.runtime.deps).listProcessDefinitions({ key });
  const deployments = async (key: string) =>
    Number(
      (
        await server.runtime.deps.db.query<{ n: number }>(
          'SELECT COUNT(*) AS n FROM deployment WHERE name = ?',
          [`safeflow:process:${key}`],
        )
      )[0]!.n,
    );

  beforeAll(async () => {
    process.env.SAFEFLOW_INPROCESS_WORKERS = 'true';
    server = await startRecordsServer();
    await server.publish('districtAdmin', 'form', 'inspect', inspectForm);
    await server.publish('districtAdmin', 'ruleset', 'safety.lec', lec);
    await server.publish('districtAdmin', 'collection', 'hazard', hazardCollection);
    const draftOnly = await server
      .as('districtAdmin')
      .post('/api/v1/definitions/form', { key: 'unpublishedForm', name: 'x', content: inspectForm });
    expect(draftOnly.status).toBe(201);
  });
  afterAll(async () => {
    await server.close();
    await server.dropDatabase();
    delete process.env.SAFEFLOW_INPROCESS_WORKERS;
  });

  it('saves a draft without deploying, then publishes it: lint resolves the references, @latest is pinned, the engine has version 1', async () => {
    // given
    const admin = server.as('districtAdmin');
    const created = await admin.post('/api/v1/definitions/process', {
      key: KEY,
      name: '安全检查',
      content: { xml: inspectionProcess(KEY) },
    });
    expect(created.status, created.text).toBe(201);
    expect(await engineDefinitions(KEY)).toEqual([]);
    // when
    const published = await admin.post(`/api/v1/definitions/process/${KEY}/publish`, { note: 'first' });
    // then
    expect(published.status, published.text).toBe(200);
    const v = published.body.version;
    expect(v).toMatchObject({ version: 1, status: 'published' });
    expect(v.content.references).toEqual(
      expect.arrayContaining([
        { kind: 'form', key: 'inspect', element: 'inspect', version: 1 },
        { kind: 'ruleset', key: 'safety.lec', element: 'grade', version: 1 },
        { kind: 'topic', key: 'rules', element: 'grade' },
      ]),
    );
    expect(v.content.xml).toContain('safeflow:forms/inspect@latest');
    expect(v.content.deployedXml).toContain('camunda:formKey="safeflow:forms/inspect@1"');
    const defs = await engineDefinitions(KEY);
    expect(defs.map((d) => d.version)).toEqual([1]);
    expect(defs[0]).toMatchObject({
      id: v.content.deployment.processDefinitionId,
      tenantId: server.fx.orgs.D1.path.split('/')[1],
    });
    expect(v.content.deployment.engineVersion).toBe(1);
  });

  it.each([
    [
      'a missing form',
      { formRef: 'safeflow:forms/ghost@latest' },
      { kind: 'form', key: 'ghost', element: 'inspect', reason: 'not_found' },
    ],
    [
      'an unpublished form',
      { formRef: 'safeflow:forms/unpublishedForm@latest' },
      { kind: 'form', key: 'unpublishedForm', element: 'inspect', reason: 'not_published' },
    ],
    [
      'a missing form version',
      { formRef: 'safeflow:forms/inspect@7' },
      { kind: 'form', key: 'inspect', element: 'inspect', reason: 'version_not_found' },
    ],
    [
      'a missing ruleset',
      { ruleset: 'nope.rules' },
      { kind: 'ruleset', key: 'nope.rules', element: 'grade', reason: 'not_found' },
    ],
    [
      'a missing collection',
      {
        extra:
          '<serviceTask id="extra" camunda:type="external" camunda:topic="records"><extensionElements><camunda:properties><camunda:property name="collection" value="ghostLedger"/></camunda:properties></extensionElements></serviceTask>',
      },
      { kind: 'collection', key: 'ghostLedger', element: 'extra', reason: 'not_found' },
    ],
    [
      'an unknown topic',
      { extra: '<serviceTask id="extra" camunda:type="external" camunda:topic="sendFax"/>' },
      { kind: 'topic', key: 'sendFax', element: 'extra', reason: 'unknown_topic' },
    ],
  ])(
    'refuses to publish a process with %s (process.dangling_reference) and stores nothing',
    async (_what, opts, expected) => {
      // given
      const key = `bad-${expected.kind}-${expected.reason}`.replace(/_/g, '-');
      const admin = server.as('districtAdmin');
      expect(
        (
          await admin.post('/api/v1/definitions/process', {
            key,
            name: key,
            content: { xml: inspectionProcess(key, opts) },
          })
        ).status,
      ).toBe(201);
      const auditBefore = await server.runtime.deps.db.query('SELECT id FROM audit_log WHERE action = ?', [
        'definition.publish',
      ]);
      // when
      const res = await admin.post(`/api/v1/definitions/process/${key}/publish`, {});
      // then
      expect(res.status, res.text).toBe(400);
      expect(res.body.code).toBe('process.dangling_reference');
      expect(res.body.details.references).toEqual([expect.objectContaining(expected)]);
      expect(res.body.details.issues[0].path).toBe(expected.element);
      const current = await admin.get(`/api/v1/definitions/process/${key}`);
      expect(current.body.definition.publishedVersion).toBeNull();
      expect(current.body.version.status).toBe('draft');
      expect(await engineDefinitions(key)).toEqual([]);
      expect(await deployments(key)).toBe(0);
      expect(
        await server.runtime.deps.db.query('SELECT id FROM audit_log WHERE action = ?', [
          'definition.publish',
        ]),
      ).toHaveLength(auditBefore.length);
    },
  );

  it('accepts a topic served outside SafeFlow when the task is marked safeflow.external', async () => {
    // given
    const key = 'external-topic';
    const extra =
      '<serviceTask id="extra" camunda:type="external" camunda:topic="sendFax"><extensionElements><camunda:properties><camunda:property name="safeflow.external" value="true"/></camunda:properties></extensionElements></serviceTask>';
    await server.as('districtAdmin').post('/api/v1/definitions/process', {
      key,
      name: key,
      content: { xml: inspectionProcess(key, { extra }) },
    });
    // when
    const res = await server.as('districtAdmin').post(`/api/v1/definitions/process/${key}/publish`, {});
    // then
    expect(res.status, res.text).toBe(200);
    expect(res.body.version.content.references).toContainEqual({
      kind: 'topic',
      key: 'sendFax',
      element: 'extra',
    });
  });

  it('reports parse errors and a process id that is not the key as definition.invalid, by element, and stores nothing', async () => {
    // given
    const admin = server.as('districtAdmin');
    const script = inspectionProcess('parse-bad', {
      extra: '<scriptTask id="extra" scriptFormat="javascript"><script>1</script></scriptTask>',
    });
    await admin.post('/api/v1/definitions/process', {
      key: 'parse-bad',
      name: 'p',
      content: { xml: script },
    });
    await admin.post('/api/v1/definitions/process', {
      key: 'wrong-id',
      name: 'p',
      content: { xml: inspectionProcess('someOtherId') },
    });
    // when
    const parse = await admin.post('/api/v1/definitions/process/parse-bad/publish', {});
    const mismatch = await admin.post('/api/v1/definitions/process/wrong-id/publish', {});
    const shape = await admin.post('/api/v1/definitions/process', {
      key: 'no-xml',
      name: 'p',
      content: { bpmn: '<x/>' },
    });
    // then
    expect(parse.status).toBe(400);
    expect(parse.body.code).toBe('definition.invalid');
    expect(parse.body.details.issues).toContainEqual(
      expect.objectContaining({ path: 'extra', code: 'bpmn.parse' }),
    );
    expect(mismatch.body.details.issues).toContainEqual(
      expect.objectContaining({ path: 'someOtherId', code: 'process.key_mismatch' }),
    );
    expect(shape.status).toBe(400);
    expect(shape.body.details.issues[0].path).toBe('xml');
    expect(await engineDefinitions('parse-bad')).toEqual([]);
    expect(await engineDefinitions('someOtherId')).toEqual([]);
  });

  it('keeps a started instance on its version after a new publish; the monitor shows it ended on v1, the diff shows the change', async () => {
    // given: an instance of v1 waiting at the inspection task (the rules worker graded it)
    const admin = server.as('districtAdmin');
    const started = await admin.post(`/api/v1/processes/${KEY}/instances`, {
      orgId: server.orgs.entA.id,
      variables: { L: 3, E: 6, C: 7 },
    });
    expect(started.status, started.text).toBe(201);
    const task = await until(
      async () =>
        (
          await engineGatewayOf(server.runtime.deps).listTasks({
            processInstanceId: started.body.id,
            firstResult: 0,
            maxResults: 10,
          })
        )[0],
    );
    // when: v2 renames the task and is published
    const draft = await admin.put(`/api/v1/definitions/process/${KEY}/draft`, {
      content: { xml: inspectionProcess(KEY, { taskName: '复查' }) },
    });
    expect(draft.body.version).toMatchObject({ version: 2, status: 'draft' });
    const v2 = await admin.post(`/api/v1/definitions/process/${KEY}/publish`, {});
    const submit = await server
      .as('safetyA')
      .post(`/api/v1/tasks/${task.id}/submit`, { values: { finding: '消防通道畅通' } });
    // then
    expect(v2.status, v2.text).toBe(200);
    expect(v2.body.version.content.deployment.engineVersion).toBe(2);
    expect(submit.status, submit.text).toBe(201);
    expect(submit.body).toMatchObject({ formKey: 'inspect', formVersion: 1 });
    const detail = await admin.get(`/api/v1/process-instances/${started.body.id}`);
    expect(detail.status, detail.text).toBe(200);
    expect(detail.body.instance).toMatchObject({ state: 'COMPLETED', version: 1, definitionKey: KEY });
    expect(detail.body.activeActivityIds).toEqual([]);
    expect(detail.body.xml).toContain('name="现场检查"');
    expect(detail.body.history.map((h: { activityId: string }) => h.activityId)).toEqual([
      'start',
      'grade',
      'inspect',
      'end',
    ]);
    expect(detail.body.variables).toContainEqual({
      name: 'riskLevel',
      type: expect.any(String),
      value: expect.any(String),
    });
    expect(detail.body.variables).toContainEqual(
      expect.objectContaining({ name: 'finding', value: '消防通道畅通' }),
    );
    const list = await admin.get(`/api/v1/processes/${KEY}/instances`);
    expect(list.body.items).toContainEqual(
      expect.objectContaining({ id: started.body.id, state: 'COMPLETED', version: 1 }),
    );
    const next = await admin.post(`/api/v1/processes/${KEY}/instances`, {
      orgId: server.orgs.entA.id,
      variables: { L: 3, E: 6, C: 7 },
    });
    const nextDetail = await until(async () => {
      const d = await admin.get(`/api/v1/process-instances/${next.body.id}`);
      return d.body.activeActivityIds?.includes('inspect') ? d : undefined;
    });
    expect(nextDetail.body.instance.version).toBe(2);
    expect(nextDetail.body.tasks).toEqual([
      expect.objectContaining({ name: '复查', taskDefinitionKey: 'inspect' }),
    ]);
    const diff = await admin.get(`/api/v1/definitions/process/${KEY}/diff?from=1&to=2`);
    expect(diff.status).toBe(200);
    expect(diff.body.changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ op: 'removed', text: expect.stringContaining('现场检查') }),
        expect.objectContaining({ op: 'added', text: expect.stringContaining('复查') }),
      ]),
    );
  });

  it('shows an incident of a failed rules task and retries it', async () => {
    // given: L = 4 is outside the LEC value table, so the rules worker fails the task at once
    const admin = server.as('districtAdmin');
    const started = await admin.post(`/api/v1/processes/${KEY}/instances`, {
      orgId: server.orgs.entA.id,
      variables: { L: 4, E: 6, C: 7 },
    });
    const incident = await until(async () => {
      const d = await admin.get(`/api/v1/process-instances/${started.body.id}`);
      return d.body.incidents?.find((i: { resolvedAt: number | null }) => i.resolvedAt === null);
    });
    expect(incident).toMatchObject({ type: 'failedExternalTask', activityId: 'grade' });
    expect(incident.message).toMatch(/^rules\.invalid_fact/);
    // when
    const retry = await admin.post(
      `/api/v1/process-instances/${started.body.id}/incidents/${incident.id}/retry`,
      { retries: 1 },
    );
    const again = await admin.post(
      `/api/v1/process-instances/${started.body.id}/incidents/${incident.id}/retry`,
      { retries: 1 },
    );
    // then
    expect(retry.status, retry.text).toBe(200);
    expect(retry.body).toEqual({ incidentId: incident.id, resolved: true });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('incident.resolved');
  });

  it('keeps other tenants and people without the permissions out', async () => {
    // given
    const [inst] = (await server.as('districtAdmin').get(`/api/v1/processes/${KEY}/instances`)).body.items;
    await server.as('safetyA').post('/api/v1/definitions/process', {
      key: 'enterprise-own',
      name: 'e',
      orgId: server.orgs.entA.id,
      content: { xml: inspectionProcess('enterprise-own') },
    });
    // when
    const foreignDef = await server.as('otherAdmin').get(`/api/v1/definitions/process/${KEY}`);
    const foreignInst = await server.as('otherAdmin').get(`/api/v1/process-instances/${inst.id}`);
    const foreignStart = await server.as('otherAdmin').post(`/api/v1/processes/${KEY}/instances`, {});
    const readerPublish = await server.as('readerA').post(`/api/v1/definitions/process/${KEY}/publish`, {});
    const officerMonitor = await server.as('safetyA').get(`/api/v1/process-instances/${inst.id}`);
    const officerPublish = await server
      .as('safetyA')
      .post('/api/v1/definitions/process/enterprise-own/publish', { orgId: server.orgs.entA.id });
    const taken = await server.as('safetyA').post('/api/v1/definitions/process', {
      key: KEY,
      name: 'x',
      orgId: server.orgs.entA.id,
      content: { xml: inspectionProcess(KEY) },
    });
    // then
    expect(foreignDef.status).toBe(404);
    expect(foreignInst.status).toBe(404);
    expect(foreignInst.body.code).toBe('process_instance.not_found');
    expect(foreignStart.status).toBe(404);
    expect(readerPublish.status).toBe(403);
    expect(officerMonitor.status).toBe(403);
    expect(officerPublish.status).toBe(403);
    expect(officerPublish.body.code).toBe('process.deploy_forbidden');
    expect(await engineDefinitions('enterprise-own')).toEqual([]);
    expect(taken.status).toBe(400);
    expect(taken.body.details.issues[0].code).toBe('process.key_taken');
  });

  it('lints a draft without writing and lists the task types the modeler may pick', async () => {
    // given
    const admin = server.as('districtAdmin');
    // when
    const lint = await admin.post(`/api/v1/processes/${KEY}/lint`, {
      xml: inspectionProcess(KEY, { formRef: 'safeflow:forms/ghost@latest' }),
    });
    const types = await admin.get('/api/v1/processes/task-types');
    // then
    expect(lint.status, lint.text).toBe(200);
    expect(lint.body.ok).toBe(false);
    expect(lint.body.dangling).toEqual([
      expect.objectContaining({ kind: 'form', key: 'ghost', element: 'inspect' }),
    ]);
    expect(types.body.items.map((t: { topic: string }) => t.topic)).toEqual(['records', 'rules']);
    expect(
      types.body.items.find((t: { topic: string }) => t.topic === 'rules').configSchema.required,
    ).toEqual(['ruleset']);
    expect(types.body.fallback).toBe(true);
  });

  it('takes known topics and task types from a plugged-in provider (the task-type registry seam)', async () => {
    // given: a registry that also serves `notify`
    const key = 'notify-process';
    const extra = '<serviceTask id="extra" camunda:type="external" camunda:topic="notify"/>';
    const notify = {
      topic: 'notify',
      name: { 'zh-CN': '通知', en: 'Notify' },
      configSchema: { type: 'object', properties: {} },
    };
    setKnownTopics(server.runtime.deps, {
      topics: () => new Set(['rules', 'records', 'notify']),
      taskTypes: () => [notify],
    });
    try {
      await server
        .as('districtAdmin')
        .post('/api/v1/definitions/process', {
          key,
          name: key,
          content: { xml: inspectionProcess(key, { extra }) },
        });
      // when
      const published = await server
        .as('districtAdmin')
        .post(`/api/v1/definitions/process/${key}/publish`, {});
      const types = await server.as('districtAdmin').get('/api/v1/processes/task-types');
      // then
      expect(published.status, published.text).toBe(200);
      expect(types.body).toEqual({ items: [notify], fallback: false });
    } finally {
      setKnownTopics(server.runtime.deps, builtinKnownTopics);
    }
  });
});
