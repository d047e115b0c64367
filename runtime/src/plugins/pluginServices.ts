import { ffmpegFrameGrabber, type PluginServices } from '@safeflow/plugin-kit';
import type { AppDeps } from '../app/AppDeps';
import { CameraStore } from '../cameras/CameraStore';

/** The services the runtime gives plugin handlers (over this node's database). */
export function pluginServices(deps: Pick<AppDeps, 'db' | 'clock' | 'logger'>, plugin: string): PluginServices {
  return {
    cameras: new CameraStore(deps),
    frames: ffmpegFrameGrabber,
    clock: deps.clock,
    logger: deps.logger.child({ plugin }),
  };
}
