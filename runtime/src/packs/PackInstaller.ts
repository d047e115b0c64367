import fs from 'node:fs';
import { SafeFlowError } from '@safeflow/engine/errors';
import type { AppDeps } from '../app/AppDeps';
import { isDashboardContent } from '../dashboards/DashboardContent';
import { appendAudit, type AuditEntry } from '../audit/appendAudit';
import type { Tx } from '../db/Database';
import { DefinitionService } from '../definitions/DefinitionService';
import { DefinitionStore } from '../definitions/DefinitionStore';
import { knownTopicsOf } from '../definitions/process/KnownTopics';
import { ProcessDefinitionService } from '../definitions/process/ProcessDefinitionService';
import { isConflictError } from '../engine/core/CommandExecutor';
import { MODULE_KEYS } from '../entitlements/moduleKeys';
import { applyPackMigrations, migrationsBetween } from './applyPackMigrations';
import { applySeed } from './applySeed';
import { PACK_SYSTEM_ACTOR } from './packActor';
import { PackStore, type InstalledPack, type PackChangeSummary } from './PackStore';
import { PACK_KINDS, type PackDefinition, type PackSource } from './PackSource';
import { compareVersions, satisfies } from './semverRange';
import { packInvalid, validatePack } from './validatePack';

/** The SafeFlow version packs are checked against (`engine` range of the manifest). */
export const ENGINE_VERSION: string = (JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** Who asked for an install (recorded in `pack_install` and the audit trail). */
export type PackRequester = Pick<AuditEntry, 'actorId' | 'actorName'>;

/** Options of an install or upgrade. */
export interface PackInstallOptions {
  /** The tenant (top-level org id). */
  tenantId: string;
  requester: PackRequester;
  /** Insert the pack's demo records (SEED_DEMO). */
  seed?: boolean;
}

/** What an install or upgrade did. `changed: false` means nothing was written at all. */
export interface PackInstallResult {
  packId: string;
  tenantId: string;
  action: 'install' | 'upgrade';
  fromVersion: string | null;
  version: string;
  changed: boolean;
  summary: PackChangeSummary;
}

/**
 * Installs and upgrades packs into a tenant. Each install or upgrade is ONE
 * transaction: every definition published (forms, rulesets, collections,
 * views, processes — deployed —, schedules, in that order), the declared data
 * migrations, the demo seed, the `pack` manifest row, the `pack_install`
 * record and the audit entries; a failure anywhere leaves nothing.
 * Definitions whose source file is unchanged since the pack last published
 * them are not published again, and installing the installed version with
 * the same content hash writes nothing (not even an audit entry).
 */
export class PackInstaller {
  private readonly definitions: DefinitionService;
  private readonly processes: ProcessDefinitionService;

  constructor(private readonly deps: AppDeps) {
    this.definitions = new DefinitionService(deps);
    this.processes = new ProcessDefinitionService(deps);
  }

  /** Refuses a pack this runtime cannot run: engine range, task types, modules. */
  async checkRequirements(pack: PackSource, tenantId: string): Promise<void> {
    const m = pack.manifest;
    if (!satisfies(ENGINE_VERSION, m.engine)) {
      throw new SafeFlowError('pack.engine_unsupported', `Pack '${m.id}' needs SafeFlow ${m.engine}; this is ${ENGINE_VERSION}`, {
        status: 422, details: { engine: m.engine, running: ENGINE_VERSION },
      });
    }
    const topics = await knownTopicsOf(this.deps).topics(tenantId);
    const missing = (m.requires?.taskTypes ?? []).filter((t) => !topics.has(t));
    if (missing.length) {
      throw new SafeFlowError('pack.task_type_missing', `Pack '${m.id}' needs task types that no worker serves here: ${missing.join(', ')}`, {
        status: 422, details: { missing, known: [...topics].sort() },
      });
    }
    const unknown = (m.requires?.modules ?? []).filter((k) => !(MODULE_KEYS as readonly string[]).includes(k));
    if (unknown.length) {
      throw new SafeFlowError('pack.module_unknown', `Pack '${m.id}' needs modules SafeFlow does not have: ${unknown.join(', ')}`, {
        status: 422, details: { unknown },
      });
    }
  }

  /** The tenant root org; 404 `pack.tenant_not_found` when `tenantId` is not a top-level org. */
  async tenant(db: { query: Tx['query'] }, tenantId: string): Promise<{ id: string; path: string }> {
    const [row] = await db.query<{ id: string; path: string }>('SELECT id, path FROM org WHERE id = ? AND parent_id IS NULL', [tenantId]);
    if (!row) throw new SafeFlowError('pack.tenant_not_found', `No tenant (top-level org) '${tenantId}'`, { status: 404 });
    return row;
  }

  /** Validates a pack for a tenant: the pack's own files, with definitions published in the tenant satisfying references. */
  async validateFor(files: Record<string, string>, tenantId: string | undefined, opts: { lint?: boolean } = {}) {
    const tenant = tenantId ? await this.tenant(this.deps.db, tenantId) : undefined;
    return validatePack(files, {
      lint: opts.lint,
      installed: tenant
        ? async (kind, key) => !!(await DefinitionStore.nearest(this.deps.db, kind, key, tenant.path))?.publishedVersion
        : undefined,
    });
  }

  /** `safeflow pack install`: first install (or a no-op when this version is installed with the same content). */
  install(files: Record<string, string>, opts: PackInstallOptions): Promise<PackInstallResult> {
    return this.run(files, opts, 'install');
  }

  /** `safeflow pack upgrade`: a newer version — changed definitions published, declared migrations run. */
  upgrade(files: Record<string, string>, opts: PackInstallOptions): Promise<PackInstallResult> {
    return this.run(files, opts, 'upgrade');
  }

  private async run(files: Record<string, string>, opts: PackInstallOptions, action: 'install' | 'upgrade'): Promise<PackInstallResult> {
    // the content lint runs once, in the definitions service (errors name the file); validation here is schemas and references
    const { pack, issues } = await this.validateFor(files, opts.tenantId, { lint: false });
    if (!pack || issues.length) throw packInvalid(issues);
    await this.checkRequirements(pack, opts.tenantId);
    const m = pack.manifest;
    try {
      return await this.inTransaction(pack, opts, action);
    } catch (err) {
      if (!isConflictError(err)) throw err;
      throw new SafeFlowError('pack.conflict', `Pack '${m.id}' is being installed by someone else at the same time; try again`, { status: 409 });
    }
  }

  private inTransaction(pack: PackSource, opts: PackInstallOptions, action: 'install' | 'upgrade'): Promise<PackInstallResult> {
    const m = pack.manifest;
    return this.deps.db.transaction(async (tx) => {
      const tenant = await this.tenant(tx, opts.tenantId);
      const prev = await PackStore.get(tx, tenant.id, m.id, true, tx.dialect);
      const base = { packId: m.id, tenantId: tenant.id, action, fromVersion: prev?.version ?? null, version: m.version };
      const empty: PackChangeSummary = { published: [], unchanged: pack.definitions.length, migrated: [], seeded: 0 };
      if (prev && prev.version === m.version && prev.hash === pack.hash) return { ...base, changed: false, summary: empty };
      this.assertTransition(prev, m.version, action, m.id);
      const summary = await this.publishAll(tx, tenant, pack);
      if (prev && action === 'upgrade') {
        const steps = migrationsBetween(m, prev.version, m.version).flatMap((mg) => mg.steps);
        summary.migrated = await applyPackMigrations(tx, this.deps, PACK_SYSTEM_ACTOR_AUDIT, tenant, steps);
      }
      if (opts.seed) summary.seeded = await applySeed(tx, this.deps, PACK_SYSTEM_ACTOR_AUDIT, tenant, pack);
      const now = this.deps.clock.now().getTime();
      await PackStore.upsert(tx, prev, {
        tenantId: tenant.id, packId: m.id, version: m.version, hash: pack.hash, name: m.name['zh-CN'], manifest: m, i18n: pack.i18n,
        installedAt: prev?.installedAt ?? now, updatedAt: now,
      });
      const installId = await PackStore.insertInstall(tx, { ...base, hash: pack.hash, actorId: opts.requester.actorId, actorName: opts.requester.actorName, summary, at: now });
      await appendAudit(tx, this.deps, {
        ...opts.requester, orgId: tenant.id, orgPath: tenant.path, action: `pack.${action}`, targetType: 'pack', targetId: installId,
        change: { pack: m.id, from: prev?.version ?? null, to: m.version, hash: pack.hash, published: summary.published.length, migrated: summary.migrated },
      });
      return { ...base, changed: true, summary };
    });
  }

  private assertTransition(prev: InstalledPack | undefined, version: string, action: 'install' | 'upgrade', id: string): void {
    if (action === 'install' && prev) {
      if (prev.version === version) {
        throw new SafeFlowError('pack.version_unchanged', `Pack '${id}' ${version} is installed with other content: give the changed pack a new version and upgrade`, { status: 409 });
      }
      throw new SafeFlowError('pack.installed', `Pack '${id}' ${prev.version} is installed: use upgrade to go to ${version}`, { status: 409 });
    }
    if (action === 'upgrade') {
      if (!prev) throw new SafeFlowError('pack.not_installed', `Pack '${id}' is not installed here: install it first`, { status: 409 });
      if (compareVersions(version, prev.version) <= 0) {
        throw new SafeFlowError('pack.not_newer', `Pack '${id}' ${version} is not newer than the installed ${prev.version}`, { status: 409 });
      }
    }
  }

  /** Publishes every definition whose file changed since the pack last published it (all of them on a first install), in kind order. */
  private async publishAll(tx: Tx, tenant: { id: string; path: string }, pack: PackSource): Promise<PackChangeSummary> {
    const owned = new Map((await PackStore.definitions(tx, tenant.id)).map((d) => [`${d.kind}:${d.key}`, d]));
    const summary: PackChangeSummary = { published: [], unchanged: 0, migrated: [], seeded: 0 };
    const note = `pack ${pack.manifest.id}@${pack.manifest.version}`;
    const now = this.deps.clock.now().getTime();
    for (const kind of PACK_KINDS) {
      // dashboards (views of type "dashboard") after the views they read and drill into
      const ofKind = pack.definitions.filter((x) => x.kind === kind).sort((a, b) => Number(isDashboardContent(a.content)) - Number(isDashboardContent(b.content)));
      for (const d of ofKind) {
        const row = owned.get(`${d.kind}:${d.key}`);
        if (row && row.packId !== pack.manifest.id) {
          throw new SafeFlowError('pack.definition_owned', `${d.file}: ${d.kind} '${d.key}' belongs to pack '${row.packId}'`, { status: 409 });
        }
        const current = await DefinitionStore.byOrg(tx, d.kind, d.key, tenant.id);
        if (row && current?.publishedVersion && row.sourceHash === d.sourceHash) {
          summary.unchanged++;
          continue;
        }
        const version = await this.publishOne(tx, tenant.id, d, note, !!current);
        summary.published.push({ kind: d.kind, key: d.key, version: version.version });
        await PackStore.upsertDefinition(
          tx, tenant.id,
          { kind: d.kind, key: d.key, packId: pack.manifest.id, definitionId: version.definitionId, version: version.version, sourceHash: d.sourceHash, file: d.file, names: d.name },
          now, !!row,
        );
      }
    }
    return summary;
  }

  private async publishOne(tx: Tx, orgId: string, d: PackDefinition, note: string, exists: boolean) {
    const actor = PACK_SYSTEM_ACTOR;
    const name = d.name['zh-CN'];
    try {
      if (d.kind === 'process') {
        return (await this.processes.install(tx, actor, { key: d.key, name, orgId, xml: String(d.content.xml), note })).version;
      }
      if (exists) await this.definitions.saveDraftIn(tx, actor, d.kind, d.key, { orgId, content: d.content, name, note });
      else await this.definitions.createIn(tx, actor, d.kind, { key: d.key, name, orgId, content: d.content, note });
      return (await this.definitions.publishIn(tx, actor, d.kind, d.key, { orgId, note })).version;
    } catch (err) {
      throw inFile(err, d.file);
    }
  }
}

/** The audit identity of the installer's own changes (migrations, seed). */
const PACK_SYSTEM_ACTOR_AUDIT = { actorId: PACK_SYSTEM_ACTOR.userId, actorName: PACK_SYSTEM_ACTOR.username };

/** Re-throws a definitions error as `pack.install_failed` naming the file (the issues keep their paths, prefixed with `content.`). */
function inFile(err: unknown, file: string): unknown {
  if (!(err instanceof SafeFlowError)) return err;
  const details = err.details as { issues?: Array<{ path: string; code: string; message: string }> } | undefined;
  const issues = (details?.issues ?? [{ path: '', code: err.code, message: err.message }]).map((i) => ({
    file, path: i.path ? (file.endsWith('.bpmn') ? i.path : `content.${i.path}`) : '', code: i.code, message: i.message,
  }));
  return new SafeFlowError('pack.install_failed', `${file}: ${err.message}`, { status: err.status ?? 400, details: { cause: err.code, issues } });
}
