import type { Camera, CameraHealthReport, CameraPictureState } from './cameras/Camera';
import type { RuntimeApi } from './api/RuntimeApi';
import type { FrameGrabber } from './frames/FrameGrabber';

/** A structured logger (pino-compatible subset). */
export interface PluginLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/**
 * The cameras of the platform as a plugin sees them (the registry lives in
 * the runtime: `/api/v1/cameras`). Every call is scoped to a tenant: a
 * camera of another tenant is "not found".
 */
export interface CameraService {
  /**
   * The camera `id` in `tenantId` (null = any tenant, for platform workers).
   * @throws SafeFlowError `camera.not_found` (404).
   */
  get(id: string, tenantId: string | null): Promise<Camera>;
  /** Stores the learned diagnostics baseline of a camera (numbers per metric), replacing the previous one. */
  updateBaseline(id: string, baseline: Record<string, number>): Promise<void>;
  /** Records one health check of a camera (the daily health report reads them). */
  recordHealth(id: string, report: CameraHealthReport): Promise<void>;
  /** The picture the camera's last check saw (null before the first), for checks across checks (frozen picture). */
  lastPicture(id: string): Promise<CameraPictureState | null>;
  /** Stores what this check saw, replacing the previous state. */
  rememberPicture(id: string, state: CameraPictureState): Promise<void>;
}

/**
 * What the host gives every task-type handler. In-process, the runtime builds
 * it over its database; `safeflow worker --plugin` builds the same over the
 * database named by its configuration. Plugins never import the runtime.
 */
export interface PluginServices {
  cameras: CameraService;
  frames: FrameGrabber;
  clock: { now(): Date };
  logger: PluginLogger;
  /**
   * The runtime's REST API with the worker's credentials: given by `safeflow worker --plugin`
   * (out of process); absent in the runtime's own process, where plugins get host ports instead.
   */
  api?: RuntimeApi;
}
