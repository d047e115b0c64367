import { z } from 'zod';
import type { AppDeps } from '../app/AppDeps';
import { FileStorage } from '../files/FileStorage';
import { contentDisposition } from '../files/sanitizeFileName';
import { defineRoute, type AnyRoute } from '../http/defineRoute';
import { DataScope } from '../tenancy/DataScope';
import { alarmDto } from './AlarmStore';
import { aiServicesOf } from './AiServices';
import { ARCHIVE_FORMATS, datasetArchive } from './datasetArchive';
import { reviewAlarm } from './reviewAlarm';
import { datasetVersionDto, sampleDto } from './SampleStore';

const Id = z.object({ id: z.string().max(36) });
const box = z.strictObject({ x1: z.number().finite(), y1: z.number().finite(), x2: z.number().finite(), y2: z.number().finite() });

/** The review screens' endpoints: alarm review, flywheel samples (confirm / fix boxes) and dataset versions. */
export function reviewRoutes(deps: AppDeps): AnyRoute[] {
  const tags = ['ai'];
  const ai = () => aiServicesOf(deps);
  return [
    defineRoute({
      method: 'post', path: '/ai/alarms/:id/review', summary: "Review an open alarm: completes its process's review task (confirmed → the process starts safety-hazard; confirmed with dispatch → safety-dispatch)", tags,
      permission: 'task.work', module: 'aiPatrol', params: Id, idempotent: true,
      body: z.strictObject({ confirmed: z.boolean(), dispatch: z.boolean().optional(), revision: z.number().int() }), response: alarmDto,
      handler: async ({ auth, params, body }) => reviewAlarm(deps, auth, params.id, body.confirmed, body.revision, body.dispatch ?? false),
    }),
    defineRoute({
      method: 'post', path: '/ai/alarms/:id/result', summary: "Record a patrol's review result (the ai-alarm-review step, for workers out of process; caller needs engine.operate over the alarm's org)", tags,
      permission: 'engine.operate', params: Id,
      body: z.strictObject({ confirmed: z.boolean(), reviewer: z.string().max(200).nullable().optional() }), response: z.object({ status: z.string() }),
      handler: async ({ auth, params, body }) => {
        const [row] = await deps.db.query<{ org_path: string }>('SELECT org_path FROM ai_alarm WHERE id = ?', [params.id]);
        DataScope.of(auth, 'engine.operate').assertVisible(row?.org_path, 'ai_alarm', params.id);
        return ai().alarms.review(params.id, body.confirmed, body.reviewer ?? null, deps.clock.now().getTime());
      },
    }),
    defineRoute({
      method: 'get', path: '/ai/samples', summary: 'Flywheel samples in scope (pre-annotated by the model), optionally those of one dataset version', tags, permission: 'record.read', module: 'flywheel',
      query: z.object({ datasetId: z.string().max(36).optional(), limit: z.coerce.number().int().min(1).max(1000).default(200) }),
      response: z.object({ items: z.array(sampleDto) }),
      handler: async ({ auth, query }) => ({ items: await ai().samples.list(auth, query) }),
    }),
    defineRoute({
      method: 'put', path: '/ai/samples/:id/annotations', summary: "Confirm or fix a sample's boxes (empty = negative), revision-checked and audited", tags, permission: 'record.write', module: 'flywheel', params: Id,
      body: z.strictObject({ annotations: z.array(z.strictObject({ label: z.string().min(1).max(100), box })).max(500), revision: z.number().int() }),
      response: sampleDto,
      handler: async ({ auth, params, body }) => ai().samples.annotate(auth, params.id, body.annotations, body.revision),
    }),
    defineRoute({
      method: 'get', path: '/ai/datasets', summary: "Dataset versions of the caller's tenants, newest first", tags, permission: 'record.read', module: 'flywheel',
      query: z.object({ key: z.string().max(100).optional() }), response: z.object({ items: z.array(datasetVersionDto) }),
      handler: async ({ auth, query }) => ({ items: await ai().samples.listVersions(auth, query.key) }),
    }),
    defineRoute({
      method: 'get', path: '/ai/datasets/:id/archive', summary: 'A dataset version as one zip: images and annotations (YOLO, COCO or Label Studio) and manifest.json', tags, permission: 'record.read', module: 'flywheel', params: Id,
      query: z.object({ format: z.enum(ARCHIVE_FORMATS).default('yolo') }),
      handler: async ({ auth, params, query, ctx }) => {
        const d = await ai().samples.getVersion(auth, params.id);
        const zip = await datasetArchive(deps, new FileStorage(deps.config.dataDir), d, query.format);
        ctx.set('Content-Type', 'application/zip');
        ctx.set('Content-Disposition', contentDisposition('attachment', `${d.key}-v${d.version}-${query.format}.zip`));
        ctx.set('X-Content-Type-Options', 'nosniff');
        ctx.body = zip;
        return undefined;
      },
    }),
  ];
}
