import type { CollectionContent } from '../definitions/CollectionContent';
import { DefinitionStore } from '../definitions/DefinitionStore';
import { slotValues } from '../records/validateRecordData';
import { DEMO_PASSWORD } from '../seed/demoData';
import { startTestServer } from '../testing/startTestServer';

const DAY_MS = 86_400_000;
const STATES = ['registered', 'rectifying', 'accepting', 'closed', 'closed', 'closed', 'rejected', 'major'];

/** A deterministic pseudo-random generator (mulberry32), so runs are comparable. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `npm run bench -- dashboards`: compute time of the safety pack's bureau
 * dashboard (12 widgets, every number with its drill-down) over the demo
 * data plus `hazards` hazards spread over the last year across the demo
 * enterprises, through `GET /api/v1/dashboards/safety_dashboard_bureau`
 * as the district admin: p50 / p95 of `runs` requests after a warm-up.
 */
export async function benchDashboards(opts: { databaseUrl?: string; hazards?: number; runs?: number } = {}): Promise<Record<string, number | string>> {
  const prev = process.env.DATABASE_URL;
  if (opts.databaseUrl) process.env.DATABASE_URL = opts.databaseUrl;
  else delete process.env.DATABASE_URL;
  const hazards = opts.hazards ?? 10_000;
  const runs = opts.runs ?? 30;
  const server = await startTestServer({ seedDemo: true });
  try {
    const db = server.runtime.deps.db;
    const [tenant] = await db.query<{ id: string; path: string }>("SELECT id, path FROM org WHERE parent_id IS NULL AND type = 'cityBureau' ORDER BY created_at LIMIT 1");
    const def = await DefinitionStore.nearest(db, 'collection', 'safety_hazard', tenant!.path);
    const version = await DefinitionStore.version(db, def!.id, def!.publishedVersion!);
    const c = version!.content as CollectionContent;
    const ents = await db.query<{ id: string; path: string }>("SELECT id, path FROM org WHERE type = 'enterprise' AND path LIKE ?", [`${tenant!.path}%`]);
    const random = rng(42);
    const now = Date.now();
    const t0 = performance.now();
    for (let i = 0; i < hazards; i += 500) {
      await db.transaction(async (tx) => {
        for (let j = i; j < Math.min(hazards, i + 500); j++) {
          const org = ents[Math.floor(random() * ents.length)]!;
          const status = STATES[Math.floor(random() * STATES.length)]!;
          const createdAt = now - Math.floor(random() * 360 * DAY_MS);
          const data: Record<string, unknown> = {
            title: `隐患 ${j}`, source: '1', grade: random() < 0.05 ? '1' : '0', state: status === 'closed' ? '9' : '0',
            deadline: new Date(createdAt + Math.floor(random() * 60 * DAY_MS)).toISOString(),
            ...(status === 'closed' ? { acceptedAt: new Date(Math.min(now, createdAt + Math.floor(random() * 30 * DAY_MS))).toISOString() } : {}),
          };
          const slots = slotValues(c, data);
          const cols = Object.keys(slots);
          await tx.execute(
            `INSERT INTO record (id, collection_key, collection_version_id, org_id, org_path, tenant_id, status, data, form_version_id, submission_id, created_by, created_at, updated_at, revision${cols.map((k) => ', ' + k).join('')})
             VALUES (?, 'safety_hazard', ?, ?, ?, ?, ?, ?, NULL, NULL, 'bench', ?, ?, 1${cols.map(() => ', ?').join('')})`,
            [crypto.randomUUID(), version!.id, org.id, org.path, tenant!.id, status, JSON.stringify(data), createdAt, createdAt, ...cols.map((k) => slots[k])],
          );
        }
      });
    }
    const insertMs = performance.now() - t0;
    const token = (await server.request('POST', '/api/v1/auth/login', { body: { username: 'district.admin', password: DEMO_PASSWORD } })).body.accessToken as string;
    const once = async () => {
      const t = performance.now();
      const res = await server.request('GET', '/api/v1/dashboards/safety_dashboard_bureau', { token });
      if (res.status !== 200) throw new Error(res.text);
      return { ms: performance.now() - t, found: res.body.widgets[0].totals.values.found as number };
    };
    for (let i = 0; i < 3; i++) await once();
    const times: number[] = [];
    let found = 0;
    for (let i = 0; i < runs; i++) {
      const r = await once();
      times.push(r.ms);
      found = r.found;
    }
    times.sort((a, b) => a - b);
    const q = (p: number) => Math.round(times[Math.min(times.length - 1, Math.floor(p * times.length))]! * 10) / 10;
    return { dialect: opts.databaseUrl ? 'mariadb' : 'sqlite', hazards, hazardsInPeriod: found, runs, insertMs: Math.round(insertMs), bureauP50Ms: q(0.5), bureauP95Ms: q(0.95) };
  } finally {
    await server.close();
    await server.dropDatabase();
    if (prev === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = prev;
  }
}
