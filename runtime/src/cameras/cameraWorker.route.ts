import { z } from 'zod';
import type { Camera } from '@safeflow/plugin-kit';
import type { AppDeps } from '../app/AppDeps';
import { defineRoute, type AnyRoute } from '../http/defineRoute';
import type { AuthContext } from '../http/AuthContext';
import { DataScope } from '../tenancy/DataScope';
import { CameraStore } from './CameraStore';

const IdParams = z.object({ id: z.string().max(36) });
const picture = z.strictObject({ signature: z.string().min(1).max(200), since: z.number().int().nonnegative(), at: z.number().int().nonnegative() });
const cameraOut = z.object({
  id: z.string(), tenantId: z.string(), orgId: z.string(), orgPath: z.string(), name: z.string(),
  source: z.record(z.string(), z.unknown()),
  location: z.object({ x: z.number(), y: z.number() }).nullable(),
  zone: z.object({ name: z.string(), risk: z.string() }).nullable(),
  diagnostics: z.record(z.string(), z.unknown()),
  enabled: z.boolean(),
  revision: z.number(),
});

/**
 * `/api/v1/worker/cameras/:id…`: the kit's CameraService for task types that run out of
 * process (`safeflow worker --plugin`, `apiCameraService`): the full camera with its real
 * source (the worker grabs the frames), the diagnostics baseline, health checks and the last
 * picture seen. The caller needs `engine.operate` over the camera's org (a worker's service
 * user); any other camera is 404.
 */
export function cameraWorkerRoutes(deps: AppDeps): AnyRoute[] {
  const store = new CameraStore(deps);
  const tags = ['worker'];
  const visible = async (auth: AuthContext, id: string): Promise<Camera> => {
    const camera = await store.get(id, null).catch(() => undefined);
    DataScope.of(auth, 'engine.operate').assertVisible(camera?.orgPath, 'camera', id);
    return camera!;
  };
  return [
    defineRoute({
      method: 'get', path: '/worker/cameras/:id', summary: 'A camera with its real source, for a worker that grabs its frames (engine.operate over its org)', tags,
      permission: 'engine.operate', params: IdParams, response: cameraOut,
      handler: async ({ auth, params }) => (await visible(auth, params.id)) as unknown as z.infer<typeof cameraOut>,
    }),
    defineRoute({
      method: 'put', path: '/worker/cameras/:id/baseline', summary: "Replace a camera's learned diagnostics baseline (audited camera.baseline)", tags,
      permission: 'engine.operate', params: IdParams, body: z.strictObject({ baseline: z.record(z.string(), z.number().finite()) }),
      handler: async ({ auth, params, body }) => {
        await visible(auth, params.id);
        await store.updateBaseline(params.id, body.baseline);
      },
    }),
    defineRoute({
      method: 'post', path: '/worker/cameras/:id/health', summary: 'Record one health check of a camera (the daily health report reads them)', tags,
      permission: 'engine.operate', params: IdParams,
      body: z.strictObject({
        status: z.enum(['ok', 'fault', 'offline']), faults: z.array(z.string().max(64)).max(50),
        metrics: z.record(z.string(), z.number()), processInstanceId: z.string().max(64).optional(),
      }),
      handler: async ({ auth, params, body }) => {
        await visible(auth, params.id);
        await store.recordHealth(params.id, body);
      },
    }),
    defineRoute({
      method: 'get', path: '/worker/cameras/:id/picture', summary: "What the camera's last check saw (null before the first), for checks across checks", tags,
      permission: 'engine.operate', params: IdParams, response: z.object({ picture: picture.nullable() }),
      handler: async ({ auth, params }) => {
        await visible(auth, params.id);
        return { picture: await store.lastPicture(params.id) };
      },
    }),
    defineRoute({
      method: 'put', path: '/worker/cameras/:id/picture', summary: 'Store what this check saw, replacing the previous state', tags,
      permission: 'engine.operate', params: IdParams, body: picture,
      handler: async ({ auth, params, body }) => {
        await visible(auth, params.id);
        await store.rememberPicture(params.id, body);
      },
    }),
  ];
}
