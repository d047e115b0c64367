/* eslint-disable @typescript-eslint/no-explicit-any -- JSON response bodies of the API under test are read loosely */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../engine/testing/engineTestKit';
import { DEMO_PASSWORD } from '../seed/demoData';
import { startTestServer } from '../testing/startTestServer';
import { DEMO_MODEL_KEY, seedDemoAi } from './seedDemoAi';

type Server = Awaited<ReturnType<typeof startTestServer>>;
const basic = (username: string) => ({ authorization: `Basic ${Buffer.from(`${username}:${DEMO_PASSWORD}`).toString('base64')}` });

describe('the demo’s AI patrol (demo seed, bundled safety pack, real detector, ffmpeg, engine and workers)', { timeout: 240_000 }, () => {
  let server: Server;
  const env = { ...process.env };
  const api = (as: string, method: string, p: string, body?: unknown) => server.request(method, `/api/v1${p}`, { headers: basic(as), body });
  beforeAll(async () => {
    process.env.SAFEFLOW_INPROCESS_WORKERS = 'true';
    process.env.SCHEDULER_TICK_MS = '0';
    server = await startTestServer({ seedDemo: true }); // the living demo is off under vitest: the test runs the AI part itself
  });
  afterAll(async () => {
    await server?.close();
    await server?.dropDatabase();
    process.env = env;
  });

  it('imports the demo model, gives three cameras a picture, runs two routes: A and B raise alarms (helmet-less workers), E does not; the reviewers see them; a second run adds nothing', async () => {
    const report = await seedDemoAi(server.runtime.deps);
    expect(report).toMatchObject({ cameras: ['A区冲压车间', 'B区储罐区', 'E区叉车作业区'], routes: ['A区 AI 安全帽巡检（演示）', '园区 AI 安全帽巡检（演示）'] });
    expect(report.runs).toHaveLength(2);
    expect(report.skipped).toBeUndefined();
    expect(report.settled).toBe(true);

    // the routes end; the two alarms wait for review, each at its camera
    const ended = async (pi: string) => (await server.request('GET', `/engine-rest/history/process-instance?processInstanceId=${pi}`, { headers: basic('admin') })).body[0]?.state === 'COMPLETED';
    await until(async () => (await ended(report.runs[0]!)) && (await ended(report.runs[1]!)), 60_000);
    const alarms = await until(async () => {
      const items = (await api('admin', 'GET', '/ai/alarms')).body.items as any[];
      return items.length === 2 && items.every((a) => a.processInstanceId && !report.runs.includes(a.processInstanceId)) ? items : undefined;
    }, 30_000);
    const cams = (await api('admin', 'GET', '/cameras?pageSize=50')).body.items as any[];
    const nameOf = (id: string) => cams.find((c) => c.id === id)?.name;
    expect(alarms.map((a) => [nameOf(a.cameraId), a.label, a.status]).sort()).toEqual([['A区冲压车间', 'person', 'open'], ['B区储罐区', 'person', 'open']]);
    // the cameras show their scene (a live snapshot over ffmpeg), the one that was not changed is still RTSP
    expect(cams.filter((c) => c.source.kind === 'file').map((c) => c.name).sort()).toEqual(['A区冲压车间', 'B区储罐区', 'E区叉车作业区']);
    for (const c of cams.filter((x) => x.source.kind === 'file')) expect(fs.existsSync(c.source.path)).toBe(true);
    const shot = await fetch(`${server.url}/api/v1/cameras/${alarms[0].cameraId}/snapshot`, { headers: basic('admin') });
    expect([shot.status, shot.headers.get('content-type')]).toEqual([200, 'image/jpeg']);

    // A's safety officer sees A's alarm only and has its review task; the park inspector has B's
    const mine = (await api('safety.a', 'GET', '/ai/alarms')).body.items as any[];
    expect(mine.map((a) => nameOf(a.cameraId))).toEqual(['A区冲压车间']);
    // each alarm names its camera, zone and risk colour, and the built-in rule in both languages
    expect(mine[0]).toMatchObject({ camera: { name: 'A区冲压车间', zone: { name: '冲压车间', risk: 'orange' } }, ruleKey: 'no-helmet', ruleName: { 'zh-CN': '未佩戴安全帽', en: 'Person without a helmet' } });
    const reviewOf = async (as: string, pi: string) => ((await api(as, 'GET', '/tasks?pageSize=200')).body.items as any[]).find((t) => t.processInstanceId === pi);
    const byCamera = (n: string) => alarms.find((a) => nameOf(a.cameraId) === n)!;
    expect(await until(() => reviewOf('safety.a', byCamera('A区冲压车间').processInstanceId), 20_000)).toMatchObject({ name: '审核AI告警' });
    expect(await until(() => reviewOf('inspector', byCamera('B区储罐区').processInstanceId), 20_000)).toMatchObject({ name: '审核AI告警' });
    // the snapshot is a stored picture with the boxes drawn; the frame became a flywheel sample pre-annotated by the model
    const snap = await fetch(`${server.url}/api/v1/files/${byCamera('A区冲压车间').snapshotFileId}/content`, { headers: basic('safety.a') });
    expect([snap.status, snap.headers.get('content-type')]).toEqual([200, 'image/jpeg']);
    const samples = (await api('admin', 'GET', '/ai/samples')).body.items as any[];
    expect(samples.filter((s) => s.reason === 'alarm')).toHaveLength(2);
    const models = (await api('admin', 'GET', `/ai/models?key=${DEMO_MODEL_KEY}`)).body.items as any[];
    expect(models.map((m) => [m.version, m.status, m.labels])).toEqual([[1, 'active', ['person', 'safehat']]]);

    // a restart adds nothing
    expect(await seedDemoAi(server.runtime.deps)).toMatchObject({ skipped: 'seeded before', routes: [], runs: [] });
    expect((await api('admin', 'GET', '/patrol-routes')).body.items).toHaveLength(2);
  });
});
