/* eslint-disable @typescript-eslint/no-explicit-any -- JSON response bodies of the API under test are checked by the assertions */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmn } from '../testing/bpmn';
import { startEngineServer, type EngineKit } from '../testing/engineTestKit';

/** A process with one user task `task` (and an optional camunda:versionTag). */
const child = (key: string, task: string, versionTag?: string) => {
  const xml = bpmn(
    key,
    `<startEvent id="start"/><sequenceFlow id="f1" sourceRef="start" targetRef="${task}"/><userTask id="${task}"/>`,
  );
  return versionTag
    ? xml.replace('isExecutable="true"', `isExecutable="true" camunda:versionTag="${versionTag}"`)
    : xml;
};

/** start → call activity of `calledElement` with the given binding attributes → end. */
const parent = (key: string, calledElement: string, binding: string) =>
  bpmn(
    key,
    `<startEvent id="start"/>
     <sequenceFlow id="f1" sourceRef="start" targetRef="call"/>
     <callActivity id="call" calledElement="${calledElement}" ${binding}/>
     <sequenceFlow id="f2" sourceRef="call" targetRef="end"/>
     <endEvent id="end"/>`,
  );

describe('call activity bindings over REST (resolveCalledDefinition)', () => {
  let kit: EngineKit;
  const deploy = async (files: Record<string, string>, name: string) => {
    const res = await kit.deploy(files, { 'deployment-name': name });
    expect(res.status).toBe(200);
    return res.body as {
      id: string;
      deployedProcessDefinitions: Record<string, { id: string; key: string; version: number }>;
    };
  };
  const definitionId = (dep: Awaited<ReturnType<typeof deploy>>, key: string) =>
    Object.values(dep.deployedProcessDefinitions).find((d) => d.key === key)!.id;
  const childOf = async (parentId: string) => {
    const [sub] = (await kit.rest('GET', `/process-instance?superProcessInstance=${parentId}`)).body as any[];
    return sub;
  };
  const instanceCount = async () =>
    Number((await kit.deps.db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM process_instance`))[0]!.n);

  beforeAll(async () => {
    kit = await startEngineServer();
  });
  afterAll(async () => {
    await kit.close();
  });

  it('calledElementBinding="deployment" starts the called definition of the caller\'s own deployment, not the latest', async () => {
    // given: the caller and child v1 deployed together, then child v2 alone
    const first = await deploy(
      {
        'parent.bpmn': parent('auditParent', 'auditChild', 'camunda:calledElementBinding="deployment"'),
        'child.bpmn': child('auditChild', 'v1task'),
      },
      'first',
    );
    const second = await deploy({ 'child.bpmn': child('auditChild', 'v2task') }, 'second');
    // when
    const pi = await kit.start('auditParent');
    // then
    const sub = await childOf(pi.id);
    expect(sub.definitionId).toBe(definitionId(first, 'auditChild'));
    expect(sub.definitionId).not.toBe(definitionId(second, 'auditChild'));
    const tasks = (await kit.rest('GET', `/task?processInstanceId=${sub.id}`)).body as any[];
    expect(tasks.map((t) => t.taskDefinitionKey)).toEqual(['v1task']);
  });

  it('calledElementBinding="deployment" without that key in the deployment: Camunda\'s NullValueException (wrapped by the start resource), nothing started', async () => {
    // given: the key exists, but in another deployment
    await deploy({ 'other.bpmn': child('elsewhereChild', 'work') }, 'other');
    const lone = await deploy(
      { 'lone.bpmn': parent('loneParent', 'elsewhereChild', 'camunda:calledElementBinding="deployment"') },
      'lone',
    );
    const before = await instanceCount();
    // when
    const res = await kit.rest('POST', '/process-definition/key/loneParent/start', { body: {} });
    // then
    expect(res.status).toBe(500);
    expect(res.body).toEqual({
      type: 'RestException',
      message: `Cannot instantiate process definition ${definitionId(lone, 'loneParent')}: no processes deployed with key = 'elsewhereChild' in deployment = '${lone.id}': processDefinition is null`,
    });
    expect(await instanceCount()).toBe(before);
  });

  it('calledElementBinding="versionTag" starts the version with that tag; an unknown tag is a NullValueException, a tag on two versions ENGINE-03045', async () => {
    // given
    const audited = await deploy(
      { 'tagged.bpmn': child('taggedChild', 'auditedTask', 'audited') },
      'audited',
    );
    await deploy({ 'tagged.bpmn': child('taggedChild', 'draftTask', 'draft') }, 'draft');
    const parents = await deploy(
      {
        'byTag.bpmn': parent(
          'byTagParent',
          'taggedChild',
          'camunda:calledElementBinding="versionTag" camunda:calledElementVersionTag="audited"',
        ),
        'byMissingTag.bpmn': parent(
          'byMissingTagParent',
          'taggedChild',
          'camunda:calledElementBinding="versionTag" camunda:calledElementVersionTag="nope"',
        ),
        'byTwiceTag.bpmn': parent(
          'byTwiceTagParent',
          'twiceChild',
          'camunda:calledElementBinding="versionTag" camunda:calledElementVersionTag="same"',
        ),
      },
      'parents',
    );
    await deploy({ 'twice.bpmn': child('twiceChild', 'one', 'same') }, 'twice1');
    await deploy({ 'twice.bpmn': child('twiceChild', 'two', 'same') }, 'twice2');
    // when
    const pi = await kit.start('byTagParent');
    const missing = await kit.rest('POST', '/process-definition/key/byMissingTagParent/start', { body: {} });
    const twice = await kit.rest('POST', '/process-definition/key/byTwiceTagParent/start', { body: {} });
    // then
    expect((await childOf(pi.id)).definitionId).toBe(definitionId(audited, 'taggedChild'));
    expect(missing.status).toBe(500);
    expect(missing.body).toEqual({
      type: 'RestException',
      message: `Cannot instantiate process definition ${definitionId(parents, 'byMissingTagParent')}: no processes deployed with key = 'taggedChild', versionTag = 'nope' and tenant-id = 'null': processDefinition is null`,
    });
    expect(twice.status).toBe(500);
    expect(twice.body).toEqual({
      type: 'RestException',
      message: `Cannot instantiate process definition ${definitionId(parents, 'byTwiceTagParent')}: ENGINE-03045 There are '2' results for a process definition with key 'twiceChild', versionTag 'same' and tenant-id '{}'.`,
    });
  });

  it('camunda:calledElementTenantId is refused at deploy: ParseException naming the resource and the call activity, nothing stored', async () => {
    // given
    const tenantA = await kit.createTenant('CET A');
    const count = async () =>
      Number((await kit.deps.db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM process_definition`))[0]!.n);
    const before = await count();
    // when
    const res = await kit.deploy(
      {
        'crossTenant.bpmn': parent(
          'crossTenantParent',
          'someChild',
          `camunda:calledElementTenantId="${tenantA}"`,
        ),
      },
      { 'deployment-name': 'cross' },
    );
    // then
    expect(res.status).toBe(400);
    expect(res.body.type).toBe('ParseException');
    expect(res.body.details['crossTenant.bpmn'].errors).toEqual([
      expect.objectContaining({
        message:
          "Call activity 'call': camunda:calledElementTenantId is not supported; the called process always runs in the calling instance's own tenant (tenant isolation), remove the attribute",
        mainElementId: 'call',
        elementIds: ['call'],
      }),
    ]);
    expect(await count()).toBe(before);
  });
});
