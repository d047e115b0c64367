import { z } from 'zod';
import type { AppDeps } from '../app/AppDeps';
import { defineRoute, type AnyRoute } from '../http/defineRoute';
import { exportPack } from './exportPack';
import { packTenantFor } from './packAccess';
import { PackInstaller } from './PackInstaller';
import { PackStore } from './PackStore';
import { planPackChanges } from './planPackChanges';
import { MAX_PACK_BYTES } from './validatePack';

const tags = ['packs'];
const Files = z.record(z.string().min(1).max(255).regex(/^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/, 'must be a relative path'), z.string());
const TenantQuery = z.object({ tenantId: z.string().max(36).optional() });
const PackId = z.object({ packId: z.string().regex(/^[a-z][a-z0-9-]{1,39}$/) });
const Issue = z.object({ file: z.string(), path: z.string(), code: z.string(), message: z.string() });
const Summary = z.object({
  published: z.array(z.object({ kind: z.string(), key: z.string(), version: z.number() })),
  unchanged: z.number(),
  migrated: z.array(z.object({ op: z.string(), collection: z.string(), records: z.number() })),
  seeded: z.number(),
});
const InstallOut = z.object({
  packId: z.string(), tenantId: z.string(), action: z.enum(['install', 'upgrade']), fromVersion: z.string().nullable(), version: z.string(),
  changed: z.boolean(), summary: Summary,
});
const Manifest = z.record(z.string(), z.unknown());
const Plan = z.object({
  action: z.enum(['install', 'upgrade', 'none', 'refused']), installedVersion: z.string().nullable(),
  files: z.array(z.object({ file: z.string(), kind: z.string(), key: z.string(), change: z.enum(['added', 'changed', 'unchanged', 'removed']) })),
});

/**
 * `/api/v1/packs` — the Studio's pack import/export screen: installed packs
 * of a tenant, validate an upload (files as `{ "<relative path>": "<text>" }`),
 * install, upgrade, install history and export. Reading needs
 * `definition.read` in the tenant; writing a platform or city administrator.
 */
export function packRoutes(deps: AppDeps): AnyRoute[] {
  const installer = new PackInstaller(deps);
  return [
    defineRoute({
      method: 'get', path: '/packs', summary: 'Packs installed in a tenant', tags, query: TenantQuery,
      response: z.object({ items: z.array(z.object({ packId: z.string(), tenantId: z.string(), version: z.string(), name: z.string(), hash: z.string(), manifest: Manifest, installedAt: z.number(), updatedAt: z.number() })) }),
      handler: async ({ query, auth }) => {
        const tenantId = packTenantFor(auth, query.tenantId, false);
        const items = await PackStore.list(deps.db, [tenantId]);
        return { items: items.map(({ packId, tenantId: t, version, name, hash, manifest, installedAt, updatedAt }) => ({ packId, tenantId: t, version, name, hash, manifest, installedAt, updatedAt })) };
      },
    }),
    defineRoute({
      method: 'post', path: '/packs/validate', summary: 'Validate a pack (every issue with file and path) and compare it with the installed one (changed files); nothing is written', tags, bodyLimit: MAX_PACK_BYTES,
      body: z.strictObject({ files: Files, tenantId: z.string().max(36).optional() }),
      response: z.object({ valid: z.boolean(), manifest: Manifest.nullable(), issues: z.array(Issue), plan: Plan.nullable() }),
      handler: async ({ body, auth }) => {
        const tenantId = packTenantFor(auth, body.tenantId, true);
        const r = await installer.validateFor(body.files, tenantId);
        const plan = r.pack ? await planPackChanges(deps.db, tenantId, r.pack) : null;
        return { valid: !!r.pack && r.issues.length === 0, manifest: r.pack?.manifest ?? null, issues: r.issues, plan };
      },
    }),
    defineRoute({
      method: 'post', path: '/packs/install', summary: 'Install a pack into a tenant (one transaction; the installed version again is a no-op)', tags,
      bodyLimit: MAX_PACK_BYTES, idempotent: true,
      body: z.strictObject({ files: Files, tenantId: z.string().max(36).optional(), seed: z.boolean().optional() }),
      response: InstallOut,
      handler: async ({ body, auth }) => {
        const tenantId = packTenantFor(auth, body.tenantId, true);
        return installer.install(body.files, { tenantId, requester: { actorId: auth.userId, actorName: auth.username }, seed: !!body.seed && deps.config.seedDemo });
      },
    }),
    defineRoute({
      method: 'post', path: '/packs/upgrade', summary: 'Upgrade an installed pack to a newer version (new definition versions, declared data migrations; one transaction)', tags,
      bodyLimit: MAX_PACK_BYTES, idempotent: true,
      body: z.strictObject({ files: Files, tenantId: z.string().max(36).optional() }),
      response: InstallOut,
      handler: async ({ body, auth }) => {
        const tenantId = packTenantFor(auth, body.tenantId, true);
        return installer.upgrade(body.files, { tenantId, requester: { actorId: auth.userId, actorName: auth.username } });
      },
    }),
    defineRoute({
      method: 'get', path: '/packs/:packId/installs', summary: 'Install and upgrade history of a pack in a tenant', tags, params: PackId, query: TenantQuery,
      response: z.object({ items: z.array(z.object({ id: z.string(), action: z.string(), fromVersion: z.string().nullable(), version: z.string(), hash: z.string(), actorId: z.string(), actorName: z.string(), summary: Summary, at: z.number() })) }),
      handler: async ({ params, query, auth }) => {
        const tenantId = packTenantFor(auth, query.tenantId, false);
        const items = await PackStore.installs(deps.db, tenantId, params.packId);
        return { items: items.map(({ tenantId: _t, packId: _p, ...rest }) => rest) };
      },
    }),
    defineRoute({
      method: 'get', path: '/packs/:packId/export', summary: "Export a tenant's pack (current published versions) as pack files", tags, params: PackId, query: TenantQuery,
      response: z.object({ files: z.record(z.string(), z.string()) }),
      handler: async ({ params, query, auth }) => {
        const tenantId = packTenantFor(auth, query.tenantId, true);
        return { files: await exportPack(deps.db, tenantId, params.packId) };
      },
    }),
  ];
}

