import { SafeFlowError } from '@safeflow/engine/errors';
import type { RuntimeApi } from '../api/RuntimeApi';
import type { CameraService } from '../PluginServices';
import type { Camera, CameraHealthReport, CameraPictureState } from './Camera';

/**
 * The camera service over the runtime's worker API (`/api/v1/worker/cameras/...`), for task
 * types that run out of process (`safeflow worker --plugin`) without a SafeFlow database:
 * the worker's credentials decide which cameras it reaches (engine.operate over the camera's
 * org), exactly as a database-backed service's tenant check does in the runtime.
 */
export function apiCameraService(api: RuntimeApi): CameraService {
  const at = (id: string, rest = '') => `/worker/cameras/${encodeURIComponent(id)}${rest}`;
  return {
    async get(id, tenantId) {
      const camera = await api.request<Camera>('GET', at(id));
      if (tenantId !== null && camera.tenantId !== tenantId) throw new SafeFlowError('camera.not_found', `camera '${id}' not found`, { status: 404 });
      return camera;
    },
    async updateBaseline(id, baseline) {
      await api.request('PUT', at(id, '/baseline'), { baseline });
    },
    async recordHealth(id, report: CameraHealthReport) {
      await api.request('POST', at(id, '/health'), report);
    },
    async lastPicture(id) {
      return (await api.request<{ picture: CameraPictureState | null }>('GET', at(id, '/picture'))).picture;
    },
    async rememberPicture(id, state) {
      await api.request('PUT', at(id, '/picture'), state);
    },
  };
}
