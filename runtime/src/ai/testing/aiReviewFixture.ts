/* eslint-disable @typescript-eslint/no-explicit-any -- JSON response bodies of the API under test are read loosely */
import { buildColourPatchModel, cellBox, syntheticPng } from '@safeflow/plugin-ai-detect';
import { expect } from 'vitest';
import type { Clock } from '../../app/AppDeps';
import { startEngineServer, until, type Creds, type EngineKit } from '../../engine/testing/engineTestKit';
import { engineGatewayOf } from '../../engineGateway/engineGatewayOf';
import { seedMatrix, type MatrixFixture, type MatrixPlace } from '../../testing/seedMatrix';
import { aiPatrolBpmn } from './aiPatrolBpmn';
import { installDispatchPack } from './installDispatchPack';

/** The frame size of the synthetic photos. */
export const FRAME = { W: 1280, H: 720 } as const;
/** Where the synthetic person stands (64×64 px, a red square the colour-patch model finds). */
export const PERSON_BOX = cellBox(FRAME.W, FRAME.H, 640, 32, 6, 8);
const HAT_BOX = cellBox(FRAME.W, FRAME.H, 640, 16, 12, 16);


/**
 * A real server with the matrix tenant (C → … → E1, E2), the hazard and command-dispatch parts
 * of the real `definitions/safety` pack installed by the PackInstaller, the colour-patch PPE model
 * imported through the API, the AI patrol process (photo → ai-detect → patrol-alarm → review →
 * the pack's `safety-hazard`, or `safety-dispatch` when the reviewer starts command dispatch)
 * deployed, in-process workers (ai-detect, patrol-alarm, ai-alarm-review, records) over HTTP —
 * and helpers to raise alarms as an enterprise's officer and find what their review started.
 */
export async function startAiReviewFixture(opts: { clock?: Clock; prefix?: string } = {}) {
  process.env.SAFEFLOW_INPROCESS_WORKERS = 'true';
  const kit: EngineKit = await startEngineServer({ clock: opts.clock });
  const fx: MatrixFixture = await seedMatrix(kit.server, { prefix: opts.prefix ?? 'ar' });
  const tenantId = fx.orgs.C.id;
  await kit.entitle(tenantId);
  await installDispatchPack(kit.deps, tenantId);
  const creds = (role: string, branch: 1 | 2 = 1): Creds => ({ username: fx.user(role, branch).username, password: fx.password });
  const basic = (c: Creds) => ({ authorization: `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}` });
  const api = (as: Creds, method: string, path: string, body?: unknown) => kit.server.request(method, `/api/v1${path}`, { body, headers: basic(as) });
  const upload = async (as: Creds, path: string, bytes: Uint8Array, name: string, fields: Record<string, string>) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append('file', new Blob([new Uint8Array(bytes)]), name);
    return kit.server.request('POST', `/api/v1${path}`, { headers: basic(as), rawBody: form });
  };
  // each enterprise's officer imports the model for their own enterprise (a task uses its own org's lineage of a key)
  for (const branch of [1, 2] as const) {
    const model = await upload(creds('safetyOfficer', branch), '/ai/models', buildColourPatchModel({ classes: [{ label: 'person', colour: 'red', stride: 32 }, { label: 'safehat', colour: 'green', stride: 16 }] }), 'ppe.onnx', {
      orgId: fx.orgs[branch === 1 ? 'E1' : 'E2'].id, key: 'ppe', labels: 'person,safehat', licence: 'test-only', source: 'built by the test',
    });
    expect(model.status, model.text).toBe(201);
  }
  const dep = await kit.deploy({ 'patrol.bpmn': aiPatrolBpmn }, { 'tenant-id': tenantId });
  expect(dep.status, dep.text).toBe(200);

  const f = {
    kit, fx, tenantId, creds, api, upload,
    /**
     * Uploads a photo of a person without a helmet for enterprise `place` and runs the patrol in that
     * org until it waits in the review: the alarm (id, revision) and the patrol instance.
     */
    async raiseAlarm(place: MatrixPlace = 'E1', box = PERSON_BOX): Promise<{ alarmId: string; processInstanceId: string; alarm: any }> {
      const officer = creds('safetyOfficer', place === 'E2' ? 2 : 1);
      const photo = await upload(officer, '/files', await syntheticPng(FRAME.W, FRAME.H, [{ colour: 'red', box }]), 'site.png', { orgId: fx.orgs[place].id });
      expect(photo.status, photo.text).toBe(201);
      const pi = await engineGatewayOf(kit.deps).startProcess({ key: 'aiPatrol', tenantId, orgId: fx.orgs[place].id, variables: { photo: photo.body.id } });
      // the review task, or the end (no alarm: say so instead of timing out)
      await until(async () => (await kit.rest('GET', `/task?processInstanceId=${pi.id}`)).body.length > 0 || (await kit.rest('GET', `/history/process-instance?processInstanceId=${pi.id}`)).body[0]?.state === 'COMPLETED', 30_000);
      const hist = (await kit.rest('GET', `/history/variable-instance?processInstanceId=${pi.id}`)).body as { name: string; value: unknown }[];
      expect(hist.find((h) => h.name === 'alarm')?.value, `the patrol raised no alarm for box ${JSON.stringify(box)}`).toBe(true);
      const vars = (await kit.rest('GET', `/process-instance/${pi.id}/variables`)).body;
      const alarmId = vars.alarmId.value as string;
      const alarm = (await api(officer, 'GET', `/ai/alarms/${alarmId}`)).body;
      expect(alarm.status).toBe('open');
      return { alarmId, processInstanceId: pi.id, alarm };
    },
    /** A photo with a helmeted person: no alarm (used to check the scene rule is real). */
    helmetPhoto: () => syntheticPng(FRAME.W, FRAME.H, [{ colour: 'red', box: PERSON_BOX }, { colour: 'green', box: HAT_BOX }]),
    /** The pack's hazard record started by the alarm's patrol (the `safety-hazard` child's `hazardId`). */
    async hazardOfPatrol(processInstanceId: string): Promise<any> {
      const child = await until(async () => (await kit.rest('GET', `/process-instance?processDefinitionKey=safety-hazard&superProcessInstance=${processInstanceId}`)).body[0], 30_000);
      const hazardId = await until(async () => {
        const v = (await kit.rest('GET', `/process-instance/${child.id}/variables`)).body;
        return v.hazardId?.value as string | undefined;
      }, 30_000);
      const rec = await api(creds('safetyOfficer'), 'GET', `/records/safety_hazard/${hazardId}`);
      expect(rec.status, rec.text).toBe(200);
      return { child, record: rec.body };
    },
    /**
     * The pack's command-dispatch child started by the alarm's patrol (`safety-dispatch`) and its
     * `safety_emergency_event` record (the child's `eventId`), read as E1's officer.
     */
    async dispatchOfPatrol(processInstanceId: string): Promise<any> {
      const child = await until(async () => (await kit.rest('GET', `/process-instance?processDefinitionKey=safety-dispatch&superProcessInstance=${processInstanceId}`)).body[0], 30_000);
      const eventId = await until(async () => {
        const v = (await kit.rest('GET', `/process-instance/${child.id}/variables`)).body;
        return v.eventId?.value as string | undefined;
      }, 30_000);
      const rec = await api(creds('safetyOfficer'), 'GET', `/records/safety_emergency_event/${eventId}`);
      expect(rec.status, rec.text).toBe(200);
      return { child, record: rec.body };
    },
    async close() {
      await kit.close();
      delete process.env.SAFEFLOW_INPROCESS_WORKERS;
    },
  };
  return f;
}

/** The fixture type. */
export type AiReviewFixture = Awaited<ReturnType<typeof startAiReviewFixture>>;
