/* eslint-disable @typescript-eslint/no-explicit-any -- JSON bodies of the API under test */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STANDARD_PALETTE } from '@safeflow/engine/forms';
import type { CollectionContent } from '../definitions/CollectionContent';
import { bpmn } from '../engine/testing/bpmn';
import { startEngineServer, until, type EngineKit } from '../engine/testing/engineTestKit';
import { seedMatrix, type MatrixFixture, type MatrixUser } from '../testing/seedMatrix';

/** A form as the Studio makes it: a dropped Radio.Group (options 选项一/option1, 选项二/option2) and a number. */
const studioForm = {
  type: 'object',
  properties: {
    hotWork: { ...STANDARD_PALETTE['Radio.Group']!.snippet, title: '是否动火作业', 'x-index': 0 },
    extinguishers: { ...STANDARD_PALETTE.InputNumber!.snippet, title: '灭火器数量', 'x-index': 1 },
  },
};

/** The collection keeps the radio's value as an enum with the same values. */
const checkCollection: CollectionContent = {
  key: 'reEnumCheck',
  name: { zh: '班前检查记录', en: 'Pre-shift checks' },
  fields: {
    hotWork: { type: 'enum', enum: ['option1', 'option2'], title: { zh: '是否动火作业', en: 'Hot work' } },
    extinguishers: { type: 'number', title: { zh: '灭火器数量', en: 'Extinguishers' } },
  },
  indexFields: [{ field: 'hotWork' }, { field: 'extinguishers' }],
  states: [{ key: 'recorded', name: { zh: '已记录', en: 'Recorded' } }],
  initialState: 'recorded',
  transitions: [],
} as CollectionContent;

/** The same collection, but its enum lists other values than the form's options. */
const mismatchCollection = {
  ...checkCollection,
  key: 'reEnumOther',
  fields: { ...checkCollection.fields, hotWork: { type: 'enum', enum: ['yes', 'no'], title: { zh: '是否动火作业', en: 'Hot work' } } },
} as CollectionContent;

/** inspect (the form) → register into `collection` (records worker) → end. */
const checkProcess = (key: string, collection: string) => bpmn(
  key,
  `<startEvent id="start"/>
   <sequenceFlow id="f1" sourceRef="start" targetRef="inspect"/>
   <userTask id="inspect" name="班前检查" camunda:candidateGroups="safetyOfficer" camunda:formKey="safeflow:forms/reEnumCheck@latest"/>
   <sequenceFlow id="f2" sourceRef="inspect" targetRef="register"/>
   <serviceTask id="register" name="登记台账" camunda:type="external" camunda:topic="records">
     <extensionElements><camunda:properties><camunda:property name="collection" value="${collection}"/></camunda:properties></extensionElements>
   </serviceTask>
   <sequenceFlow id="f3" sourceRef="register" targetRef="end"/>
   <endEvent id="end"/>`,
);

describe('records task: a Studio Radio.Group into an enum field', () => {
  let kit: EngineKit;
  let fx: MatrixFixture;
  let officer: MatrixUser;
  const api = (method: string, path: string, as: MatrixUser, body?: unknown) =>
    kit.server.request(method, `/api/v1${path}`, { body, headers: { authorization: `Bearer ${as.token}` } });

  beforeAll(async () => {
    process.env.SAFEFLOW_INPROCESS_WORKERS = 'true';
    kit = await startEngineServer();
    fx = await seedMatrix(kit.server, { prefix: 're' });
    officer = fx.user('safetyOfficer', 1);
    const definitions = [['form', 'reEnumCheck', studioForm], ['collection', 'reEnumCheck', checkCollection], ['collection', 'reEnumOther', mismatchCollection]] as const;
    for (const [kind, key, content] of definitions) {
      const created = await api('POST', `/definitions/${kind}`, officer, { key, name: key, content });
      expect(created.status, created.text).toBe(201);
      const published = await api('POST', `/definitions/${kind}/${key}/publish`, officer, {});
      expect(published.status, published.text).toBe(200);
    }
    const processes = { 'check.bpmn': checkProcess('reEnumCheck', 'reEnumCheck'), 'other.bpmn': checkProcess('reEnumOther', 'reEnumOther') };
    expect((await kit.deploy(processes, { 'tenant-id': fx.orgs.C.id })).status).toBe(200);
  });
  afterAll(async () => {
    await kit.close();
    delete process.env.SAFEFLOW_INPROCESS_WORKERS;
  });

  async function submit(processKey: string, values: Record<string, unknown>): Promise<string> {
    const started = await kit.server.request('POST', `/engine-rest/process-definition/key/${processKey}/tenant-id/${fx.orgs.C.id}/start`, {
      body: {},
      headers: { authorization: `Bearer ${officer.token}` },
    });
    expect(started.status, started.text).toBe(200);
    const task = await until(async () => (await api('GET', '/tasks', officer)).body.items.find((t: any) => t.processInstanceId === started.body.id));
    const submitted = await api('POST', `/tasks/${task.id}/submit`, officer, { values });
    expect(submitted.status, submitted.text).toBe(201);
    return started.body.id as string;
  }

  it('writes the chosen option as the record and ends the instance', async () => {
    // given
    const instanceId = await submit('reEnumCheck', { hotWork: 'option1', extinguishers: 3 });
    // when
    const rows = await until(async () => {
      const r = await kit.deps.db.query<{ id: string; data: string }>('SELECT id, data FROM record WHERE collection_key = ?', ['reEnumCheck']);
      if (r.length) return r;
      const [incident] = await kit.deps.db.query<{ message: string }>('SELECT message FROM incident WHERE process_instance_id = ?', [instanceId]);
      if (incident) throw new Error(`incident: ${incident.message}`);
      return undefined;
    });
    // then
    expect(rows).toHaveLength(1);
    const rec = await api('GET', `/records/reEnumCheck/${rows[0]!.id}`, officer);
    expect(rec.status, rec.text).toBe(200);
    expect(rec.body.data).toMatchObject({ hotWork: 'option1', extinguishers: 3 });
    await until(async () => Number((await kit.deps.db.query<{ n: number }>('SELECT COUNT(*) AS n FROM process_instance WHERE id = ?', [instanceId]))[0]?.n) === 0 || undefined);
  });

  it('turns a value the enum does not list into an incident naming the field, the value and the allowed values', async () => {
    // given
    const instanceId = await submit('reEnumOther', { hotWork: 'option1', extinguishers: 2 });
    // when
    const incident = await until(async () => (await kit.deps.db.query<{ message: string; activity_id: string }>('SELECT message, activity_id FROM incident WHERE process_instance_id = ?', [instanceId]))[0]);
    // then
    expect(incident.activity_id).toBe('register');
    expect(incident.message).toBe('record.invalid: hotWork: "option1" is not one of yes, no');
    expect(await kit.deps.db.query('SELECT id FROM record WHERE collection_key = ?', ['reEnumOther'])).toHaveLength(0);
  });
});
