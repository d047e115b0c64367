import crypto from 'node:crypto';
import fs from 'node:fs';
import { SafeFlowError } from '@safeflow/engine/errors';
import { compareEvaluations, evaluateMap, exportCoco, exportLabelStudio, exportYolo, type EvalBox } from '@safeflow/plugin-ai-detect';
import { z } from 'zod';
import type { AppDeps } from '../app/AppDeps';
import { FileStorage } from '../files/FileStorage';
import { receiveUpload } from '../files/receiveUpload';
import { defineRoute, type AnyRoute } from '../http/defineRoute';
import type { HttpPolicies } from '../http/HttpPolicies';
import { parseOrThrow } from '../http/zodIssues';
import { alarmDto } from './AlarmStore';
import { aiServicesOf } from './AiServices';
import { labelDto, labelTenantsOf } from './LabelStore';
import { modelDto, thresholdsSchema } from './ModelRegistry';
import { detectWorkerRoutes } from './detectWorker.route';
import { reviewRoutes } from './review.route';

const Id = z.object({ id: z.string().max(36) });
const importFields = z.object({
  orgId: z.string().min(1).max(36),
  key: z.string().min(1).max(100),
  labels: z.string().min(1).max(4000),
  name: z.string().max(200).optional(),
  source: z.string().max(500).optional(),
  licence: z.string().max(100).optional(),
  confidence: z.coerce.number().min(0.01).max(1).optional(),
  iou: z.coerce.number().min(0.05).max(1).optional(),
});

/** `labels` as a JSON array or comma-separated English names. */
export function parseLabelList(text: string): string[] {
  const t = text.trim();
  const list = t.startsWith('[') ? (JSON.parse(t) as unknown[]).map(String) : t.split(',');
  return list.map((s) => s.trim()).filter(Boolean);
}

/** `/api/v1/ai/*`: models (import, list, thresholds, evaluation, promotion), labels, alarms, flywheel samples and datasets. */
export function aiRoutes(deps: AppDeps, policies: () => HttpPolicies | undefined = () => undefined): AnyRoute[] {
  const tags = ['ai'];
  const ai = () => aiServicesOf(deps);
  const storage = new FileStorage(deps.config.dataDir);
  return [
    ...reviewRoutes(deps),
    ...detectWorkerRoutes(deps),
    defineRoute({
      method: 'post', path: '/ai/models', tags, permission: 'definition.write', module: 'aiPatrol', status: 201, response: modelDto,
      summary: 'Import a detector model (multipart: file, orgId, key, labels, name?, source?, licence?, confidence?, iou?; Idempotency-Key: a retried upload answers the same version); validated, versioned',
      handler: async ({ auth, ctx, idempotencyKey }) => {
        const upload = await receiveUpload(ctx, { tmpDir: storage.tmpDir, maxBytes: Math.max(deps.config.maxUploadBytes, 200 * 1024 * 1024) });
        try {
          const f = parseOrThrow(importFields, upload.fields, 'body');
          const bytes = fs.readFileSync(upload.tmpPath);
          const importIt = async () => ({
            status: 201,
            body: await ai().models.importModel(auth, {
              orgId: f.orgId, key: f.key, labels: parseLabelList(f.labels), name: f.name, source: f.source, licence: f.licence,
              provenance: { fileName: upload.declaredName, importedVia: 'api' },
              thresholds: { ...(f.confidence ? { confidence: f.confidence } : {}), ...(f.iou ? { iou: f.iou } : {}) },
              bytes,
            }) as unknown,
          });
          const p = policies();
          const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
          const outcome = idempotencyKey && p ? await p.idempotent(auth, idempotencyKey, 'post /ai/models', { ...f, sha256 }, importIt) : await importIt();
          if ('headers' in outcome && outcome.headers) ctx.set(outcome.headers as Record<string, string>);
          return outcome.body as z.infer<typeof modelDto>;
        } finally {
          fs.rmSync(upload.tmpPath, { force: true });
        }
      },
    }),
    defineRoute({
      method: 'get', path: '/ai/models', summary: 'Model versions in scope', tags, permission: 'definition.read', module: 'aiPatrol',
      query: z.object({ key: z.string().max(100).optional() }), response: z.object({ items: z.array(modelDto) }),
      handler: async ({ auth, query }) => ({ items: await ai().models.list(auth, query.key) }),
    }),
    defineRoute({
      method: 'get', path: '/ai/models/:id', summary: 'One model version', tags, permission: 'definition.read', module: 'aiPatrol', params: Id, response: modelDto,
      handler: async ({ auth, params }) => ai().models.get(auth, params.id),
    }),
    defineRoute({
      method: 'put', path: '/ai/models/:id/thresholds', summary: "Replace a model version's thresholds", tags, permission: 'definition.write', module: 'aiPatrol', params: Id,
      body: z.strictObject({ thresholds: thresholdsSchema, revision: z.number().int() }), response: modelDto,
      handler: async ({ auth, params, body }) => ai().models.setThresholds(auth, params.id, body.thresholds, body.revision),
    }),
    defineRoute({
      method: 'post', path: '/ai/models/:id/promote', summary: 'Promote a version (to all cameras, or first to some as a pilot)', tags, permission: 'definition.write', module: 'aiPatrol', params: Id,
      body: z.strictObject({ revision: z.number().int(), cameras: z.array(z.string().max(36)).max(500).optional() }), response: modelDto,
      handler: async ({ auth, params, body }) => ai().models.promote(auth, params.id, body.revision, body.cameras),
    }),
    defineRoute({
      method: 'post', path: '/ai/models/:id/evaluate', summary: 'Evaluate a version on the val split of a dataset version (mAP@0.5, mAP@0.5:0.95, per class, against the active version)', tags,
      permission: 'definition.write', module: 'flywheel', params: Id, body: z.strictObject({ datasetId: z.string().max(36) }),
      response: z.object({ map50: z.number(), map50_95: z.number(), perClass: z.array(z.record(z.string(), z.unknown())), current: z.record(z.string(), z.unknown()).nullable(), comparison: z.record(z.string(), z.unknown()).nullable() }),
      handler: async ({ auth, params, body }) => {
        const s = ai();
        const model = await s.models.get(auth, params.id, 'definition.write');
        const dataset = await s.samples.getVersion(auth, body.datasetId);
        const val = dataset.items.filter((i) => i.split === 'val');
        if (!val.length) throw new SafeFlowError('ai_dataset.no_val', 'The dataset version has no held-out (val) images', { status: 400 });
        const run = async (modelId: string, labels: string[]) => {
          s.pool.register(modelId, s.models.pathOf(modelId));
          const gt: EvalBox[] = [];
          const preds: EvalBox[] = [];
          for (const item of val) {
            const fileId = item.fileName.replace(/\.jpg$/, '');
            const [f] = await deps.db.query<{ storage_key: string }>('SELECT storage_key FROM file WHERE id = ?', [fileId]);
            if (!f) continue;
            for (const a of item.annotations) gt.push({ imageId: fileId, classId: a.classId, box: a.box });
            const r = await s.pool.detect(modelId, fs.readFileSync(storage.pathOf(f.storage_key)), { labels, confidence: 0.001 });
            for (const d of r.detections) {
              const classId = dataset.labels.indexOf(d.label ?? '');
              if (classId >= 0) preds.push({ imageId: fileId, classId, box: d.box, score: d.confidence });
            }
          }
          return evaluateMap(gt, preds);
        };
        const result = await run(model.id, model.labels);
        const active = (await s.models.list(auth, model.key)).find((m) => m.orgId === model.orgId && m.status === 'active' && m.id !== model.id); // the same org's lineage
        const current = active ? await run(active.id, active.labels) : null;
        const out = { map50: result.map50, map50_95: result.map50_95, perClass: result.perClass, current: current as Record<string, unknown> | null, comparison: current ? (compareEvaluations(result, current) as unknown as Record<string, unknown>) : null };
        await s.models.setEvaluation(auth, model.id, { datasetId: dataset.id, ...out });
        return out;
      },
    }),
    defineRoute({
      method: 'get', path: '/ai/labels', summary: 'Labels (platform seed and the tenant’s own), and the tenants whose label library the caller manages (at their root org)', tags,
      permission: 'definition.read', module: 'aiPatrol', response: z.object({ items: z.array(labelDto), manages: z.array(z.string()) }),
      handler: async ({ auth }) => ({ items: await ai().labels.list(auth), manages: labelTenantsOf(auth) }),
    }),
    defineRoute({
      method: 'post', path: '/ai/labels', summary: 'Add a tenant label', tags, permission: 'definition.write', module: 'aiPatrol', status: 201, idempotent: true,
      body: z.strictObject({ tenantId: z.string().max(36), nameZh: z.string().min(1).max(100), nameEn: z.string().min(1).max(100), colour: z.string().regex(/^#[0-9a-fA-F]{6}$/) }),
      response: labelDto,
      handler: async ({ auth, body }) => ai().labels.create(auth, body),
    }),
    defineRoute({
      method: 'put', path: '/ai/labels/:id', summary: 'Rename (Chinese name) or recolour a tenant label (revision-checked; platform labels are read-only)', tags, permission: 'definition.write', module: 'aiPatrol', params: Id,
      body: z.strictObject({ nameZh: z.string().trim().min(1).max(100), colour: z.string().regex(/^#[0-9a-fA-F]{6}$/), revision: z.number().int() }),
      response: labelDto,
      handler: async ({ auth, params, body }) => ai().labels.update(auth, params.id, body),
    }),
    defineRoute({
      method: 'delete', path: '/ai/labels/:id', summary: 'Remove a tenant label', tags, permission: 'definition.write', module: 'aiPatrol', params: Id,
      query: z.object({ revision: z.coerce.number().int() }),
      handler: async ({ auth, params, query }) => ai().labels.remove(auth, params.id, query.revision),
    }),
    defineRoute({
      method: 'get', path: '/ai/alarms', summary: 'AI alarms in scope, newest first', tags, permission: 'record.read', module: 'aiPatrol',
      query: z.object({ status: z.enum(['open', 'confirmed', 'false']).optional(), cameraId: z.string().max(36).optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }),
      response: z.object({ items: z.array(alarmDto) }),
      handler: async ({ auth, query }) => ({ items: await ai().alarms.list(auth, query) }),
    }),
    defineRoute({
      method: 'get', path: '/ai/alarms/:id', summary: 'One AI alarm', tags, permission: 'record.read', module: 'aiPatrol', params: Id, response: alarmDto,
      handler: async ({ auth, params }) => ai().alarms.get(auth, params.id),
    }),
    defineRoute({
      method: 'post', path: '/ai/datasets', summary: "Freeze an org subtree's reviewed samples into a new dataset version of that org (orgId; tenantId = the tenant's root org)", tags,
      permission: 'record.write', module: 'flywheel', status: 201,
      body: z
        .strictObject({ orgId: z.string().max(36).optional(), tenantId: z.string().max(36).optional(), key: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,99}$/), labels: z.array(z.string().min(1).max(100)).min(1).max(1000) })
        .refine((b) => b.orgId || b.tenantId, { message: 'orgId (or tenantId) is required', path: ['orgId'] }),
      response: z.object({ id: z.string(), version: z.number(), items: z.number() }),
      handler: async ({ auth, body }) => {
        const v = await ai().samples.createVersion(auth, (body.orgId ?? body.tenantId)!, body.key, body.labels);
        return { id: v.id, version: v.version, items: v.items.length };
      },
    }),
    defineRoute({
      method: 'get', path: '/ai/datasets/:id/export', summary: 'Export a dataset version: YOLO (label files + data.yaml), COCO or Label Studio', tags, permission: 'record.read', module: 'flywheel', params: Id,
      query: z.object({ format: z.enum(['yolo', 'coco', 'labelstudio']) }),
      response: z.record(z.string(), z.unknown()),
      handler: async ({ auth, params, query }) => {
        const d = await ai().samples.getVersion(auth, params.id);
        if (query.format === 'yolo') return exportYolo(d.items, d.labels) as unknown as Record<string, unknown>;
        if (query.format === 'coco') return exportCoco(d.items, d.labels) as unknown as Record<string, unknown>;
        return { tasks: exportLabelStudio(d.items, d.labels, `${d.key}@${d.version}`, (f) => `/api/v1/files/${f.replace(/\.jpg$/, '')}/content`) };
      },
    }),
  ];
}
