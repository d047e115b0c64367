import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeTestClip } from '@safeflow/plugin-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../audit/appendAudit';
import { startEngineServer, until, type Creds, type EngineKit } from '../engine/testing/engineTestKit';
import { setEntitlements } from '../entitlements/entitlements.route';

describe('GET /patrol-routes/:id/runs/:pi: how far a patrol started now has come, for users without engine.operate', () => {
  let kit: EngineKit;
  let officer: Creds;
  let stranger: Creds;
  let tenant: string;
  let dir: string;
  const cams: Record<string, string> = {};
  const api = (method: string, p: string, body?: unknown, as: Creds = officer) =>
    kit.server.request(method, `/api/v1${p}`, { body, headers: { authorization: `Basic ${Buffer.from(`${as.username}:${as.password}`).toString('base64')}` } });

  beforeAll(async () => {
    process.env.SAFEFLOW_INPROCESS_WORKERS = 'true';
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sf-patrol-run-'));
    const [clean, black] = await Promise.all([
      makeTestClip(path.join(dir, 'clean.mp4'), { lavfi: 'testsrc2=size=320x240:rate=10' }),
      makeTestClip(path.join(dir, 'black.mp4'), { lavfi: 'color=c=black:size=320x240:rate=10' }),
    ]);
    kit = await startEngineServer();
    tenant = await kit.createTenant('巡检进度企业');
    officer = await kit.createUser('run.officer', { tenantId: tenant, role: 'safetyOfficer' });
    const other = await kit.createTenant('别的企业');
    stranger = await kit.createUser('run.stranger', { tenantId: other, role: 'safetyOfficer' });
    for (const t of [tenant, other]) await kit.deps.db.transaction((tx) => setEntitlements(tx, kit.deps, SYSTEM_ACTOR, { id: t, path: `/${t}/` }, ['videoDiagnostics']));
    for (const [name, file] of [['black', black], ['clean', clean]] as const) {
      const res = await api('POST', '/cameras', { orgId: tenant, name, source: { kind: 'file', path: file } });
      expect(res.status, res.text).toBe(201);
      cams[name] = res.body.id;
    }
  }, 120_000);
  afterAll(async () => {
    await kit?.close();
    delete process.env.SAFEFLOW_INPROCESS_WORKERS;
    fs.rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  it('counts the stops run, stays open while the black camera’s work order waits, ends after it; other routes and tenants get 404', async () => {
    // given a route: the black camera (a work order) first, then the clean one; and a second route
    const body = { orgId: tenant, name: '进度巡检', cameraIds: [cams.black, cams.clean], taskTopic: 'video-diagnose', taskConfig: { intervalMs: '200', frames: '2' } };
    const route = await api('POST', '/patrol-routes', body);
    expect(route.status, route.text).toBe(201);
    const second = await api('POST', '/patrol-routes', { ...body, name: '另一条' });
    expect(second.status, second.text).toBe(201);
    // the officer may not read the engine's history: that is why the route answers
    expect((await kit.rest('GET', '/history/process-instance', { as: officer })).status).toBe(403);
    // when it runs now
    const run = await api('POST', `/patrol-routes/${route.body.id}/run`, {});
    expect(run.status, run.text).toBe(201);
    const pi = run.body.processInstanceId as string;
    const status = () => api('GET', `/patrol-routes/${route.body.id}/runs/${pi}`);
    // then it has run the first stop and waits in the black camera's work order
    const waiting = await until(async () => {
      const task = (await kit.rest('GET', `/task?processInstanceId=${pi}`)).body as { id: string; taskDefinitionKey: string }[];
      return task[0]?.taskDefinitionKey === 'workOrder' ? task[0] : undefined;
    }, 30_000);
    expect((await status()).body).toEqual({ processInstanceId: pi, ended: false, stopsDone: 1, stopsTotal: 2 });
    // when the work order is done
    expect((await kit.rest('POST', `/task/${waiting.id}/complete`, { body: { variables: {} } })).status).toBe(204);
    // then the clean camera runs and the patrol ends with both stops
    const done = await until(async () => {
      const s = (await status()).body;
      return s.ended ? s : undefined;
    }, 30_000);
    expect(done).toEqual({ processInstanceId: pi, ended: true, stopsDone: 2, stopsTotal: 2 });
    // and the instance is not another route's, nor another tenant's to read
    const wrong = await api('GET', `/patrol-routes/${second.body.id}/runs/${pi}`);
    expect([wrong.status, wrong.body.code]).toEqual([404, 'patrol_run.not_found']);
    expect((await api('GET', `/patrol-routes/${route.body.id}/runs/${pi}`, undefined, stranger)).status).toBe(404);
    expect((await api('GET', `/patrol-routes/${route.body.id}/runs/nope`)).status).toBe(404);
    // the route's patrol record has this run, the other route's none; another tenant's officer cannot list it
    expect((await api('GET', `/patrol-routes/${route.body.id}/runs`)).body).toMatchObject({ stopsTotal: 2, items: [{ processInstanceId: pi, trigger: 'manual', state: 'completed', stopsDone: 2, workOrders: 1 }] });
    expect((await api('GET', `/patrol-routes/${second.body.id}/runs`)).body).toEqual({ stopsTotal: 2, items: [] });
    expect((await api('GET', `/patrol-routes/${route.body.id}/runs`, undefined, stranger)).status).toBe(404);
  }, 120_000);
});
