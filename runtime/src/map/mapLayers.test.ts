import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../seed/demoData';
import { startTestServer, type TestServer } from '../testing/startTestServer';
import { layerProviders } from './layerProviders';
import { listMapParks } from './mapParks';
import { mapLayers } from './mapLayers';
import type { MapLayerProvider } from './MapLayerProvider';
import { loadAuthContext } from '../auth/loadAuthContext';

describe('map layers from pluggable providers', () => {
  let server: TestServer & { dropDatabase(): Promise<void> };
  beforeAll(async () => {
    server = await startTestServer({ seedDemo: true });
  });
  afterAll(async () => {
    await server.close();
    await server.dropDatabase();
  });

  it('keeps the other layers when one provider fails, and marks the failed one', async () => {
    // given: the demo inspector and a provider that throws
    const login = await server.request('POST', '/api/v1/auth/login', { body: { username: 'inspector', password: DEMO_PASSWORD } });
    const me = await server.request('GET', '/api/v1/me', { token: login.body.accessToken });
    const auth = await loadAuthContext(server.runtime.deps.db, me.body.user.id);
    const [park] = await listMapParks(server.runtime.deps, auth!);
    const broken: MapLayerProvider = { key: 'broken', title: { zh: '坏图层', en: 'Broken' }, fetch: () => Promise.reject(new Error('no such table: thing')) };
    // when
    const { layers } = await mapLayers(server.runtime.deps, auth!, park!, [...layerProviders, broken]);
    // then
    expect(layers.at(-1)).toEqual({ key: 'broken', title: { zh: '坏图层', en: 'Broken' }, legend: [], features: [], error: 'map.layer_failed' });
    expect(layers.find((l) => l.key === 'hazards')!.features.length).toBeGreaterThan(0);
    expect(layers.slice(0, -1).every((l) => l.error === undefined)).toBe(true);
  });
});
