import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../seed/demoData';
import { startTestServer, type TestServer } from '../testing/startTestServer';

type Server = TestServer & { dataDir: string; databaseUrl?: string; dropDatabase(): Promise<void> };
interface Layers { version: string; unchanged: boolean; layers: { key: string; features: { id: string; label: string; coords: [number, number][] }[] }[] }

describe('the park map on two runtime nodes sharing one database', () => {
  let a: Server;
  let b: Server;
  let token: string;
  let parkId: string;

  beforeAll(async () => {
    a = await startTestServer({ seedDemo: true });
    b = await startTestServer({ seedDemo: true, reuse: { dataDir: a.dataDir, databaseUrl: a.databaseUrl } });
    token = (await a.request('POST', '/api/v1/auth/login', { body: { username: 'inspector', password: DEMO_PASSWORD } })).body.accessToken;
    parkId = (await a.request('GET', '/api/v1/map/parks', { token })).body.items[0].id;
  });
  afterAll(async () => {
    await b.close();
    await a.close();
    await a.dropDatabase();
  });

  it('moves the version seen on node B when a hazard is moved through node A, and both nodes agree on it', async () => {
    // given
    const layersOn = async (s: Server, since?: string) => (await s.request('GET', `/api/v1/map/parks/${parkId}/layers${since ? `?since=${since}` : ''}`, { token })).body as Layers;
    const onA = await layersOn(a);
    const onB = await layersOn(b);
    const hazard = onA.layers.find((l) => l.key === 'hazards')!.features[0]!;
    const record = (await a.request('GET', `/api/v1/records/safety_hazard/${hazard.id}`, { token })).body;
    // when
    const moved = await a.request('PUT', `/api/v1/records/safety_hazard/${hazard.id}`, { token, body: { data: { ...record.data, planX: 333, planY: 444 }, revision: record.revision } });
    const afterOnB = await layersOn(b, onB.version);
    const afterOnA = await layersOn(a, onA.version);
    // then
    expect(onB.version).toBe(onA.version);
    expect(moved.status, moved.text).toBe(200);
    expect(afterOnB.unchanged).toBe(false);
    expect(afterOnB.version).toBe(afterOnA.version);
    expect(afterOnB.layers.find((l) => l.key === 'hazards')!.features.find((f) => f.id === hazard.id)!.coords).toEqual([[333, 444]]);
  });
});
