import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAuthContext } from '../auth/loadAuthContext';
import type { AuthContext } from '../http/AuthContext';
import { demoTenantId, installBundledPacks } from '../packs/installBundledPacks';
import { startTestServer } from '../testing/startTestServer';
import { dispatchMapLayer } from './dispatchMapLayer';
import type { MapLayerContext } from '../map/MapLayerProvider';

describe('dispatchMapLayer over the demo seed (npm start)', { timeout: 120_000 }, () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let tenantId: string;
  let park: MapLayerContext['park'];
  let enterpriseB: { id: string; path: string };
  const authOf = async (username: string): Promise<AuthContext> => {
    const [u] = await server.runtime.deps.db.query<{ id: string }>('SELECT id FROM user WHERE username = ?', [username]);
    return (await loadAuthContext(server.runtime.deps.db, u!.id))!;
  };
  const fetchAs = (auth: AuthContext) => dispatchMapLayer.fetch({ deps: server.runtime.deps, auth, tenantId, park });

  beforeAll(async () => {
    server = await startTestServer({ seedDemo: true, listen: false });
    tenantId = (await demoTenantId(server.runtime.deps))!;
    await installBundledPacks(server.runtime.deps);
    const orgs = await server.runtime.deps.db.query<{ id: string; path: string; type: string; name: string }>('SELECT id, path, type, name FROM org WHERE tenant_id = ?', [tenantId]);
    const p = orgs.find((o) => o.type === 'park')!;
    park = { id: p.id, orgId: p.id, orgPath: p.path };
    const enterprises = orgs.filter((o) => o.type === 'enterprise').sort((a, b) => a.name.localeCompare(b.name));
    enterpriseB = enterprises.find((e) => e.name.includes('B'))!;
  });
  afterAll(async () => {
    await server?.close();
    await server?.dropDatabase();
  });

  it('draws the demo event at its plan location in its grade colour and its three orders by status, for the park inspector', async () => {
    // given the park's inspector
    const inspector = await authOf('inspector');
    // when
    const features = await fetchAs(inspector);
    // then
    const event = features.find((f) => f.props?.type === 'event')!;
    expect(event).toMatchObject({ kind: 'point', coords: [[520, 340]], colour: '#1e6fff', status: 'handling', label: 'A区2号车间液压油泄漏起火（演示）（IV 级）' });
    expect(event.href).toBe(`/dispatch/${event.id.slice('event:'.length)}`);
    const orders = features.filter((f) => f.props?.type === 'order');
    expect(orders.map((o) => [o.kind, o.status, o.colour, o.coords]).sort()).toEqual(
      [
        ['point', 'dispatched', '#909399', [[520, 340]]],
        ['polyline', 'en_route', '#e6a23c', [[760, 560], [520, 340]]],
        ['polyline', 'on_site', '#9b59b6', [[180, 120], [520, 340]]],
      ].sort(),
    );
    expect(orders.every((o) => o.props?.eventId === event.id.slice('event:'.length))).toBe(true);
    expect(dispatchMapLayer.legend!.length).toBeGreaterThan(4);
  });

  it('shows the enterprise’s own officer the same event, and a member of another enterprise of the park nothing', async () => {
    // given
    const own = await authOf('safety.a');
    const other: AuthContext = {
      kind: 'user', userId: 'someone-at-b', username: 'someone-at-b', platformAdmin: false,
      memberships: [{ orgId: enterpriseB.id, orgPath: enterpriseB.path, tenantId, roleKey: 'safetyOfficer', permissions: ['record.read', 'record.write'] }],
    };
    // when
    const mine = await fetchAs(own);
    const theirs = await fetchAs(other);
    // then
    expect(mine.filter((f) => f.props?.type === 'event')).toHaveLength(1);
    expect(mine.filter((f) => f.props?.type === 'order')).toHaveLength(3);
    expect(theirs).toEqual([]);
  });
});
