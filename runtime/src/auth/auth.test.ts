import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../testing/FakeClock';
import { startTestServer } from '../testing/startTestServer';
import { seedMatrix, type MatrixFixture } from '../testing/seedMatrix';
import { SYSTEM_ACTOR } from '../audit/appendAudit';
import type { OrgRow } from '../orgs/orgRow';
import { insertMembership } from '../users/membershipCommands';
import { authenticateBasic } from './authenticate';
import { loadAuthContext } from './loadAuthContext';

describe('auth: login, lock-out, token expiry, refresh rotation, logout, password change', () => {
  const clock = new FakeClock();
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let fx: MatrixFixture;
  beforeAll(async () => {
    server = await startTestServer({ clock });
    fx = await seedMatrix(server);
  });
  afterAll(async () => {
    await server.close();
    await server.dropDatabase();
  });

  const login = (username: string, password: string) =>
    server.request('POST', '/api/v1/auth/login', { body: { username, password } });

  it('logs in and answers /me with memberships, permissions and modules', async () => {
    // when
    const res = await login('mx.safetyOfficer.1', fx.password);
    const me = await server.request('GET', '/api/v1/me', { token: res.body.accessToken });
    // then
    expect(res.status).toBe(200);
    expect(res.body.tokenType).toBe('Bearer');
    expect(res.body.expiresIn).toBe(server.config.accessTokenTtlSeconds);
    expect(me.body.memberships).toEqual([
      expect.objectContaining({ orgId: fx.orgs.E1.id, roleKey: 'safetyOfficer', roleNameZh: '企业安全员' }),
    ]);
    expect(me.body.permissions).toContain('audit.read');
    expect(me.body.permissions).not.toContain('user.write');
    expect(me.body.modules).toContain('inspection');
  });

  it('answers wrong passwords and unknown users with the same error', async () => {
    const wrong = await login('mx.operator.1', 'nope-nope');
    const unknown = await login('no.such.user', 'nope-nope');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.code).toBe('auth.invalid_credentials');
    expect(unknown.body.code).toBe('auth.invalid_credentials');
  });

  it('locks an account after 5 consecutive failures for 15 minutes', async () => {
    // given
    const user = 'mx.operator.2';
    for (let i = 0; i < 5; i++) expect((await login(user, 'wrong-password')).status).toBe(401);
    // when
    const locked = await login(user, fx.password);
    clock.advance(14 * 60 * 1000);
    const stillLocked = await login(user, fx.password);
    clock.advance(61 * 1000);
    const open = await login(user, fx.password);
    // then
    expect(locked.status).toBe(423);
    expect(locked.body.code).toBe('auth.locked');
    expect(stillLocked.status).toBe(423);
    expect(open.status).toBe(200);
  });

  it('resets the failure count on a successful login', async () => {
    const user = 'mx.safetyOfficer.2';
    for (let i = 0; i < 4; i++) await login(user, 'wrong-password');
    expect((await login(user, fx.password)).status).toBe(200);
    for (let i = 0; i < 4; i++) await login(user, 'wrong-password');
    expect((await login(user, fx.password)).status).toBe(200);
  });

  it('applies the same lock-out to Basic credentials', async () => {
    // given
    const user = 'mx.inspector.2';
    const basic = (p: string) => ({
      authorization: 'Basic ' + Buffer.from(`${user}:${p}`).toString('base64'),
    });
    const ok = await server.request('GET', '/api/v1/me', { headers: basic(fx.password) });
    for (let i = 0; i < 5; i++) await server.request('GET', '/api/v1/me', { headers: basic('bad-password') });
    // when
    const locked = await server.request('GET', '/api/v1/me', { headers: basic(fx.password) });
    // then
    expect(ok.status).toBe(200);
    expect(ok.body.user.username).toBe(user);
    expect(locked.status).toBe(423);
    await expect(authenticateBasic(server.runtime.deps, user, fx.password)).rejects.toMatchObject({
      code: 'auth.locked',
    });
    clock.advance(15 * 60 * 1000 + 1);
    await expect(authenticateBasic(server.runtime.deps, user, fx.password)).resolves.toMatchObject({
      username: user,
    });
  });

  it('reads Basic credentials fresh on every call: the same memberships as a token, and membership or disable changes apply at once', async () => {
    // given a user with a second membership (D2 is not on their org path, so it sorts apart)
    const deps = server.runtime.deps;
    const user = fx.users['worker.1']!;
    const [d2] = await deps.db.query<OrgRow>(`SELECT * FROM org WHERE id = ?`, [fx.orgs.D2.id]);
    await deps.db.transaction((tx) =>
      insertMembership(tx, deps, SYSTEM_ACTOR, { userId: user.id, org: d2!, roleKey: 'inspector' }),
    );
    // when
    const both = await authenticateBasic(deps, user.username, fx.password);
    const viaToken = await loadAuthContext(deps.db, user.id);
    await deps.db.transaction((tx) =>
      tx.execute(`DELETE FROM membership WHERE user_id = ? AND org_id = ?`, [user.id, d2!.id]),
    );
    const afterRemoval = await authenticateBasic(deps, user.username, fx.password);
    await deps.db.transaction((tx) => tx.execute(`UPDATE user SET disabled = 1 WHERE id = ?`, [user.id]));
    const disabled = authenticateBasic(deps, user.username, fx.password);
    // then
    expect(both).toEqual(viaToken);
    const byPath = [
      { path: fx.orgs.E1.path, grant: [fx.orgs.E1.id, 'worker'] },
      { path: d2!.path, grant: [d2!.id, 'inspector'] },
    ].sort((a, b) => (a.path < b.path ? -1 : 1));
    expect(both.memberships.map((m) => [m.orgId, m.roleKey])).toEqual(byPath.map((g) => g.grant));
    expect(afterRemoval.memberships.map((m) => m.orgId)).toEqual([fx.orgs.E1.id]);
    await expect(disabled).rejects.toMatchObject({ code: 'auth.user_disabled' });
    await deps.db.transaction((tx) => tx.execute(`UPDATE user SET disabled = 0 WHERE id = ?`, [user.id]));
  });

  it('expires access tokens after their ttl', async () => {
    // given
    const { body } = await login('mx.worker.1', fx.password);
    expect((await server.request('GET', '/api/v1/me', { token: body.accessToken })).status).toBe(200);
    // when
    clock.advance((server.config.accessTokenTtlSeconds + 1) * 1000);
    const res = await server.request('GET', '/api/v1/me', { token: body.accessToken });
    // then
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('auth.token_expired');
  });

  it('refreshes even when the client still sends its expired access token', async () => {
    // given a session whose access token has expired
    const { body } = await login('mx.worker.1', fx.password);
    clock.advance((server.config.accessTokenTtlSeconds + 1) * 1000);
    // when the client refreshes with the stale Bearer header still attached
    const res = await server.request('POST', '/api/v1/auth/refresh', {
      token: body.accessToken,
      body: { refreshToken: body.refreshToken },
    });
    // then the public route ignores the stale header and issues new tokens
    expect(res.status).toBe(200);
    expect((await server.request('GET', '/api/v1/me', { token: res.body.accessToken })).status).toBe(200);
  });

  it('rejects missing, forged and malformed tokens', async () => {
    const none = await server.request('GET', '/api/v1/me');
    const forged = await server.request('GET', '/api/v1/me', {
      token: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl',
    });
    const scheme = await server.request('GET', '/api/v1/me', { headers: { authorization: 'Digest abc' } });
    expect(none.status).toBe(401);
    expect(none.body.code).toBe('auth.unauthenticated');
    expect(forged.status).toBe(401);
    expect(forged.body.code).toBe('auth.invalid_token');
    expect(scheme.body.code).toBe('auth.invalid_token');
  });

  it('rotates refresh tokens and revokes the session when a used one comes back', async () => {
    // given
    const first = (await login('mx.worker.2', fx.password)).body;
    // when
    const second = await server.request('POST', '/api/v1/auth/refresh', {
      body: { refreshToken: first.refreshToken },
    });
    const reuse = await server.request('POST', '/api/v1/auth/refresh', {
      body: { refreshToken: first.refreshToken },
    });
    const afterReuse = await server.request('POST', '/api/v1/auth/refresh', {
      body: { refreshToken: second.body.refreshToken },
    });
    // then
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(first.refreshToken);
    expect((await server.request('GET', '/api/v1/me', { token: second.body.accessToken })).status).toBe(200);
    expect(reuse.status).toBe(401);
    expect(reuse.body.code).toBe('auth.refresh_reused');
    expect(afterReuse.status).toBe(401);
  });

  it('expires refresh tokens after their ttl', async () => {
    const { body } = await login('mx.operator.1', fx.password);
    clock.advance(server.config.refreshTokenTtlSeconds * 1000 + 1);
    const res = await server.request('POST', '/api/v1/auth/refresh', {
      body: { refreshToken: body.refreshToken },
    });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('auth.token_expired');
  });

  it('logs out by revoking the refresh token', async () => {
    // given
    const { body } = await login('mx.enterpriseOwner.2', fx.password);
    // when
    const out = await server.request('POST', '/api/v1/auth/logout', {
      body: { refreshToken: body.refreshToken },
    });
    const refresh = await server.request('POST', '/api/v1/auth/refresh', {
      body: { refreshToken: body.refreshToken },
    });
    // then
    expect(out.status).toBe(204);
    expect(refresh.status).toBe(401);
    expect(refresh.body.code).toBe('auth.invalid_token');
  });

  it('changes the password only with the old one, and revokes refresh tokens', async () => {
    // given
    const user = 'mx.resident.D2';
    const { body } = await login(user, fx.password);
    // when
    const wrongOld = await server.request('POST', '/api/v1/auth/password', {
      token: body.accessToken,
      body: { oldPassword: 'not-it-at-all', newPassword: 'Another@Pass9' },
    });
    const tooShort = await server.request('POST', '/api/v1/auth/password', {
      token: body.accessToken,
      body: { oldPassword: fx.password, newPassword: 'short' },
    });
    const changed = await server.request('POST', '/api/v1/auth/password', {
      token: body.accessToken,
      body: { oldPassword: fx.password, newPassword: 'Another@Pass9' },
    });
    // then
    expect(wrongOld.status).toBe(401);
    expect(tooShort.status).toBe(400);
    expect(tooShort.body.details.issues[0].path).toBe('body.newPassword');
    expect(changed.status).toBe(204);
    expect((await login(user, fx.password)).status).toBe(401);
    expect((await login(user, 'Another@Pass9')).status).toBe(200);
    expect(
      (await server.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: body.refreshToken } }))
        .status,
    ).toBe(401);
  });

  it('shuts out disabled users, also with tokens issued before', async () => {
    // given
    const victim = fx.users['resident.E1']!;
    const before = (await login(victim.username, fx.password)).body;
    const owner = (await login(fx.user('enterpriseOwner', 1).username, fx.password)).body.accessToken; // fixture tokens expired with the clock
    // when
    const disabled = await server.request('POST', `/api/v1/users/${victim.id}/disable`, { token: owner });
    // then
    expect(disabled.status).toBe(200);
    expect(disabled.body.disabled).toBe(true);
    expect((await login(victim.username, fx.password)).body.code).toBe('auth.user_disabled');
    expect((await server.request('GET', '/api/v1/me', { token: before.accessToken })).status).toBe(401);
    expect(
      (await server.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: before.refreshToken } }))
        .status,
    ).toBe(401);
    await server.request('POST', `/api/v1/users/${victim.id}/enable`, { token: owner });
    expect((await login(victim.username, fx.password)).status).toBe(200);
  });
});
