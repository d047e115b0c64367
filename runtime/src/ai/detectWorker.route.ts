import fs from 'node:fs';
import { z } from 'zod';
import type { TaskOrg } from '@safeflow/plugin-ai-detect';
import { SafeFlowError } from '@safeflow/engine/errors';
import type { AppDeps } from '../app/AppDeps';
import type { AuthContext } from '../http/AuthContext';
import { defineRoute, type AnyRoute } from '../http/defineRoute';
import { readRawBody } from '../http/readJsonBody';
import { DataScope } from '../tenancy/DataScope';
import { aiServicesOf } from './AiServices';
import { orgIdOfPath } from '../orgs/orgIdOfPath';

const Id = z.object({ id: z.string().max(36) });
const box = z.strictObject({ x1: z.number().finite(), y1: z.number().finite(), x2: z.number().finite(), y2: z.number().finite() });
const detection = z.object({ classId: z.number().int().min(0), confidence: z.number().min(0).max(1), box, label: z.string().max(100).optional() });
const fileRef = z.object({ fileId: z.string().max(36), name: z.string().max(255), size: z.number().int().nonnegative(), mime: z.string().max(100), sha256: z.string().max(64) });
const taskOrgOut = z.object({ tenantId: z.string(), orgId: z.string(), orgPath: z.string() });
/** Largest snapshot or frame a worker may store (a 4K JPEG is a few MB). */
const MAX_IMAGE_BYTES = 20 * 1024 * 1024;

/** `engine.operate` over some org of `tenantId` (a tenant's root org is `/<tenantId>/`). */
function assertReachesTenant(auth: AuthContext, tenantId: string, what: string, id: string): void {
  if (!DataScope.of(auth, 'engine.operate').reachesTenant(tenantId)) throw new SafeFlowError(`${what}.not_found`, `${what} '${id}' not found`, { status: 404 });
}

/**
 * `/api/v1/worker/ai/…` and `/worker/files…`, `/worker/process-instances/:id/org`: what the
 * ai-detect task type's host ports do in the runtime, as calls for a worker out of process
 * (`safeflow worker --plugin @safeflow/plugin-ai-detect/remote`, `remoteAiDetectPorts`): the org
 * of a task, the model version to use and its bytes, a photo's bytes, storing a snapshot or
 * frame, raising an alarm (merged like in the runtime), adding and reading flywheel samples.
 * The caller needs `engine.operate` over the org concerned (a worker's service user); the server
 * resolves every org itself (a worker never names an org path), and anything out of scope is 404.
 */
export function detectWorkerRoutes(deps: AppDeps): AnyRoute[] {
  const tags = ['worker'];
  const ai = () => aiServicesOf(deps);
  /** The org `orgId` as a task org, visible to the caller. */
  const orgFor = async (auth: AuthContext, orgId: string): Promise<TaskOrg> => {
    const [org] = await deps.db.query<{ id: string; path: string; tenant_id: string | null }>('SELECT id, path, tenant_id FROM org WHERE id = ?', [orgId]);
    DataScope.of(auth, 'engine.operate').assertVisible(org?.path, 'org', orgId);
    return { tenantId: org!.tenant_id || org!.id, orgId: org!.id, orgPath: org!.path };
  };
  return [
    defineRoute({
      method: 'get', path: '/worker/process-instances/:id/org', summary: 'The org a process instance runs for (the ai-detect task type’s orgOf)', tags,
      permission: 'engine.operate', params: z.object({ id: z.string().max(64) }), response: taskOrgOut,
      handler: async ({ auth, params }) => {
        // the instance's own row (taskOrg's fallback to a tenant root is for tasks whose instance is gone, not for this lookup)
        const [inst] = await deps.db.query<{ org_path: string | null; tenant_id: string | null }>('SELECT org_path, tenant_id FROM process_instance WHERE id = ?', [params.id]);
        const orgPath = inst?.org_path ?? (inst?.tenant_id ? `/${inst.tenant_id}/` : undefined);
        DataScope.of(auth, 'engine.operate').assertVisible(orgPath, 'process_instance', params.id);
        return { tenantId: inst!.tenant_id!, orgPath: orgPath!, orgId: orgIdOfPath(orgPath)! };
      },
    }),
    defineRoute({
      method: 'get', path: '/worker/ai/models/resolve', summary: 'The version of a model key a task of the org uses (its org’s or the nearest org’s above it: the camera’s pilot version, else the active one), with its sha256 for the worker’s cache', tags,
      permission: 'engine.operate',
      query: z.object({ orgId: z.string().max(36), key: z.string().min(1).max(100), cameraId: z.string().max(36).optional() }),
      response: z.object({
        id: z.string(), key: z.string(), version: z.number(), labels: z.array(z.string()), colours: z.record(z.string(), z.string()),
        thresholds: z.object({ confidence: z.number(), iou: z.number(), perClass: z.record(z.string(), z.number()).optional() }), sha256: z.string(),
      }),
      handler: async ({ auth, query }) => {
        const { path: _local, ...version } = await ai().models.resolve(await orgFor(auth, query.orgId), query.key, query.cameraId ?? null);
        return version;
      },
    }),
    defineRoute({
      method: 'get', path: '/worker/ai/models/:id/content', summary: 'The .onnx bytes of a model version', tags, permission: 'engine.operate', params: Id,
      handler: async ({ auth, params, ctx }) => {
        const [m] = await deps.db.query<{ tenant_id: string; sha256: string }>('SELECT tenant_id, sha256 FROM ai_model WHERE id = ?', [params.id]);
        if (!m) throw new SafeFlowError('model.not_found', `model '${params.id}' not found`, { status: 404 });
        assertReachesTenant(auth, m.tenant_id, 'model', params.id);
        const file = ai().models.pathOf(params.id);
        ctx.set('Content-Type', 'application/octet-stream');
        ctx.set('Content-Length', String(fs.statSync(file).size));
        ctx.set('ETag', `"${m.sha256}"`);
        ctx.body = fs.createReadStream(file);
        return undefined;
      },
    }),
    defineRoute({
      method: 'get', path: '/worker/files/:id/content', summary: 'The bytes of a photo a task reads (a file of an org the caller operates)', tags, permission: 'engine.operate', params: Id,
      handler: async ({ auth, params, ctx }) => {
        const [f] = await deps.db.query<{ org_id: string; org_path: string; tenant_id: string; mime: string }>('SELECT org_id, org_path, tenant_id, mime FROM file WHERE id = ?', [params.id]);
        DataScope.of(auth, 'engine.operate').assertVisible(f?.org_path, 'file', params.id);
        const bytes = await ai().files.read({ tenantId: f!.tenant_id, orgId: f!.org_id, orgPath: f!.org_path }, params.id);
        ctx.set('Content-Type', f!.mime);
        ctx.set('X-Content-Type-Options', 'nosniff');
        ctx.body = bytes;
        return undefined;
      },
    }),
    defineRoute({
      method: 'post', path: '/worker/files', summary: 'Store a snapshot or frame (the raw JPEG or PNG body) as a file of an org', tags, permission: 'engine.operate', status: 201,
      query: z.object({ orgId: z.string().max(36), name: z.string().min(1).max(200).regex(/^[^/\\]+$/, 'a file name, no path') }), response: fileRef,
      handler: async ({ auth, query, ctx }) => {
        const org = await orgFor(auth, query.orgId);
        const bytes = await readRawBody(ctx, MAX_IMAGE_BYTES);
        return ai().files.save(org, query.name, bytes, auth.username ?? 'ai-detect');
      },
    }),
    defineRoute({
      method: 'post', path: '/worker/ai/alarms', summary: 'Raise an alarm, or merge it into an open one (same camera, label, overlapping box, within the window)', tags,
      permission: 'engine.operate',
      body: z.strictObject({
        orgId: z.string().max(36), cameraId: z.string().max(36).nullable(), modelId: z.string().max(36), ruleKey: z.string().min(1).max(100), label: z.string().min(1).max(100),
        box, confidence: z.number().min(0).max(1), detections: z.array(detection).max(1000), snapshot: fileRef, processInstanceId: z.string().max(64).nullable(),
        at: z.number().int().nonnegative(), windowMs: z.number().int().min(0).max(86_400_000), mergeIou: z.number().min(0).max(1),
      }),
      response: z.object({ alarmId: z.string(), merged: z.boolean(), occurrences: z.number() }),
      handler: async ({ auth, body }) => {
        const { orgId, ...rest } = body;
        const org = await orgFor(auth, orgId);
        await assertOwnFile(deps, org, body.snapshot.fileId);
        return ai().alarms.raise({ ...rest, org });
      },
    }),
    defineRoute({
      method: 'post', path: '/worker/ai/samples', summary: 'Add a flywheel sample (an alarm frame or one near the threshold) with the model’s predictions', tags,
      permission: 'engine.operate', status: 201,
      body: z.strictObject({
        orgId: z.string().max(36), cameraId: z.string().max(36).nullable(), file: fileRef, width: z.number().int().positive(), height: z.number().int().positive(),
        hash: z.string().regex(/^[0-9a-f]{16}$/), reason: z.enum(['alarm', 'near_threshold']), modelId: z.string().max(36), alarmId: z.string().max(36).nullable(),
        predictions: z.array(detection).max(1000), at: z.number().int().nonnegative(),
      }),
      response: z.object({ id: z.string() }),
      handler: async ({ auth, body }) => {
        const { orgId, ...rest } = body;
        const org = await orgFor(auth, orgId);
        await assertOwnFile(deps, org, body.file.fileId);
        return { id: await ai().samples.add({ ...rest, org }) };
      },
    }),
    defineRoute({
      method: 'get', path: '/worker/ai/samples/recent', summary: 'Kept samples of a camera (or of photos) since a time: hash, time and reason, for near-duplicate checks', tags,
      permission: 'engine.operate',
      query: z.object({ tenantId: z.string().max(36), cameraId: z.string().max(36).optional(), since: z.coerce.number().int().nonnegative() }),
      response: z.object({ items: z.array(z.object({ at: z.number(), hash: z.string(), reason: z.string() })) }),
      handler: async ({ auth, query }) => {
        assertReachesTenant(auth, query.tenantId, 'tenant', query.tenantId);
        return { items: await ai().samples.recent(query.tenantId, query.cameraId ?? null, query.since) };
      },
    }),
  ];
}

/** An alarm's snapshot or a sample's frame must be a file of the same org (stored by the worker through /worker/files). */
async function assertOwnFile(deps: AppDeps, org: TaskOrg, fileId: string): Promise<void> {
  const [f] = await deps.db.query<{ org_path: string }>('SELECT org_path FROM file WHERE id = ?', [fileId]);
  if (!f || f.org_path !== org.orgPath) throw new SafeFlowError('file.not_found', `file '${fileId}' not found in this org`, { status: 404 });
}
