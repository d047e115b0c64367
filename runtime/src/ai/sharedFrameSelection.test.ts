import { aiDetectConfigSchema, aiDetectTaskType, buildColourPatchModel, cellBox, syntheticPng, type TaskOrg } from '@safeflow/plugin-ai-detect';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngineServer, type Creds, type EngineKit } from '../engine/testing/engineTestKit';
import { pluginServices } from '../plugins/pluginServices';
import { aiServicesOf } from './AiServices';

const W = 1280;
const H = 720;
const hat = cellBox(W, H, 640, 16, 20, 20);

describe('flywheel frame selection shared by every node: near duplicates are judged against the database, not a node’s memory', () => {
  let kit: EngineKit;
  let officer: Creds;
  let tenant: string;
  const basic = (c: Creds) => `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}`;
  const upload = async (p: string, bytes: Uint8Array, name: string, fields: Record<string, string>) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append('file', new Blob([new Uint8Array(bytes)]), name);
    const res = await kit.server.request('POST', `/api/v1${p}`, { headers: { authorization: basic(officer) }, rawBody: form });
    expect(res.status, res.text).toBe(201);
    return res.body as { id: string };
  };
  /** A helmet alone (no person: no alarm) in front of a blue wall on the left or the right: two clearly different pictures. */
  const scene = (wall: 'left' | 'right') =>
    syntheticPng(W, H, [{ colour: 'blue', box: wall === 'left' ? { x1: 0, y1: 0, x2: 500, y2: H } : { x1: 780, y1: 0, x2: W, y2: H } }, { colour: 'green', box: hat }]);
  const samples = async () => (await kit.deps.db.query<{ hash: string; reason: string }>('SELECT hash, reason FROM ai_sample WHERE tenant_id = ? ORDER BY created_at', [tenant]));

  beforeAll(async () => {
    kit = await startEngineServer();
    tenant = await kit.createTenant('多节点企业');
    await kit.entitle(tenant);
    officer = await kit.createUser('nodes.officer', { tenantId: tenant, role: 'safetyOfficer' });
    await upload('/ai/models', buildColourPatchModel({ classes: [{ label: 'person', colour: 'red', stride: 32 }, { label: 'safehat', colour: 'green', stride: 16 }] }), 'ppe.onnx', { orgId: tenant, key: 'ppe', labels: 'person,safehat' });
  }, 120_000);
  afterAll(async () => {
    await kit?.close();
  }, 120_000);

  it('a node that cached nothing of another node’s kept frame still sees it as a duplicate', async () => {
    // given two nodes: two registrations of the ai-detect task type over the same runtime database
    const org: TaskOrg = { tenantId: tenant, orgId: tenant, orgPath: `/${tenant}/` };
    const ports = { ...aiServicesOf(kit.deps).ports, orgOf: async () => org };
    const nodeA = aiDetectTaskType(ports);
    const nodeB = aiDetectTaskType(ports);
    const services = pluginServices(kit.deps, 'ai-detect');
    // the helmet scores near the threshold (0.9 ± 0.1): an informative frame for the flywheel
    const config = aiDetectConfigSchema.parse({ model: 'ppe', rule: 'no-helmet', source: 'photo', confidence: 0.9 });
    const [left, right] = [await upload('/files', await scene('left'), 'l.png', { orgId: tenant }), await upload('/files', await scene('right'), 'r.png', { orgId: tenant })];
    const detect = (node: typeof nodeA, fileId: string) =>
      node.handler({ task: { id: 't', topicName: 'ai-detect', tenantId: tenant } as never, variables: { photo: fileId }, config, services, extendLock: async () => undefined });
    // when node A keeps the left scene, node B keeps the right one, and node A sees the right one again
    const first = await detect(nodeA, left.id);
    expect(first).toMatchObject({ alarm: false, detectionCount: 1 });
    expect((await samples()).map((s) => s.reason)).toEqual(['near_threshold']);
    await detect(nodeB, right.id);
    expect(await samples()).toHaveLength(2);
    await detect(nodeA, right.id);
    // then node A did not keep the duplicate node B had kept
    const kept = await samples();
    expect(kept).toHaveLength(2);
    expect(kept[0]!.hash).not.toBe(kept[1]!.hash);
  }, 120_000);
});
