import crypto from 'node:crypto';
import { SafeFlowError } from '@safeflow/engine/errors';
import type { AppDeps } from '../app/AppDeps';
import { appendAudit } from '../audit/appendAudit';
import { assertRevision, type Tx } from '../db/Database';
import { unitOfWork } from '../db/unitOfWork';
import type { AuthContext } from '../http/AuthContext';
import { DataScope } from '../tenancy/DataScope';
import { contentHash, DefinitionStore, toDefinition, type Definition, type DefinitionKind, type DefinitionVersion } from './DefinitionStore';
import { lintDefinition } from './lintDefinition';
import { resolveActingOrg, ancestorPaths, type Queryable } from './orgContext';
import { knownTopicsOf } from './process/KnownTopics';
import { deployProcessVersion, redeployProcessVersion } from './process/deployProcessVersion';
import type { PathIssue } from './engineAdapters';

/** Thrown when a definition fails lint: 400 `definition.invalid` with `details.issues`. */
export function definitionInvalid(issues: PathIssue[]): SafeFlowError {
  return new SafeFlowError('definition.invalid', `Definition is invalid: ${issues.slice(0, 3).map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`, {
    status: 400,
    details: { issues },
  });
}

function actor(auth: AuthContext): { actorId: string; actorName: string } {
  return { actorId: auth.userId, actorName: auth.username };
}

/**
 * The lifecycle of definitions: create (draft v1), edit the draft (a
 * published version is never changed — editing creates the next draft),
 * publish (lint, hash, publishedBy/At), archive a version. Every change is
 * one transaction with its audit entry.
 */
export class DefinitionService {
  constructor(private readonly deps: AppDeps) {}

  /** Definitions of `kind` the caller may see: owned in their subtree, or inherited from an ancestor. */
  async list(auth: AuthContext, kind: DefinitionKind): Promise<Definition[]> {
    const scope = DataScope.of(auth, 'definition.read');
    const pred = scope.sql('org_path');
    const ancestors = [...new Set(auth.memberships.filter((m) => m.permissions.includes('definition.read')).flatMap((m) => ancestorPaths(m.orgPath)))];
    const inherited = ancestors.length ? ` OR org_path IN (${ancestors.map(() => '?').join(', ')})` : '';
    const rows = await this.deps.db.query<Record<string, unknown>>(
      `SELECT * FROM definition WHERE kind = ? AND (${pred.sql}${inherited}) ORDER BY def_key, org_path`,
      [kind, ...pred.params, ...ancestors],
    );
    return rows.map(toDefinition);
  }

  /**
   * The definition the caller uses under `key`: the nearest owner up the path
   * of `orgId` (or of the caller's orgs). 404 `definition.not_found` otherwise.
   */
  async resolve(auth: AuthContext, kind: DefinitionKind, key: string, orgId?: string): Promise<Definition> {
    return this.resolveIn(this.deps.db, auth, kind, key, orgId);
  }

  /** {@link resolve} with the reads on `db` (a transaction the caller holds). */
  async resolveIn(db: Queryable, auth: AuthContext, kind: DefinitionKind, key: string, orgId?: string): Promise<Definition> {
    let paths: string[];
    if (orgId) paths = [(await resolveActingOrg(db, auth, orgId, 'definition.read')).path];
    else paths = auth.memberships.filter((m) => m.permissions.includes('definition.read')).map((m) => m.orgPath);
    let best: Definition | undefined;
    for (const p of paths) {
      const d = await DefinitionStore.nearest(db, kind, key, p);
      if (d && (!best || d.orgPath.length > best.orgPath.length)) best = d;
    }
    if (!best && auth.platformAdmin && !orgId) {
      const rows = await db.query<Record<string, unknown>>('SELECT * FROM definition WHERE kind = ? AND def_key = ? ORDER BY org_path', [kind, key]);
        best = rows.map(toDefinition)[0];
    }
    if (!best) throw new SafeFlowError('definition.not_found', `${kind} '${key}' not found`, { status: 404 });
    return best;
  }

  /** The definition a writer changes: exactly `orgId`'s, or the nearest; 403 when it is inherited from above the caller's write scope. */
  private async writable(db: Queryable, auth: AuthContext, kind: DefinitionKind, key: string, orgId?: string): Promise<Definition> {
    const def = orgId
      ? await DefinitionStore.byOrg(db, kind, key, (await resolveActingOrg(db, auth, orgId, 'definition.read')).id)
      : await this.resolveIn(db, auth, kind, key);
    if (!def) throw new SafeFlowError('definition.not_found', `${kind} '${key}' not found`, { status: 404 });
    if (!DataScope.of(auth, 'definition.write').contains(def.orgPath)) {
      throw new SafeFlowError('definition.forbidden', `${kind} '${key}' belongs to a parent org; create a local variant in your org instead`, { status: 403 });
    }
    return def;
  }

  async create(
    auth: AuthContext,
    kind: DefinitionKind,
    input: { key: string; name: string; orgId?: string; content: unknown; note?: string },
  ): Promise<{ definition: Definition; version: DefinitionVersion }> {
    return unitOfWork(this.deps, actor(auth), ({ tx }) => this.createIn(tx, auth, kind, input));
  }

  /** {@link create} inside a transaction the caller holds (e.g. a pack install). */
  async createIn(
    tx: Tx,
    auth: AuthContext,
    kind: DefinitionKind,
    input: { key: string; name: string; orgId?: string; content: unknown; note?: string },
  ): Promise<{ definition: Definition; version: DefinitionVersion }> {
    const { clock } = this.deps;
    const org = await resolveActingOrg(tx, auth, input.orgId, 'definition.write');
    const lint = await lintDefinition(tx, { kind, key: input.key, orgPath: org.path, tenantId: org.tenantId, phase: 'save' }, input.content);
    if (lint.issues.length) throw definitionInvalid(lint.issues);
    if (await DefinitionStore.byOrg(tx, kind, input.key, org.id)) {
      throw new SafeFlowError('definition.exists', `${kind} '${input.key}' already exists in this org`, { status: 409 });
    }
    const now = clock.now().getTime();
    const definition: Definition = {
      id: crypto.randomUUID(), kind, key: input.key, orgId: org.id, orgPath: org.path, tenantId: org.tenantId,
      name: input.name, latestVersion: 1, publishedVersion: null, revision: 1, createdAt: now, updatedAt: now,
    };
    const version: DefinitionVersion = {
      id: crypto.randomUUID(), definitionId: definition.id, version: 1, status: 'draft', content: lint.content,
      hash: contentHash(lint.content), note: input.note ?? null, createdBy: auth.userId, publishedBy: null, publishedAt: null,
      revision: 1, createdAt: now, updatedAt: now,
    };
    await DefinitionStore.insertDefinition(tx, definition);
    await DefinitionStore.insertVersion(tx, version);
    await appendAudit(tx, { clock }, {
      ...actor(auth), orgId: org.id, orgPath: org.path, action: 'definition.create', targetType: kind, targetId: definition.id,
      change: { key: input.key, version: 1, hash: version.hash },
    });
    return { definition, version };
  }

  /** Replaces the draft's content, or starts the next draft when the latest version is published or archived. */
  async saveDraft(
    auth: AuthContext,
    kind: DefinitionKind,
    key: string,
    input: { orgId?: string; content: unknown; name?: string; note?: string; revision?: number },
  ): Promise<{ definition: Definition; version: DefinitionVersion }> {
    return unitOfWork(this.deps, actor(auth), ({ tx }) => this.saveDraftIn(tx, auth, kind, key, input));
  }

  /** {@link saveDraft} inside a transaction the caller holds. */
  async saveDraftIn(
    tx: Tx,
    auth: AuthContext,
    kind: DefinitionKind,
    key: string,
    input: { orgId?: string; content: unknown; name?: string; note?: string; revision?: number },
  ): Promise<{ definition: Definition; version: DefinitionVersion }> {
    const { clock } = this.deps;
    const def = await this.writable(tx, auth, kind, key, input.orgId);
    const lint = await lintDefinition(tx, { kind, key, orgPath: def.orgPath, tenantId: def.tenantId, phase: 'save' }, input.content);
    if (lint.issues.length) throw definitionInvalid(lint.issues);
    const hash = contentHash(lint.content);
    const now = clock.now().getTime();
    const current = (await DefinitionStore.byId(tx, def.id))!;
    const latest = (await DefinitionStore.version(tx, def.id, current.latestVersion))!;
    if (latest.status === 'draft') {
      const rev = input.revision ?? latest.revision;
      assertRevision(
        await tx.execute(
          'UPDATE definition_version SET content = ?, hash = ?, note = ?, updated_at = ?, revision = revision + 1 WHERE id = ? AND revision = ?',
          [JSON.stringify(lint.content), hash, input.note ?? latest.note, now, latest.id, rev],
        ),
        `${kind} '${key}' draft`,
      );
    } else {
      await DefinitionStore.insertVersion(tx, {
        id: crypto.randomUUID(), definitionId: def.id, version: current.latestVersion + 1, status: 'draft', content: lint.content, hash,
        note: input.note ?? null, createdBy: auth.userId, publishedBy: null, publishedAt: null, createdAt: now, updatedAt: now,
      });
    }
    const nextLatest = latest.status === 'draft' ? current.latestVersion : current.latestVersion + 1;
    assertRevision(
      await tx.execute('UPDATE definition SET latest_version = ?, name = ?, updated_at = ?, revision = revision + 1 WHERE id = ? AND revision = ?', [
        nextLatest, input.name ?? current.name, now, def.id, current.revision,
      ]),
      `${kind} '${key}'`,
    );
    await appendAudit(tx, { clock }, {
      ...actor(auth), orgId: def.orgId, orgPath: def.orgPath, action: 'definition.save_draft', targetType: kind, targetId: def.id,
      change: { key, version: nextLatest, hash },
    });
    return { definition: (await DefinitionStore.byId(tx, def.id))!, version: (await DefinitionStore.version(tx, def.id, nextLatest))! };
  }

  /** Lints (with cross-references) and publishes the draft; the previous published version stays readable. */
  async publish(auth: AuthContext, kind: DefinitionKind, key: string, input: { orgId?: string; note?: string }): Promise<{ definition: Definition; version: DefinitionVersion }> {
    return unitOfWork(this.deps, actor(auth), ({ tx }) => this.publishIn(tx, auth, kind, key, input));
  }

  /**
   * {@link publish} inside a transaction the caller holds. A process
   * definition is also deployed to the engine in that transaction (see
   * `process/publishProcess.ts`); a failure anywhere rolls everything back.
   */
  async publishIn(tx: Tx, auth: AuthContext, kind: DefinitionKind, key: string, input: { orgId?: string; note?: string }): Promise<{ definition: Definition; version: DefinitionVersion }> {
    const { clock } = this.deps;
    const def = await this.writable(tx, auth, kind, key, input.orgId);
    const draft = await DefinitionStore.version(tx, def.id, def.latestVersion);
    if (!draft || draft.status !== 'draft') {
      throw new SafeFlowError('definition.no_draft', `${kind} '${key}' has no draft to publish`, { status: 409 });
    }
    const lint = await lintDefinition(tx, { kind, key, orgPath: def.orgPath, tenantId: def.tenantId, phase: 'publish', knownTopics: knownTopicsOf(this.deps) }, draft.content);
    if (lint.issues.length) throw definitionInvalid(lint.issues);
    const content = kind === 'process' ? await deployProcessVersion(tx, this.deps, auth, def, draft.version, lint.content) : lint.content;
    const now = clock.now().getTime();
    const hash = contentHash(content);
    assertRevision(
      await tx.execute(
        `UPDATE definition_version SET status = 'published', content = ?, hash = ?, note = ?, published_by = ?, published_at = ?, updated_at = ?, revision = revision + 1
         WHERE id = ? AND revision = ? AND status = 'draft'`,
        [JSON.stringify(content), hash, input.note ?? draft.note, auth.userId, now, now, draft.id, draft.revision],
      ),
      `${kind} '${key}' draft`,
    );
    assertRevision(
      await tx.execute('UPDATE definition SET published_version = ?, updated_at = ?, revision = revision + 1 WHERE id = ? AND revision = ?', [
        draft.version, now, def.id, def.revision,
      ]),
      `${kind} '${key}'`,
    );
    await appendAudit(tx, { clock }, {
      ...actor(auth), orgId: def.orgId, orgPath: def.orgPath, action: 'definition.publish', targetType: kind, targetId: def.id,
      change: { key, version: draft.version, hash },
    });
    return { definition: (await DefinitionStore.byId(tx, def.id))!, version: (await DefinitionStore.version(tx, def.id, draft.version))! };
  }

  /**
   * Archives a published version (default: the current one); new work no longer picks it, old data still renders with it.
   * Archiving a process's current version deploys the now-current published version again (the engine starts its
   * latest deployment), in the same transaction; its only published version cannot be archived (`process.archive_last`).
   */
  async archive(auth: AuthContext, kind: DefinitionKind, key: string, input: { orgId?: string; version?: number }): Promise<{ definition: Definition; version: DefinitionVersion }> {
    const { db, clock } = this.deps;
    const def = await this.writable(db, auth, kind, key, input.orgId);
    const n = input.version ?? def.publishedVersion;
    const v = n == null ? undefined : await DefinitionStore.version(db, def.id, n);
    if (!v || v.status !== 'published') {
      throw new SafeFlowError('definition.not_published', `${kind} '${key}' has no published version${n ? ' ' + n : ''} to archive`, { status: 409 });
    }
    return unitOfWork(this.deps, actor(auth), async ({ tx, audit }) => {
      const now = clock.now().getTime();
      assertRevision(
        await tx.execute(`UPDATE definition_version SET status = 'archived', updated_at = ?, revision = revision + 1 WHERE id = ? AND revision = ?`, [now, v.id, v.revision]),
        `${kind} '${key}' v${v.version}`,
      );
      const [prev] = await tx.query<{ version: number }>(
        `SELECT MAX(version) AS version FROM definition_version WHERE definition_id = ? AND status = 'published'`,
        [def.id],
      );
      const published = prev?.version == null ? null : Number(prev.version);
      let redeployed: { version: number; engineVersion: number | null } | undefined;
      if (kind === 'process' && published !== def.publishedVersion) {
        if (published === null) {
          throw new SafeFlowError('process.archive_last', `Process '${key}' v${v.version} is its only published version; new instances would have nothing to run`, { status: 409 });
        }
        redeployed = await redeployProcessVersion(tx, this.deps, auth, def, (await DefinitionStore.version(tx, def.id, published))!);
      }
      assertRevision(
        await tx.execute('UPDATE definition SET published_version = ?, updated_at = ?, revision = revision + 1 WHERE id = ? AND revision = ?', [published, now, def.id, def.revision]),
        `${kind} '${key}'`,
      );
      await audit({
        orgId: def.orgId, orgPath: def.orgPath, action: 'definition.archive', targetType: kind, targetId: def.id,
        change: { key, version: v.version, ...(redeployed ? { redeployed } : {}) },
      });
      return { definition: (await DefinitionStore.byId(tx, def.id))!, version: (await DefinitionStore.version(tx, def.id, v.version))! };
    });
  }
}
