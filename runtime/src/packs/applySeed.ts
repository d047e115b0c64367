import crypto from 'node:crypto';
import { SafeFlowError } from '@safeflow/engine/errors';
import type { AppDeps } from '../app/AppDeps';
import { appendAudit, type AuditEntry } from '../audit/appendAudit';
import type { Tx } from '../db/Database';
import type { CollectionContent } from '../definitions/CollectionContent';
import { DefinitionStore } from '../definitions/DefinitionStore';
import { adjustRecordCount } from '../records/adjustRecordCount';
import { slotValues, validateRecordData } from '../records/validateRecordData';
import { DEMO_ORGS } from '../seed/demoData';
import { PackStore } from './PackStore';
import { seedFileNames, storeSeedFile, type SeedFileRef } from './seedFiles';
import type { PackSource } from './PackSource';

interface OrgRow {
  id: string;
  parent_id: string | null;
  type: string;
  name: string;
  path: string;
  tenant_id: string;
}

/**
 * The stable org refs of a tenant: the demo org keys (`city`, `park`,
 * `enterpriseA`, …, see `seed/demoData.ts`) matched by type and name under
 * their parent, starting at the tenant root. Refs whose org does not exist
 * in the tenant are absent.
 */
export async function resolveOrgRefs(db: { query: Tx['query'] }, tenantId: string): Promise<Map<string, OrgRow>> {
  const orgs = await db.query<OrgRow>('SELECT id, parent_id, type, name, path, tenant_id FROM org WHERE tenant_id = ?', [tenantId]);
  const refs = new Map<string, OrgRow>();
  for (const o of DEMO_ORGS) {
    const parentId = o.parent ? refs.get(o.parent)?.id : null;
    if (o.parent && !parentId) continue;
    const found = orgs.find((r) => r.type === o.type && r.name === o.name && (o.parent ? r.parent_id === parentId : r.id === tenantId));
    if (found) refs.set(o.key, found);
  }
  return refs;
}

/** `now` shifted by an ISO 8601 duration with an optional sign (`-P3D`, `P1M`, `PT2H`). */
export function shiftIso(now: Date, duration: string): string {
  const m = /^([+-])?P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(duration);
  if (!m || duration.replace(/^[+-]/, '') === 'P' || duration.endsWith('T')) {
    throw new SafeFlowError('pack.seed_bad_duration', `'${duration}' is not an ISO 8601 duration (e.g. -P3D)`, { status: 400 });
  }
  const sign = m[1] === '-' ? -1 : 1;
  const n = (i: number) => sign * Number(m[i] ?? 0);
  const d = new Date(now.getTime());
  d.setUTCFullYear(d.getUTCFullYear() + n(2), d.getUTCMonth() + n(3), d.getUTCDate() + 7 * n(4) + n(5));
  d.setUTCHours(d.getUTCHours() + n(6), d.getUTCMinutes() + n(7), d.getUTCSeconds() + n(8));
  return d.toISOString();
}

const single = (v: unknown, k: string): string | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 1 && typeof (v as Record<string, unknown>)[k] === 'string'
    ? ((v as Record<string, string>)[k] as string)
    : undefined;

/**
 * Inserts the pack's demo records into the tenant, in the caller's
 * transaction: refs already seeded are skipped (idempotent), org refs and
 * `$ref` / `$org` / `$now` / `$file` (seed/files, see seedFiles.ts) values are resolved, data is validated like a
 * record create, slots and per-state counts are kept, one audit entry per
 * seed file (`pack.seed`). Returns the number of records inserted.
 */
export async function applySeed(
  tx: Tx,
  deps: Pick<AppDeps, 'clock'> & { config?: Pick<AppDeps['config'], 'dataDir'> },
  actor: Pick<AuditEntry, 'actorId' | 'actorName'>,
  tenant: { id: string; path: string },
  pack: PackSource,
): Promise<number> {
  if (pack.seeds.length === 0) return 0;
  const packId = pack.manifest.id;
  const orgs = await resolveOrgRefs(tx, tenant.id);
  const seeded = await PackStore.seedRefs(tx, tenant.id, packId);
  const now = deps.clock.now();
  // ids first, so `$ref` may point at a record of a later file
  const ids = new Map(seeded);
  for (const { seed } of pack.seeds) for (const r of seed.records) if (!ids.has(r.ref)) ids.set(r.ref, crypto.randomUUID());
  let inserted = 0;
  for (const { file, seed } of pack.seeds) {
    const refs: string[] = [];
    for (const [i, r] of seed.records.entries()) {
      if (seeded.has(r.ref)) continue;
      const org = orgs.get(r.org);
      if (!org) continue; // the org is not part of this tenant's tree: nothing to seed there
      const where = `${file} records.${i}`;
      const col = await DefinitionStore.nearest(tx, 'collection', seed.collection, org.path);
      const cv = col?.publishedVersion ? await DefinitionStore.version(tx, col.id, col.publishedVersion) : undefined;
      if (!cv) throw new SafeFlowError('pack.seed_failed', `${where}: collection '${seed.collection}' is not published`, { status: 400 });
      const c = cv.content as CollectionContent;
      const stored = new Map<string, SeedFileRef>();
      for (const name of seedFileNames(r.data)) {
        if (!deps.config) throw new SafeFlowError('pack.seed_failed', `${where}: seed files need a data directory`, { status: 400 });
        stored.set(name, await storeSeedFile(tx, deps.config.dataDir, pack.files, name, { id: org.id, path: org.path, tenantId: tenant.id }, actor.actorId, now.getTime()));
      }
      const resolve = (v: unknown): unknown => {
        const ref = single(v, '$ref');
        const orgRef = single(v, '$org');
        const rel = single(v, '$now');
        const file = single(v, '$file');
        if (file !== undefined) return stored.get(file);
        if (ref !== undefined) return ids.get(ref);
        if (orgRef !== undefined) return orgs.get(orgRef)?.id ?? null;
        if (rel !== undefined) return shiftIso(now, rel);
        if (Array.isArray(v)) return v.map(resolve);
        if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolve(x)]));
        return v;
      };
      const data = resolve(r.data) as Record<string, unknown>;
      const issues = await validateRecordData(c, data, (fileId) => Promise.resolve([...stored.values()].some((f) => f.fileId === fileId)));
      if (issues.length) {
        throw new SafeFlowError('pack.seed_failed', `${where}: ${issues.map((p) => `${p.path}: ${p.message}`).join('; ')}`, { status: 400, details: { file, issues } });
      }
      const status = r.status ?? c.initialState;
      const id = ids.get(r.ref)!;
      const slots = slotValues(c, data);
      const cols = Object.keys(slots);
      const at = r.createdAgo ? Date.parse(shiftIso(now, r.createdAgo)) : now.getTime();
      await tx.execute(
        `INSERT INTO record (id, collection_key, collection_version_id, org_id, org_path, tenant_id, status, data, form_version_id, submission_id, created_by, created_at, updated_at, revision${cols.map((k) => ', ' + k).join('')})
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?, 1${cols.map(() => ', ?').join('')})`,
        [id, seed.collection, cv.id, org.id, org.path, tenant.id, status, JSON.stringify(data), actor.actorId, at, at, ...cols.map((k) => slots[k])],
      );
      await adjustRecordCount(tx, { orgId: org.id, orgPath: org.path, tenantId: tenant.id, collectionKey: seed.collection, status }, 1);
      await PackStore.insertSeedRef(tx, tenant.id, packId, r.ref, seed.collection, id, at);
      refs.push(r.ref);
      inserted++;
    }
    if (refs.length) {
      await appendAudit(tx, deps, {
        ...actor, orgId: tenant.id, orgPath: tenant.path, action: 'pack.seed', targetType: 'collection', targetId: seed.collection,
        change: { pack: packId, file, refs },
      });
    }
  }
  return inserted;
}
