import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MATRIX_HOMES, seedMatrix, type MatrixFixture, type MatrixPlace } from '../testing/seedMatrix';
import { startTestServer } from '../testing/startTestServer';
import { sampleFiles } from './sampleFiles';

/** Parent of each place in the matrix tree (C → D1/D2 → S1/S2 → E1/E2). */
const PARENT: Record<MatrixPlace, MatrixPlace | undefined> = { C: undefined, D1: 'C', D2: 'C', S1: 'D1', S2: 'D2', E1: 'S1', E2: 'S2' };

type Target = 'own subtree' | 'parent org' | 'sibling enterprise';

/**
 * The file part of the tenant-isolation matrix: every built-in role (its
 * branch-1 user) × (own org, parent org, the enterprise of the other branch)
 * × (read, create). A user reaches an org iff it lies in the subtree of their
 * membership (platform admins reach everything); everything else is 404.
 */
describe('files: tenant isolation matrix', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let mx: MatrixFixture;
  /** A file owned by each place, uploaded by the platform admin. */
  const fileAt = {} as Record<MatrixPlace, string>;
  /** Outcomes seen, so the matrix provably exercised both sides. */
  const seen = { allowed: 0, denied: 0 };

  beforeAll(async () => {
    server = await startTestServer();
    mx = await seedMatrix(server);
    for (const place of Object.keys(PARENT) as MatrixPlace[]) {
      const form = new FormData();
      form.append('orgId', mx.orgs[place].id);
      form.append('file', new Blob([new Uint8Array(sampleFiles.png())]), `${place}.png`);
      const res = await server.request('POST', '/api/v1/files', { token: mx.user('platformAdmin').token, rawBody: form });
      if (res.status !== 201) throw new Error(`seed upload at ${place}: ${res.status} ${res.text}`);
      fileAt[place] = res.body.id;
    }
  });
  afterAll(async () => {
    await server.close();
    await server.dropDatabase();
  });

  const cases: Array<[string, Target]> = Object.keys(MATRIX_HOMES).flatMap((role) =>
    (['own subtree', 'parent org', 'sibling enterprise'] as Target[]).map((t): [string, Target] => [role, t]),
  );

  it.each(cases)('%s × %s', async (role, target) => {
    // given
    const user = mx.user(role);
    const home = user.place;
    const place: MatrixPlace | undefined =
      target === 'own subtree' ? home : target === 'parent org' ? PARENT[home] : 'E2';
    if (!place) return expect(home).toBe('C'); // the city has no parent org
    const visible = role === 'platformAdmin' || mx.orgs[place].path.startsWith(mx.orgs[home].path);

    // when
    const meta = await server.request('GET', `/api/v1/files/${fileAt[place]}`, { token: user.token });
    const content = await server.request('GET', `/api/v1/files/${fileAt[place]}/content`, { token: user.token });
    const form = new FormData();
    form.append('orgId', mx.orgs[place].id);
    form.append('file', new Blob([new Uint8Array(sampleFiles.jpeg())]), 'photo.jpg');
    const created = await server.request('POST', '/api/v1/files', { token: user.token, rawBody: form });

    // then
    if (visible) {
      seen.allowed++;
      expect(meta.status).toBe(200);
      expect(meta.body.orgId).toBe(mx.orgs[place].id);
      expect(content.status).toBe(200);
      expect(created.status).toBe(201);
      expect(created.body.orgId).toBe(mx.orgs[place].id);
    } else {
      seen.denied++;
      expect(meta.status).toBe(404);
      expect(meta.body.code).toBe('file.not_found');
      expect(content.status).toBe(404);
      expect(content.body.code).toBe('file.not_found');
      expect(created.status).toBe(404);
      expect(created.body.code).toBe('org.not_found');
    }
  });

  it('exercised both outcomes (the matrix is not vacuous)', () => {
    // then
    expect(seen.allowed).toBeGreaterThanOrEqual(9);
    expect(seen.denied).toBeGreaterThanOrEqual(10);
  });
});
