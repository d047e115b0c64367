import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../testing/startTestServer';
import { DEMO_PASSWORD, DEMO_USERS } from './demoData';
import { describeDemoLogins, seedDemo } from './seedDemo';

describe('demo seed', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    server = await startTestServer({ seedDemo: true });
  });
  afterAll(async () => {
    await server.close();
    await server.dropDatabase();
  });

  it('creates the org tree from the city bureau down to the enterprises', async () => {
    // given
    const login = await server.request('POST', '/api/v1/auth/login', {
      body: { username: 'admin', password: DEMO_PASSWORD },
    });
    // when
    const res = await server.request('GET', '/api/v1/orgs?pageSize=200', { token: login.body.accessToken });
    // then
    expect(res.status).toBe(200);
    const names = res.body.items.map((o: { name: string }) => o.name);
    expect(names).toEqual(
      expect.arrayContaining([
        '杭州市应急管理局',
        '滨江区应急管理局',
        '长河街道安全管理办公室',
        '高新技术产业园',
        'A区精密制造有限公司',
        'E区仓储物流有限公司',
      ]),
    );
    const park = res.body.items.find((o: { type: string }) => o.type === 'park');
    expect(park.info.emergencyPhone).toBe('0571-86690119');
    const a = res.body.items.find((o: { name: string }) => o.name === 'A区精密制造有限公司');
    expect(a.enterpriseNumber).toBe('DYRA1706237606');
    expect(a.path.startsWith(park.path)).toBe(true);
    expect(res.body.items.some((o: { type: string }) => o.type === 'zone')).toBe(true);
    expect(res.body.items.some((o: { type: string }) => o.type === 'publicArea')).toBe(true);
  });

  it('lets every demo user log in and see their role', async () => {
    for (const u of DEMO_USERS) {
      // when
      const login = await server.request('POST', '/api/v1/auth/login', {
        body: { username: u.username, password: DEMO_PASSWORD },
      });
      expect(login.status, u.username).toBe(200);
      const me = await server.request('GET', '/api/v1/me', { token: login.body.accessToken });
      // then
      expect(me.status).toBe(200);
      expect(me.body.user.username).toBe(u.username);
      expect(me.body.memberships.map((m: { roleKey: string }) => m.roleKey)).toContain(u.roleKey);
      expect(me.body.modules).toContain('aiPatrol');
    }
  });

  it('does nothing on a database that has orgs already, and describes the logins', async () => {
    // when
    const seeded = await seedDemo(server.runtime.deps);
    const text = await describeDemoLogins(server.runtime.deps);
    // then
    expect(seeded).toBe(false);
    expect(text).toContain('owner.a');
    expect(text).toContain(DEMO_PASSWORD);
  });
});
