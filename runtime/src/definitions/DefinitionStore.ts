import crypto from 'node:crypto';
import { SafeFlowError } from '@safeflow/engine/errors';
import { canonicalJson } from '../audit/canonicalJson';
import type { Tx } from '../db/Database';
import { ancestorPaths, type Queryable } from './orgContext';

/** Kinds of definitions. The HTTP API serves form, ruleset, collection, view, process and schedule. */
export type DefinitionKind = 'form' | 'ruleset' | 'collection' | 'view' | 'schedule' | 'process';

/** A definition: one key owned by one org, with numbered versions. */
export interface Definition {
  id: string;
  kind: DefinitionKind;
  key: string;
  orgId: string;
  orgPath: string;
  tenantId: string;
  name: string;
  latestVersion: number;
  publishedVersion: number | null;
  revision: number;
  createdAt: number;
  updatedAt: number;
}

/** One version of a definition; immutable once published. */
export interface DefinitionVersion {
  id: string;
  definitionId: string;
  version: number;
  status: 'draft' | 'published' | 'archived';
  content: unknown;
  hash: string;
  note: string | null;
  createdBy: string;
  publishedBy: string | null;
  publishedAt: number | null;
  revision: number;
  createdAt: number;
  updatedAt: number;
}

/** sha256 of the canonical JSON of a definition's content. */
export function contentHash(content: unknown): string {
  return crypto.createHash('sha256').update(canonicalJson(content)).digest('hex');
}

type Row = Record<string, unknown>;

export function toDefinition(r: Row): Definition {
  return {
    id: String(r.id),
    kind: r.kind as DefinitionKind,
    key: String(r.def_key),
    orgId: String(r.org_id),
    orgPath: String(r.org_path),
    tenantId: String(r.tenant_id),
    name: String(r.name),
    latestVersion: Number(r.latest_version),
    publishedVersion: r.published_version == null ? null : Number(r.published_version),
    revision: Number(r.revision),
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  };
}

export function toVersion(r: Row): DefinitionVersion {
  return {
    id: String(r.id),
    definitionId: String(r.definition_id),
    version: Number(r.version),
    status: r.status as DefinitionVersion['status'],
    content: JSON.parse(String(r.content)),
    hash: String(r.hash),
    note: r.note == null ? null : String(r.note),
    createdBy: String(r.created_by),
    publishedBy: r.published_by == null ? null : String(r.published_by),
    publishedAt: r.published_at == null ? null : Number(r.published_at),
    revision: Number(r.revision),
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  };
}

/**
 * SQL access to `definition` and `definition_version`. Resolution follows
 * the org tree: a definition owned by an org is usable in its whole subtree,
 * and the nearest owner up the path wins (a local variant overrides its
 * parent's definition below it).
 */
export const DefinitionStore = {
  /** Every definition of `kind`/`key` owned by the org at `orgPath` or one of its ancestors. */
  async inherited(db: Queryable, kind: DefinitionKind, key: string, orgPath: string): Promise<Definition[]> {
    const paths = ancestorPaths(orgPath);
    const rows = await db.query<Row>(
      `SELECT * FROM definition WHERE kind = ? AND def_key = ? AND org_path IN (${paths.map(() => '?').join(', ')})`,
      [kind, key, ...paths],
    );
    return rows.map(toDefinition).sort((a, b) => b.orgPath.length - a.orgPath.length);
  },

  /** The nearest definition of `kind`/`key` for the org at `orgPath`, or undefined. */
  async nearest(db: Queryable, kind: DefinitionKind, key: string, orgPath: string): Promise<Definition | undefined> {
    return (await this.inherited(db, kind, key, orgPath))[0];
  },

  async byOrg(db: Queryable, kind: DefinitionKind, key: string, orgId: string): Promise<Definition | undefined> {
    const [row] = await db.query<Row>('SELECT * FROM definition WHERE kind = ? AND def_key = ? AND org_id = ?', [kind, key, orgId]);
    return row ? toDefinition(row) : undefined;
  },

  async byId(db: Queryable, id: string): Promise<Definition | undefined> {
    const [row] = await db.query<Row>('SELECT * FROM definition WHERE id = ?', [id]);
    return row ? toDefinition(row) : undefined;
  },

  async version(db: Queryable, definitionId: string, version: number): Promise<DefinitionVersion | undefined> {
    const [row] = await db.query<Row>('SELECT * FROM definition_version WHERE definition_id = ? AND version = ?', [definitionId, version]);
    return row ? toVersion(row) : undefined;
  },

  async versionById(db: Queryable, id: string): Promise<DefinitionVersion | undefined> {
    const [row] = await db.query<Row>('SELECT * FROM definition_version WHERE id = ?', [id]);
    return row ? toVersion(row) : undefined;
  },

  async versions(db: Queryable, definitionId: string): Promise<DefinitionVersion[]> {
    const rows = await db.query<Row>('SELECT * FROM definition_version WHERE definition_id = ? ORDER BY version', [definitionId]);
    return rows.map(toVersion);
  },

  /** The published version a caller at `orgPath` uses: the nearest definition's latest published (or the given number). */
  async resolvePublished(
    db: Queryable,
    kind: DefinitionKind,
    key: string,
    orgPath: string,
    version?: number,
  ): Promise<{ definition: Definition; version: DefinitionVersion }> {
    const def = await this.nearest(db, kind, key, orgPath);
    if (!def) throw new SafeFlowError(`${kind}.not_found`, `${kind} '${key}' not found`, { status: 404 });
    const n = version ?? def.publishedVersion;
    const v = n == null ? undefined : await this.version(db, def.id, n);
    if (!v || v.status === 'draft') {
      throw new SafeFlowError(`${kind}.not_published`, `${kind} '${key}' has no published version${version ? ' ' + version : ''}`, {
        status: version ? 404 : 409,
      });
    }
    return { definition: def, version: v };
  },

  async insertDefinition(tx: Tx, d: Omit<Definition, 'revision'>): Promise<void> {
    await tx.execute(
      `INSERT INTO definition (id, kind, def_key, org_id, org_path, tenant_id, name, latest_version, published_version, created_at, updated_at, revision)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
      [d.id, d.kind, d.key, d.orgId, d.orgPath, d.tenantId, d.name, d.latestVersion, d.publishedVersion, d.createdAt, d.updatedAt],
    );
  },

  async insertVersion(tx: Tx, v: Omit<DefinitionVersion, 'revision'>): Promise<void> {
    await tx.execute(
      `INSERT INTO definition_version (id, definition_id, version, status, content, hash, note, created_by, published_by, published_at, created_at, updated_at, revision)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
      [v.id, v.definitionId, v.version, v.status, JSON.stringify(v.content), v.hash, v.note, v.createdBy, v.publishedBy, v.publishedAt, v.createdAt, v.updatedAt],
    );
  },
};
