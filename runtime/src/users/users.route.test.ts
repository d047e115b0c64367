import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../testing/startTestServer';
import { seedMatrix, type MatrixFixture } from '../testing/seedMatrix';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

describe('users and memberships', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let fx: MatrixFixture;
  beforeAll(async () => {
    server = await startTestServer();
    fx = await seedMatrix(server);
  });
  afterAll(async () => {
    await server.close();
    await server.dropDatabase();
  });

  it('creates a user who can log in with their first membership', async () => {
    // given
    const owner = fx.user('enterpriseOwner').token;
    // when
    const res = await server.request('POST', '/api/v1/users', {
      token: owner,
      body: {
        username: 'new.safety',
        password: 'Safety@2026',
        displayName: '新安全员',
        membership: { orgId: fx.orgs.E1.id, roleKey: 'safetyOfficer' },
      },
    });
    const login = await server.request('POST', '/api/v1/auth/login', {
      body: { username: 'new.safety', password: 'Safety@2026' },
    });
    const me = await server.request('GET', '/api/v1/me', { token: login.body.accessToken });
    // then
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      username: 'new.safety',
      displayName: '新安全员',
      disabled: false,
      platformAdmin: false,
    });
    expect(me.body.memberships[0]).toMatchObject({ orgId: fx.orgs.E1.id, roleKey: 'safetyOfficer' });
  });

  it('refuses taken usernames, weak passwords, platform admins and escalating roles', async () => {
    const owner = fx.user('enterpriseOwner').token;
    const body = (over: object) => ({
      username: 'someone.new',
      password: 'Good@Pass1',
      membership: { orgId: fx.orgs.E1.id, roleKey: 'worker' },
      ...over,
    });
    const taken = await server.request('POST', '/api/v1/users', {
      token: owner,
      body: body({ username: 'mx.resident.E1' }),
    });
    const weak = await server.request('POST', '/api/v1/users', {
      token: owner,
      body: body({ password: 'short' }),
    });
    const admin = await server.request('POST', '/api/v1/users', {
      token: owner,
      body: body({ platformAdmin: true }),
    });
    const escalate = await server.request('POST', '/api/v1/users', {
      token: owner,
      body: body({ membership: { orgId: fx.orgs.E1.id, roleKey: 'cityBureauAdmin' } }),
    });
    const noMembership = await server.request('POST', '/api/v1/users', {
      token: owner,
      body: { username: 'lonely.one', password: 'Good@Pass1' },
    });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('user.username_taken');
    expect(weak.body.details.issues[0].path).toBe('body.password');
    expect(admin.status).toBe(403);
    expect(escalate.body.code).toBe('membership.role_not_grantable');
    expect(noMembership.body.code).toBe('user.membership_required');
    const list = await server.request('GET', '/api/v1/users?q=someone.new', {
      token: fx.user('platformAdmin').token,
    });
    expect(list.body.total).toBe(0);
  });

  it('will not let a district admin edit a user who also belongs elsewhere', async () => {
    // given: resident of E1 also gets a role in E2
    const admin = fx.user('platformAdmin').token;
    const resident = fx.users['resident.E1']!;
    await server.request('POST', '/api/v1/memberships', {
      token: admin,
      body: { userId: resident.id, orgId: fx.orgs.E2.id, roleKey: 'worker' },
    });
    // when
    const rev = (await server.request('GET', `/api/v1/users/${resident.id}`, { token: admin })).body.revision;
    const res = await server.request('PATCH', `/api/v1/users/${resident.id}`, {
      token: fx.user('districtBureauAdmin', 1).token,
      body: { displayName: 'hijacked', revision: rev },
    });
    // then
    expect(res.status).toBe(403);
    expect(
      (await server.request('GET', `/api/v1/users/${resident.id}`, { token: admin })).body.displayName,
    ).not.toBe('hijacked');
  });

  it('lists and revokes memberships, refusing duplicates', async () => {
    // given
    const token = fx.user('districtBureauAdmin', 2).token;
    const userId = fx.users['resident.S2']!.id;
    const created = await server.request('POST', '/api/v1/memberships', {
      token,
      body: { userId, orgId: fx.orgs.E2.id, roleKey: 'inspector' },
    });
    const dup = await server.request('POST', '/api/v1/memberships', {
      token,
      body: { userId, orgId: fx.orgs.E2.id, roleKey: 'inspector' },
    });
    // when
    const list = await server.request('GET', `/api/v1/memberships?userId=${userId}`, { token });
    const revoked = await server.request('DELETE', `/api/v1/memberships/${created.body.id}`, { token });
    const again = await server.request('DELETE', `/api/v1/memberships/${created.body.id}`, { token });
    // then
    expect(created.status).toBe(201);
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('membership.exists');
    expect(list.body.items.map((m: { roleKey: string }) => m.roleKey).sort()).toEqual([
      'inspector',
      'worker',
    ]);
    expect(revoked.status).toBe(204);
    expect(again.status).toBe(404);
  });

  it('creates users from the CLI, audited', async () => {
    // given
    const env = {
      ...process.env,
      DATA_DIR: server.dataDir,
      DATABASE_URL: server.databaseUrl ?? '',
      LOG_LEVEL: 'silent',
    };
    const run = promisify(execFile);
    // when
    const { stdout } = await run(
      'npx',
      [
        'tsx',
        'runtime/src/cli/main.ts',
        'user',
        'create',
        '--username',
        'cli.user',
        '--password',
        'Cli@Pass2026',
        '--org',
        fx.orgs.S1.id,
        '--role',
        'inspector',
        '--display-name',
        'CLI 用户',
      ],
      { cwd: repoRoot, env },
    );
    const login = await server.request('POST', '/api/v1/auth/login', {
      body: { username: 'cli.user', password: 'Cli@Pass2026' },
    });
    const me = await server.request('GET', '/api/v1/me', { token: login.body.accessToken });
    const audit = await server.request('GET', `/api/v1/audit?targetType=user&targetId=${me.body.user.id}`, {
      token: fx.user('platformAdmin').token,
    });
    // then
    expect(stdout).toContain('created user cli.user');
    expect(me.body.user.displayName).toBe('CLI 用户');
    expect(me.body.memberships[0]).toMatchObject({ orgId: fx.orgs.S1.id, roleKey: 'inspector' });
    expect(
      audit.body.items.map((e: { action: string; actorId: string }) => [e.action, e.actorId]),
    ).toContainEqual(['user.create', 'system']);
  }, 120_000);
});
