import crypto from 'node:crypto';
import type { AppDeps } from '../app/AppDeps';
import { appendAudit, type AuditEntry } from '../audit/appendAudit';
import type { Tx } from '../db/Database';
import type { CollectionContent } from '../definitions/CollectionContent';
import { DefinitionStore } from '../definitions/DefinitionStore';
import { adjustRecordCount } from '../records/adjustRecordCount';
import { slotValues } from '../records/validateRecordData';
import type { MigrationStep, PackManifest } from './packSchemas';
import { compareVersions } from './semverRange';

const SLOT_COLUMNS = ['ix_s1', 'ix_s2', 'ix_s3', 'ix_s4', 'ix_s5', 'ix_s6', 'ix_n1', 'ix_n2', 'ix_n3', 'ix_n4', 'ix_t1', 'ix_t2', 'ix_t3'];

/** The declared migrations an upgrade from `from` to `to` runs, oldest first: every one with from ≥ installed and to ≤ new. */
export function migrationsBetween(manifest: PackManifest, from: string, to: string): NonNullable<PackManifest['migrations']> {
  return (manifest.migrations ?? [])
    .filter((m) => compareVersions(m.from, from) >= 0 && compareVersions(m.to, to) <= 0 && compareVersions(m.from, m.to) < 0)
    .sort((a, b) => compareVersions(a.from, b.from) || compareVersions(a.to, b.to));
}

/** Rewrites one record's data for a step; `undefined` when the step does not touch it. */
function migrateData(step: MigrationStep, data: Record<string, unknown>): Record<string, unknown> | undefined {
  switch (step.op) {
    case 'renameField': {
      if (!(step.from in data)) return undefined;
      const { [step.from]: value, ...rest } = data;
      return { ...rest, [step.to]: value };
    }
    case 'setDefault':
      return data[step.field] === undefined || data[step.field] === null ? { ...data, [step.field]: step.value } : undefined;
    case 'removeField': {
      if (!(step.field in data)) return undefined;
      const { [step.field]: _removed, ...rest } = data;
      return rest;
    }
    case 'mapValue': {
      const v = data[step.field];
      return typeof v === 'string' && Object.hasOwn(step.map, v) ? { ...data, [step.field]: step.map[v] } : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * Runs the declared data migration steps on the tenant's records, in the
 * upgrade's transaction: data steps rewrite `data`, re-index the slot
 * columns and move the record to the collection's newly published version;
 * `setState` moves records between states (with their per-state counts and a
 * transition row). One audit entry per step (`pack.migrate`) with the number
 * of records it changed. Returns per step what changed.
 */
export async function applyPackMigrations(
  tx: Tx,
  deps: Pick<AppDeps, 'clock'>,
  actor: Pick<AuditEntry, 'actorId' | 'actorName'>,
  tenant: { id: string; path: string },
  steps: MigrationStep[],
): Promise<Array<{ op: string; collection: string; records: number }>> {
  const out: Array<{ op: string; collection: string; records: number }> = [];
  const now = deps.clock.now().getTime();
  for (const step of steps) {
    const published = await DefinitionStore.nearest(tx, 'collection', step.collection, tenant.path);
    const cv = published?.publishedVersion ? await DefinitionStore.version(tx, published.id, published.publishedVersion) : undefined;
    const rows = await tx.query<{ id: string; data: string; status: string; org_id: string; org_path: string; revision: number }>(
      `SELECT id, data, status, org_id, org_path, revision FROM record WHERE tenant_id = ? AND collection_key = ?${step.op === 'setState' ? ' AND status = ?' : ''} ORDER BY id`,
      step.op === 'setState' ? [tenant.id, step.collection, step.from] : [tenant.id, step.collection],
    );
    let changed = 0;
    for (const r of rows) {
      if (step.op === 'setState') {
        await tx.execute('UPDATE record SET status = ?, updated_at = ?, revision = revision + 1 WHERE id = ? AND revision = ?', [step.to, now, r.id, r.revision]);
        const key = { orgId: r.org_id, orgPath: r.org_path, tenantId: tenant.id, collectionKey: step.collection };
        await adjustRecordCount(tx, { ...key, status: step.from }, -1);
        await adjustRecordCount(tx, { ...key, status: step.to }, 1);
        await tx.execute(
          `INSERT INTO record_transition (id, record_id, from_state, to_state, actor_id, actor_name, at, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
          [crypto.randomUUID(), r.id, step.from, step.to, actor.actorId, actor.actorName, now, 'pack migration'],
        );
        changed++;
        continue;
      }
      const data = migrateData(step, JSON.parse(r.data) as Record<string, unknown>);
      if (!data) continue;
      const content = cv?.content as CollectionContent | undefined;
      const slots = content ? { ...Object.fromEntries(SLOT_COLUMNS.map((s) => [s, null])), ...slotValues(content, data) } : {};
      const cols = Object.keys(slots);
      await tx.execute(
        `UPDATE record SET data = ?, ${cv ? 'collection_version_id = ?, ' : ''}${cols.map((c) => `${c} = ?, `).join('')}updated_at = ?, revision = revision + 1 WHERE id = ? AND revision = ?`,
        [JSON.stringify(data), ...(cv ? [cv.id] : []), ...cols.map((c) => slots[c]), now, r.id, r.revision],
      );
      changed++;
    }
    await appendAudit(tx, deps, {
      ...actor, orgId: tenant.id, orgPath: tenant.path, action: 'pack.migrate', targetType: 'collection', targetId: step.collection,
      change: { step, records: changed },
    });
    out.push({ op: step.op, collection: step.collection, records: changed });
  }
  return out;
}
