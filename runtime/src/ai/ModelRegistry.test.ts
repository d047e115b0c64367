import { buildColourPatchModel } from '@safeflow/plugin-ai-detect';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngineServer, type EngineKit } from '../engine/testing/engineTestKit';
import { seedMatrix, type MatrixFixture, type MatrixPlace, type MatrixUser } from '../testing/seedMatrix';
import { aiServicesOf } from './AiServices';

const MODEL = buildColourPatchModel({ classes: [{ label: 'person', colour: 'red', stride: 32 }, { label: 'safehat', colour: 'green', stride: 16 }] });

describe('model lineages per org: versions, promotion and the model a task uses', () => {
  let kit: EngineKit;
  let fx: MatrixFixture;
  const importAt = async (as: MatrixUser, place: MatrixPlace) => {
    const form = new FormData();
    for (const [k, v] of Object.entries({ orgId: fx.orgs[place].id, key: 'ppe', labels: 'person,safehat', licence: 'test-only' })) form.append(k, v);
    form.append('file', new Blob([new Uint8Array(MODEL)]), 'ppe.onnx');
    const res = await kit.server.request('POST', '/api/v1/ai/models', { token: as.token, rawBody: form });
    expect(res.status, res.text).toBe(201);
    return res.body as { id: string; version: number; status: string; revision: number };
  };
  const promote = (as: MatrixUser, m: { id: string; revision: number }, cameras?: string[]) =>
    kit.server.request('POST', `/api/v1/ai/models/${m.id}/promote`, { token: as.token, body: { revision: m.revision, ...(cameras ? { cameras } : {}) } });
  const statusOf = async (id: string) => (await kit.deps.db.query<{ status: string }>('SELECT status FROM ai_model WHERE id = ?', [id]))[0]!.status;
  const usedAt = async (place: MatrixPlace, cameraId: string | null = null) =>
    (await aiServicesOf(kit.deps).models.resolve({ tenantId: fx.orgs.C.id, orgPath: fx.orgs[place].path }, 'ppe', cameraId)).id;

  beforeAll(async () => {
    kit = await startEngineServer();
    fx = await seedMatrix(kit.server, { prefix: 'mr' });
  }, 60_000);
  afterAll(async () => {
    await kit?.close();
  });

  it('numbers and promotes each org’s versions apart; a task uses its own org’s model, else the nearest above, never another branch’s', async () => {
    // given the city's model, and enterprise E1's own import of the same key
    const city = await importAt(fx.user('cityBureauAdmin'), 'C');
    const e1 = await importAt(fx.user('safetyOfficer', 1), 'E1');
    // when E2 imports it twice and promotes its second version
    const e2v1 = await importAt(fx.user('safetyOfficer', 2), 'E2');
    const e2v2 = await importAt(fx.user('safetyOfficer', 2), 'E2');
    const promoted = await promote(fx.user('safetyOfficer', 2), e2v2);
    expect(promoted.status, promoted.text).toBe(200);
    // then every org has its own numbering, and only E2's earlier version is retired
    expect([city, e1, e2v1, e2v2].map((m) => [m.version, m.status])).toEqual([[1, 'active'], [1, 'active'], [1, 'active'], [2, 'candidate']]);
    expect(await Promise.all([city, e1, e2v1, e2v2].map((m) => statusOf(m.id)))).toEqual(['active', 'active', 'retired', 'active']);
    // and each enterprise's tasks use its own model; the street and district above E1, and the other district, use the city's
    expect(await usedAt('E1')).toBe(e1.id);
    expect(await usedAt('E2')).toBe(e2v2.id);
    for (const place of ['S1', 'D1', 'D2', 'C'] as const) expect(await usedAt(place), place).toBe(city.id);
    // and one enterprise can neither promote nor see the other's version
    expect((await promote(fx.user('safetyOfficer', 1), { id: e2v1.id, revision: 1 })).status).toBe(404);
  });

  it('pilots a version on some cameras: those cameras of orgs that use the city’s model get it, an org with its own keeps its own', async () => {
    const admin = fx.user('cityBureauAdmin');
    const city = (await kit.server.request('GET', '/api/v1/ai/models?key=ppe', { token: admin.token })).body.items.find((m: { orgId: string; status: string }) => m.orgId === fx.orgs.C.id && m.status === 'active');
    const v2 = await importAt(admin, 'C');
    expect(v2.version).toBe(2);
    const pilot = await promote(admin, v2, ['cam-gate']);
    expect(pilot.status, pilot.text).toBe(200);
    expect(await usedAt('S1', 'cam-gate')).toBe(v2.id);
    expect(await usedAt('S1', 'cam-yard')).toBe(city.id);
    expect(await usedAt('S1')).toBe(city.id);
    const e1 = (await kit.server.request('GET', '/api/v1/ai/models?key=ppe', { token: fx.user('safetyOfficer', 1).token })).body.items as { id: string; orgId: string; status: string }[];
    expect(await usedAt('E1', 'cam-gate')).toBe(e1.find((m) => m.orgId === fx.orgs.E1.id && m.status === 'active')!.id);
    await expect(aiServicesOf(kit.deps).models.resolve({ tenantId: fx.orgs.C.id, orgPath: fx.orgs.C.path }, 'no-such-model', null)).rejects.toMatchObject({ code: 'model.not_found', status: 404 });
  });

  it('shows an enterprise its own lineage and, read-only, the versions handed down from above that serve it; not another enterprise’s', async () => {
    const officer = fx.user('safetyOfficer', 1);
    const list = (await kit.server.request('GET', '/api/v1/ai/models?key=ppe', { token: officer.token })).body.items as { id: string; orgId: string; orgName: string; version: number; status: string; inherited: boolean }[];
    const at = (place: MatrixPlace) => list.filter((m) => m.orgId === fx.orgs[place].id).map((m) => [m.version, m.status, m.inherited]);
    expect(at('E1')).toEqual([[1, 'active', false]]);
    expect(at('C')).toEqual([[2, 'pilot', true], [1, 'active', true]]); // the city's serving versions only
    expect(at('E2')).toEqual([]);
    expect(list.find((m) => m.orgId === fx.orgs.C.id)!.orgName).toMatch(/mr/);
    // one handed-down version reads as inherited; nothing of the city's can be changed from below
    const city = list.find((m) => m.orgId === fx.orgs.C.id && m.status === 'active')!;
    const one = await kit.server.request('GET', `/api/v1/ai/models/${city.id}`, { token: officer.token });
    expect([one.status, one.body.inherited]).toEqual([200, true]);
    expect((await promote(officer, { id: city.id, revision: 1 })).status).toBe(404);
    const thresholds = await kit.server.request('PUT', `/api/v1/ai/models/${city.id}/thresholds`, { token: officer.token, body: { thresholds: { confidence: 0.9, iou: 0.5 }, revision: 1 } });
    expect(thresholds.status).toBe(404);
    // the city's own view: all its versions, none inherited
    const mine = (await kit.server.request('GET', '/api/v1/ai/models?key=ppe', { token: fx.user('cityBureauAdmin').token })).body.items as { inherited: boolean }[];
    expect(mine.length).toBeGreaterThanOrEqual(5);
    expect(mine.every((m) => !m.inherited)).toBe(true);
  });
});
