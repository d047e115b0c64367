import { SafeFlowError } from '@safeflow/engine/errors';
import crypto from 'node:crypto';
import type { Tx } from '../db/Database';
import type { Queryable } from '../definitions/orgContext';
import type { PackManifest } from './packSchemas';
import type { PackKind } from './PackSource';

/** An installed pack of a tenant (`pack` row). */
export interface InstalledPack {
  id: string;
  tenantId: string;
  packId: string;
  version: string;
  hash: string;
  name: string;
  manifest: PackManifest;
  /** The pack's i18n files as installed (locale → key → text), for export. */
  i18n: Record<string, Record<string, string>>;
  installedAt: number;
  updatedAt: number;
  revision: number;
}

/** One install or upgrade (`pack_install` row). */
export interface PackInstallRecord {
  id: string;
  tenantId: string;
  packId: string;
  action: 'install' | 'upgrade';
  fromVersion: string | null;
  version: string;
  hash: string;
  actorId: string;
  actorName: string;
  summary: PackChangeSummary;
  at: number;
}

/** What an install or upgrade changed. */
export interface PackChangeSummary {
  published: Array<{ kind: PackKind; key: string; version: number }>;
  unchanged: number;
  migrated: Array<{ op: string; collection: string; records: number }>;
  seeded: number;
}

/** A definition a pack owns in a tenant (`pack_definition` row). */
export interface PackDefinitionRow {
  kind: PackKind;
  key: string;
  packId: string;
  definitionId: string;
  version: number;
  sourceHash: string;
  file: string;
  names: { 'zh-CN': string; en: string };
}

type Row = Record<string, unknown>;

const toPack = (r: Row): InstalledPack => ({
  id: String(r.id),
  tenantId: String(r.tenant_id),
  packId: String(r.pack_id),
  version: String(r.version),
  hash: String(r.hash),
  name: String(r.name),
  manifest: JSON.parse(String(r.manifest)) as PackManifest,
  i18n: r.i18n == null ? {} : (JSON.parse(String(r.i18n)) as InstalledPack['i18n']),
  installedAt: Number(r.installed_at),
  updatedAt: Number(r.updated_at),
  revision: Number(r.revision),
});

const toInstall = (r: Row): PackInstallRecord => ({
  id: String(r.id),
  tenantId: String(r.tenant_id),
  packId: String(r.pack_id),
  action: r.action as PackInstallRecord['action'],
  fromVersion: r.from_version == null ? null : String(r.from_version),
  version: String(r.version),
  hash: String(r.hash),
  actorId: String(r.actor_id),
  actorName: String(r.actor_name),
  summary: JSON.parse(String(r.summary)) as PackChangeSummary,
  at: Number(r.at),
});

/** SQL of the pack tables (see the Packs migration). */
export const PackStore = {
  async get(db: Queryable, tenantId: string, packId: string, forUpdate = false, dialect?: Tx['dialect']): Promise<InstalledPack | undefined> {
    const lock = forUpdate && dialect === 'mysql' ? ' FOR UPDATE' : '';
    const [r] = await db.query<Row>(`SELECT * FROM pack WHERE tenant_id = ? AND pack_id = ?${lock}`, [tenantId, packId]);
    return r ? toPack(r) : undefined;
  },

  async list(db: Queryable, tenantIds?: string[]): Promise<InstalledPack[]> {
    if (tenantIds && tenantIds.length === 0) return [];
    const where = tenantIds ? `WHERE tenant_id IN (${tenantIds.map(() => '?').join(', ')})` : '';
    return (await db.query<Row>(`SELECT * FROM pack ${where} ORDER BY tenant_id, pack_id`, tenantIds ?? [])).map(toPack);
  },

  async upsert(tx: Tx, prev: InstalledPack | undefined, p: Omit<InstalledPack, 'id' | 'revision'>): Promise<void> {
    if (!prev) {
      await tx.execute(
        `INSERT INTO pack (id, tenant_id, pack_id, version, hash, name, manifest, i18n, installed_at, created_at, updated_at, revision) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
        [crypto.randomUUID(), p.tenantId, p.packId, p.version, p.hash, p.name, JSON.stringify(p.manifest), JSON.stringify(p.i18n), p.installedAt, p.updatedAt, p.updatedAt],
      );
      return;
    }
    const n = await tx.execute(
      `UPDATE pack SET version = ?, hash = ?, name = ?, manifest = ?, i18n = ?, updated_at = ?, revision = revision + 1 WHERE id = ? AND revision = ?`,
      [p.version, p.hash, p.name, JSON.stringify(p.manifest), JSON.stringify(p.i18n), p.updatedAt, prev.id, prev.revision],
    );
    if (n !== 1) throw new SafeFlowError('pack.conflict', `Pack '${p.packId}' was changed by someone else meanwhile; try again`, { status: 409 });
  },

  async insertInstall(tx: Tx, r: Omit<PackInstallRecord, 'id'>): Promise<string> {
    const id = crypto.randomUUID();
    await tx.execute(
      `INSERT INTO pack_install (id, tenant_id, pack_id, action, from_version, version, hash, actor_id, actor_name, summary, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [id, r.tenantId, r.packId, r.action, r.fromVersion, r.version, r.hash, r.actorId, r.actorName, JSON.stringify(r.summary), r.at],
    );
    return id;
  },

  async installs(db: Queryable, tenantId: string, packId: string): Promise<PackInstallRecord[]> {
    return (await db.query<Row>(`SELECT * FROM pack_install WHERE tenant_id = ? AND pack_id = ? ORDER BY at, id`, [tenantId, packId])).map(toInstall);
  },

  async definitions(db: Queryable, tenantId: string, packId?: string): Promise<PackDefinitionRow[]> {
    const rows = await db.query<Row>(
      `SELECT * FROM pack_definition WHERE tenant_id = ?${packId ? ' AND pack_id = ?' : ''} ORDER BY kind, def_key`,
      packId ? [tenantId, packId] : [tenantId],
    );
    return rows.map((r) => ({
      kind: r.kind as PackKind,
      key: String(r.def_key),
      packId: String(r.pack_id),
      definitionId: String(r.definition_id),
      version: Number(r.version),
      sourceHash: String(r.source_hash),
      file: String(r.file),
      names: JSON.parse(String(r.names)) as PackDefinitionRow['names'],
    }));
  },

  async upsertDefinition(tx: Tx, tenantId: string, d: PackDefinitionRow, now: number, exists: boolean): Promise<void> {
    if (exists) {
      await tx.execute(
        `UPDATE pack_definition SET pack_id = ?, definition_id = ?, version = ?, source_hash = ?, file = ?, names = ?, updated_at = ? WHERE tenant_id = ? AND kind = ? AND def_key = ?`,
        [d.packId, d.definitionId, d.version, d.sourceHash, d.file, JSON.stringify(d.names), now, tenantId, d.kind, d.key],
      );
    } else {
      await tx.execute(
        `INSERT INTO pack_definition (tenant_id, kind, def_key, pack_id, definition_id, version, source_hash, file, names, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [tenantId, d.kind, d.key, d.packId, d.definitionId, d.version, d.sourceHash, d.file, JSON.stringify(d.names), now],
      );
    }
  },

  async seedRefs(db: Queryable, tenantId: string, packId: string): Promise<Map<string, string>> {
    const rows = await db.query<{ ref: string; record_id: string }>(`SELECT ref, record_id FROM pack_seed_ref WHERE tenant_id = ? AND pack_id = ?`, [tenantId, packId]);
    return new Map(rows.map((r) => [r.ref, r.record_id]));
  },

  async insertSeedRef(tx: Tx, tenantId: string, packId: string, ref: string, collectionKey: string, recordId: string, now: number): Promise<void> {
    await tx.execute(`INSERT INTO pack_seed_ref (tenant_id, pack_id, ref, collection_key, record_id, created_at) VALUES (?, ?, ?, ?, ?, ?)`, [
      tenantId, packId, ref, collectionKey, recordId, now,
    ]);
  },
};
