import { DEMO_PASSWORD } from '../seed/demoData';
import { startTestServer } from '../testing/startTestServer';

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! * 10) / 10;
};

/**
 * `npm run bench -- map`: the layers of the demo park over HTTP as the park
 * inspector sees them (every layer, 7 providers), `runs` times: full
 * responses, and the poll the map page makes every 3 s (`since` = the
 * current version, answered `unchanged` without layers). p50/p95 ms and the
 * body sizes; on SQLite, or the MySQL/MariaDB server of `databaseUrl`.
 */
export async function benchMap(opts: { databaseUrl?: string; runs?: number } = {}): Promise<Record<string, number | string>> {
  const runs = opts.runs ?? 200;
  const prev = process.env.DATABASE_URL;
  if (opts.databaseUrl) process.env.DATABASE_URL = opts.databaseUrl;
  else delete process.env.DATABASE_URL;
  const server = await startTestServer({ seedDemo: true });
  try {
    const token = (await server.request('POST', '/api/v1/auth/login', { body: { username: 'inspector', password: DEMO_PASSWORD } })).body.accessToken as string;
    const parkId = (await server.request('GET', '/api/v1/map/parks', { token })).body.items[0].id as string;
    const get = async (q = '') => {
      const t = performance.now();
      const res = await fetch(`${server.url}/api/v1/map/parks/${parkId}/layers${q}`, { headers: { authorization: `Bearer ${token}` } });
      const text = await res.text();
      if (res.status !== 200) throw new Error(text);
      return { ms: performance.now() - t, bytes: Buffer.byteLength(text), body: JSON.parse(text) as { version: string; layers: { features: unknown[] }[] } };
    };
    const first = await get();
    for (let i = 0; i < 10; i++) await get();
    const full: number[] = [];
    const poll: number[] = [];
    let pollBytes = 0;
    for (let i = 0; i < runs; i++) {
      full.push((await get()).ms);
      const p = await get(`?since=${first.body.version}`);
      poll.push(p.ms);
      pollBytes = p.bytes;
    }
    return {
      dialect: opts.databaseUrl ? 'mariadb' : 'sqlite',
      features: first.body.layers.reduce((n, l) => n + l.features.length, 0),
      layersP50Ms: pct(full, 50),
      layersP95Ms: pct(full, 95),
      pollP50Ms: pct(poll, 50),
      pollP95Ms: pct(poll, 95),
      layersBytes: first.bytes,
      pollBytes,
      runs,
    };
  } finally {
    await server.close();
    await server.dropDatabase();
    if (prev === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = prev;
  }
}
