import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmn } from '../engine/testing/bpmn';
import { startEngineServer, until, type Creds, type EngineKit } from '../engine/testing/engineTestKit';
import { aiServicesOf } from './AiServices';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
/** tsx as a loader of this one process (the tsx CLI would run the worker as a grandchild that a kill of the CLI leaves running). */
const tsxLoader = ['--import', 'tsx'];

/** Only the review result step: the alarm, the decision and the reviewer come as variables. */
const flow = bpmn(
  'remoteReview',
  `<startEvent id="start"/><sequenceFlow id="f1" sourceRef="start" targetRef="result"/>
   <serviceTask id="result" camunda:type="external" camunda:topic="ai-alarm-review"/>
   <sequenceFlow id="f2" sourceRef="result" targetRef="end"/><endEvent id="end"/>`,
);

describe('ai-alarm-review out of process: safeflow worker --plugin @safeflow/plugin-ai-detect/remote over the engine REST and the runtime API', () => {
  let kit: EngineKit;
  let child: ChildProcess | undefined;
  let out = '';
  let tenant: string;
  let other: string;
  let service: Creds;
  const raise = async (tenantId: string, label: string) => {
    const at = kit.deps.clock.now().getTime();
    const { alarmId } = await aiServicesOf(kit.deps).alarms.raise({
      org: { tenantId, orgId: tenantId, orgPath: `/${tenantId}/` }, cameraId: null, modelId: 'm', ruleKey: 'no-helmet', label, box: { x1: 1, y1: 2, x2: 30, y2: 40 },
      confidence: 0.9, detections: [], snapshot: { fileId: 'f', name: 'a.jpg', size: 1, mime: 'image/jpeg', sha256: 'x' } as never, processInstanceId: null, at, windowMs: 1000, mergeIou: 0.5,
    });
    return alarmId;
  };
  const start = async (tenantId: string, alarmId: string): Promise<{ id: string }> => {
    const res = await kit.rest('POST', `/process-definition/key/remoteReview/tenant-id/${tenantId}/start`, {
      body: { variables: { alarmId: { value: alarmId, type: 'String' }, confirmed: { value: true, type: 'Boolean' }, reviewer: { value: 'officer.li', type: 'String' } } },
    });
    expect(res.status, res.text).toBe(200);
    return res.body;
  };

  beforeAll(async () => {
    kit = await startEngineServer(); // in-process workers are off under the test runner: only the child serves the topic
    tenant = await kit.createTenant('远程企业');
    other = await kit.createTenant('别的企业');
    // the worker's service user: a tenant user with engine.operate (city bureau role) of `tenant` only
    service = await kit.createUser('ai.worker', { tenantId: tenant, role: 'cityBureauAdmin' });
    for (const t of [tenant, other]) expect((await kit.deploy({ 'r.bpmn': flow }, { 'tenant-id': t })).status).toBe(200);
  }, 120_000);
  afterAll(async () => {
    child?.kill('SIGKILL');
    await kit?.close();
  }, 120_000);

  it('records the review of its tenant’s alarm through /api/v1 (audited); another tenant’s task is not fetched and its alarm is not found for it', async () => {
    // given an alarm of the service user's tenant and one of another tenant, each with a review-result step waiting
    const mine = await raise(tenant, 'person');
    const theirs = await raise(other, 'person');
    const piMine = await start(tenant, mine);
    const piTheirs = await start(other, theirs);
    // when the worker runs as its own process
    child = spawn(
      process.execPath,
      [...tsxLoader, 'runtime/src/cli/main.ts', 'worker', '--plugin', '@safeflow/plugin-ai-detect/remote', '--engine-url', `${kit.server.url}/engine-rest`, '--username', service.username, '--password', service.password],
      { cwd: repoRoot, env: { ...process.env, LOG_LEVEL: 'silent', VITEST: '', DATABASE_URL: '', DATA_DIR: '/nonexistent' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
    // then its tenant's patrol step completes and the alarm is confirmed by the reviewer
    await until(async () => (await kit.rest('GET', `/history/process-instance?processInstanceId=${piMine.id}`)).body[0]?.state === 'COMPLETED', 90_000);
    expect(out).toContain('safeflow worker: serving ai-detect, ai-alarm-review at');
    const [row] = await kit.deps.db.query<{ status: string; reviewed_by: string }>('SELECT status, reviewed_by FROM ai_alarm WHERE id = ?', [mine]);
    expect(row).toEqual({ status: 'confirmed', reviewed_by: 'officer.li' });
    const audit = await kit.deps.db.query<{ action: string }>("SELECT action FROM audit_log WHERE target_id = ? ORDER BY seq", [mine]);
    expect(audit.map((a) => a.action)).toEqual(['ai.alarm.raise', 'ai.alarm.review']);
    // and the other tenant's alarm stays open (its task is not the service user's to fetch)
    const [left] = await kit.deps.db.query<{ status: string }>('SELECT status FROM ai_alarm WHERE id = ?', [theirs]);
    expect(left!.status).toBe('open');
    expect((await kit.rest('GET', `/history/process-instance?processInstanceId=${piTheirs.id}`)).body[0]?.state).toBe('ACTIVE');
    // the API refuses the service user the other tenant's alarm outright
    const denied = await kit.server.request('POST', `/api/v1/ai/alarms/${theirs}/result`, { body: { confirmed: false }, headers: { authorization: `Basic ${Buffer.from(`${service.username}:${service.password}`).toString('base64')}` } });
    expect(denied.status).toBe(404);
    expect(denied.body.code).toBe('ai_alarm.not_found');
    const code = await new Promise<number | null>((resolve) => {
      child!.once('exit', (c) => resolve(c));
      child!.kill('SIGTERM');
    });
    expect(code, out).toBe(0);
    child = undefined;
  }, 180_000);
});
