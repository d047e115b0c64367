import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startContentServer, type ContentServer } from './contentServer';

const dir = new URL('../seed/', import.meta.url);
const DEMO_ORGS = ['enterpriseA', 'enterpriseB', 'enterpriseC', 'enterpriseD', 'enterpriseE'];
/** Orgs seed records may belong to: the enterprises, and the park (its own rescue team, fire station and shelter). */
const SEED_ORGS = [...DEMO_ORGS, 'park'];
interface SeedFile {
  collection: string;
  records: Array<{ ref: string; org: string; status?: string; data: Record<string, unknown> }>;
}
const seeds = readdirSync(dir)
  .filter((f) => f.endsWith('.json') && f.startsWith('safety_') && !f.startsWith('safety_hazard') && !f.startsWith('safety_enterprise'))
  .map((f) => ({ file: f, ...(JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as SeedFile) }));

/** Resolves the pack's seed placeholders the way the installer does: `{$now: "±PnDTnHnM"}`, `{$ref}` (ids created so far). */
function resolve(v: unknown, now: number, refs: Map<string, string>): unknown {
  if (Array.isArray(v)) return v.map((x) => resolve(x, now, refs));
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.$now === 'string') {
      const m = /^(-)?P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/.exec(o.$now);
      if (!m) throw new Error(`unsupported $now ${o.$now}`);
      const ms = Number(m[2] ?? 0) * 86_400_000 + Number(m[3] ?? 0) * 3_600_000 + Number(m[4] ?? 0) * 60_000;
      return new Date(now + (m[1] ? -1 : 1) * ms).toISOString();
    }
    if (typeof o.$ref === 'string') {
      const id = refs.get(o.$ref);
      if (!id) throw new Error(`unknown $ref ${o.$ref}`);
      return id;
    }
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, resolve(x, now, refs)]));
  }
  return v;
}

describe('the content demo seed (risk points, training, duty, emergency, drills) is valid against the published collections', { timeout: 120_000 }, () => {
  let s: ContentServer;
  beforeAll(async () => {
    s = await startContentServer();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('covers every risk colour with polygons, every training plan state, duty plans, an emergency plan and a drill for the seed enterprises', () => {
    const by = Object.fromEntries(seeds.map((f) => [f.collection, f.records]));
    const points = by.safety_risk_point!;
    expect(new Set(points.map((p) => p.data.riskColor))).toEqual(new Set(['red', 'orange', 'yellow', 'blue']));
    for (const p of points) expect((p.data.zone as number[][]).length).toBeGreaterThanOrEqual(3);
    expect(new Set(points.map((p) => p.org))).toEqual(new Set(DEMO_ORGS));
    expect(new Set(by.safety_training_plan!.map((p) => p.status))).toEqual(new Set(['unpublished', 'published', 'ended']));
    expect(by.safety_duty_plan!.length).toBeGreaterThanOrEqual(2);
    expect(by.safety_emergency_plan!.length).toBeGreaterThanOrEqual(1);
    expect(by.safety_drill!.length).toBeGreaterThanOrEqual(1);
    const refs = seeds.flatMap((f) => f.records.map((r) => r.ref));
    expect(new Set(refs).size).toBe(refs.length);
    for (const f of seeds) for (const r of f.records) expect(SEED_ORGS, `${f.file} ${r.ref}`).toContain(r.org);
  });

  it('creates every seed record through the real records API (data validated by the collection) with a declared state', async () => {
    const refs = new Map<string, string>();
    const now = s.runtime.deps.clock.now().getTime();
    // files in dependency order: plans before the records that point at them
    const order = ['safety_risk_point', 'safety_emergency_plan', 'safety_duty_plan', 'safety_training_plan', 'safety_emergency_team', 'safety_emergency_supply', 'safety_emergency_event'];
    const sorted = [...seeds].sort((a, b) => (order.indexOf(a.collection) + 1 || 99) - (order.indexOf(b.collection) + 1 || 99));
    for (const f of sorted) {
      const col = await s.api('safetyA', 'GET', `/definitions/collection/${f.collection}`);
      const states = (col.body.version.content.states as Array<{ key: string }>).map((x) => x.key);
      for (const r of f.records) {
        if (r.status) expect(states, `${f.file} ${r.ref}`).toContain(r.status);
        const res = await s.api('safetyA', 'POST', `/records/${f.collection}`, { orgId: s.orgs.entA.id, data: resolve(r.data, now, refs) });
        expect(res.status, `${f.file} ${r.ref}: ${res.text}`).toBe(201);
        refs.set(r.ref, res.body.id);
      }
    }
    expect(refs.size).toBe(seeds.reduce((n, f) => n + f.records.length, 0));
  });
});
