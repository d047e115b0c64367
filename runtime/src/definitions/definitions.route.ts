import { z } from 'zod';
import { SafeFlowError } from '@safeflow/engine/errors';
import type { AppDeps } from '../app/AppDeps';
import { defineRoute, type AnyRoute } from '../http/defineRoute';
import { DefinitionService } from './DefinitionService';
import { DefinitionStore, type Definition, type DefinitionVersion } from './DefinitionStore';
import { diffForms } from './engineAdapters';
import { jsonDiff } from './jsonDiff';
import { xmlLineDiff } from './process/xmlLineDiff';

const Kind = z.enum(['form', 'ruleset', 'collection', 'view', 'process', 'schedule']);
const Key = z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,127}$/, 'must be a key (letters, digits, _ . -)');
const KindParams = z.object({ kind: Kind });
const KeyParams = z.object({ kind: Kind, key: Key });
const OrgQuery = z.object({ orgId: z.string().max(36).optional() });

/** A definition as the API returns it. */
export const DefinitionOut = z.object({
  id: z.string(),
  kind: z.string(),
  key: z.string(),
  orgId: z.string(),
  orgPath: z.string(),
  tenantId: z.string(),
  name: z.string(),
  latestVersion: z.number(),
  publishedVersion: z.number().nullable(),
  revision: z.number(),
  createdAt: z.number(),
  updatedAt: z.number(),
});

/** A definition version as the API returns it. */
export const VersionOut = z.object({
  id: z.string(),
  version: z.number(),
  status: z.enum(['draft', 'published', 'archived']),
  content: z.unknown(),
  hash: z.string(),
  note: z.string().nullable(),
  createdBy: z.string(),
  publishedBy: z.string().nullable(),
  publishedAt: z.number().nullable(),
  revision: z.number(),
  createdAt: z.number(),
  updatedAt: z.number(),
});

const WithVersion = z.object({ definition: DefinitionOut, version: VersionOut.nullable() });

function versionOut(v: DefinitionVersion): z.infer<typeof VersionOut> {
  const { definitionId: _d, ...rest } = v;
  return rest;
}

function withVersion(r: { definition: Definition; version: DefinitionVersion | undefined | null }) {
  return { definition: r.definition, version: r.version ? versionOut(r.version) : null };
}

/**
 * `/api/v1/definitions/:kind` — forms, rulesets, collections, views and
 * processes (BPMN; publish also deploys, see `process/README-process.md`):
 * list, create (draft v1), resolve by key for the caller's org (the nearest
 * owner up the org path wins), edit the draft, publish (lint first), archive,
 * versions and diffs.
 */
export function definitionRoutes(deps: AppDeps): AnyRoute[] {
  const service = new DefinitionService(deps);
  const db = deps.db;
  const tags = ['definitions'];
  return [
    defineRoute({
      method: 'get', path: '/definitions/:kind', summary: 'List the definitions of a kind visible to the caller (own subtree and inherited)', tags,
      permission: 'definition.read', params: KindParams,
      response: z.object({ items: z.array(DefinitionOut) }),
      handler: async ({ params, auth }) => ({ items: await service.list(auth, params.kind) }),
    }),
    defineRoute({
      method: 'post', path: '/definitions/:kind', summary: 'Create a definition (draft version 1)', tags,
      permission: 'definition.write', params: KindParams, status: 201, idempotent: true,
      body: z.strictObject({ key: Key, name: z.string().min(1).max(255), orgId: z.string().max(36).optional(), content: z.unknown(), note: z.string().max(1000).optional() }),
      response: WithVersion,
      handler: async ({ params, body, auth }) => withVersion(await service.create(auth, params.kind, body)),
    }),
    defineRoute({
      method: 'get', path: '/definitions/:kind/:key', summary: "Resolve a definition for the caller's org; returns its current published version (or the draft)", tags,
      permission: 'definition.read', params: KeyParams, query: OrgQuery,
      response: WithVersion.extend({ draft: VersionOut.nullable() }),
      handler: async ({ params, query, auth }) => {
        const def = await service.resolve(auth, params.kind, params.key, query.orgId);
        const published = def.publishedVersion ? await DefinitionStore.version(db, def.id, def.publishedVersion) : undefined;
        const latest = await DefinitionStore.version(db, def.id, def.latestVersion);
        const draft = latest?.status === 'draft' ? latest : undefined;
        return { ...withVersion({ definition: def, version: published ?? draft }), draft: draft ? versionOut(draft) : null };
      },
    }),
    defineRoute({
      method: 'put', path: '/definitions/:kind/:key/draft', summary: 'Edit the draft (editing a published definition starts the next draft version)', tags,
      permission: 'definition.write', params: KeyParams,
      body: z.strictObject({ orgId: z.string().max(36).optional(), content: z.unknown(), name: z.string().min(1).max(255).optional(), note: z.string().max(1000).optional(), revision: z.number().int().optional() }),
      response: WithVersion,
      handler: async ({ params, body, auth }) => withVersion(await service.saveDraft(auth, params.kind, params.key, body)),
    }),
    defineRoute({
      method: 'post', path: '/definitions/:kind/:key/publish', summary: 'Lint and publish the draft', tags,
      permission: 'definition.write', params: KeyParams,
      body: z.strictObject({ orgId: z.string().max(36).optional(), note: z.string().max(1000).optional() }),
      response: WithVersion,
      handler: async ({ params, body, auth }) => withVersion(await service.publish(auth, params.kind, params.key, body)),
    }),
    defineRoute({
      method: 'post', path: '/definitions/:kind/:key/archive', summary: 'Archive a published version (default: the current one)', tags,
      permission: 'definition.write', params: KeyParams,
      body: z.strictObject({ orgId: z.string().max(36).optional(), version: z.number().int().positive().optional() }),
      response: WithVersion,
      handler: async ({ params, body, auth }) => withVersion(await service.archive(auth, params.kind, params.key, body)),
    }),
    defineRoute({
      method: 'get', path: '/definitions/:kind/:key/versions', summary: 'List the versions of the resolved definition', tags,
      permission: 'definition.read', params: KeyParams, query: OrgQuery,
      response: z.object({ definition: DefinitionOut, items: z.array(VersionOut.omit({ content: true })) }),
      handler: async ({ params, query, auth }) => {
        const def = await service.resolve(auth, params.kind, params.key, query.orgId);
        const items = (await DefinitionStore.versions(db, def.id)).map((v) => {
          const { content: _c, ...rest } = versionOut(v);
          return rest;
        });
        return { definition: def, items };
      },
    }),
    defineRoute({
      method: 'get', path: '/definitions/:kind/:key/versions/:version', summary: 'One version of the resolved definition', tags,
      permission: 'definition.read', params: KeyParams.extend({ version: z.coerce.number().int().positive() }), query: OrgQuery,
      response: WithVersion,
      handler: async ({ params, query, auth }) => {
        const def = await service.resolve(auth, params.kind, params.key, query.orgId);
        const v = await DefinitionStore.version(db, def.id, params.version);
        if (!v) throw new SafeFlowError('definition.version_not_found', `${params.kind} '${params.key}' has no version ${params.version}`, { status: 404 });
        return withVersion({ definition: def, version: v });
      },
    }),
    defineRoute({
      method: 'get', path: '/definitions/:kind/:key/diff', summary: 'Diff two versions (forms field by field, processes line by line of their XML, others as a JSON diff)', tags,
      permission: 'definition.read', params: KeyParams,
      query: OrgQuery.extend({ from: z.coerce.number().int().positive(), to: z.coerce.number().int().positive() }),
      response: z.object({ from: z.number(), to: z.number(), changes: z.unknown() }),
      handler: async ({ params, query, auth }) => {
        const def = await service.resolve(auth, params.kind, params.key, query.orgId);
        const [a, b] = await Promise.all([DefinitionStore.version(db, def.id, query.from), DefinitionStore.version(db, def.id, query.to)]);
        if (!a || !b) throw new SafeFlowError('definition.version_not_found', `${params.kind} '${params.key}' has no version ${!a ? query.from : query.to}`, { status: 404 });
        const changes =
          params.kind === 'form'
            ? await diffForms(a.content, b.content)
            : params.kind === 'process'
              ? xmlLineDiff(String((a.content as { xml?: unknown }).xml ?? ''), String((b.content as { xml?: unknown }).xml ?? ''))
              : jsonDiff(a.content, b.content);
        return { from: query.from, to: query.to, changes };
      },
    }),
  ];
}
