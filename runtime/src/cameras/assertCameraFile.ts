import fs from 'node:fs';
import path from 'node:path';
import { SafeFlowError } from '@safeflow/engine/errors';
import type { CameraSource } from '@safeflow/plugin-kit';

/** The folders a file camera may read from by default: `$DATA_DIR/camera-files` and the demo's `$DATA_DIR/demo-cameras`. */
export function defaultCameraFileDirs(dataDir: string): string[] {
  return [path.join(dataDir, 'camera-files'), path.join(dataDir, 'demo-cameras')];
}

const real = (p: string) => {
  try {
    return fs.realpathSync(p);
  } catch {
    return path.resolve(p);
  }
};

/**
 * A file source must be an absolute path inside one of `dirs` (`CAMERA_FILE_DIRS`), after
 * resolving `..` and symbolic links: ffmpeg reads whatever it is given, and its frame is shown
 * to the camera's users, so a path elsewhere (another tenant's uploads under `$DATA_DIR/files`,
 * the server's own files) would leak it. RTSP sources pass.
 * @throws SafeFlowError `camera.file_not_allowed` (400, details: the allowed folders)
 */
export function assertCameraFile(source: CameraSource, dirs: readonly string[]): void {
  if (source.kind !== 'file') return;
  const inside = path.isAbsolute(source.path) && dirs.some((d) => {
    const rel = path.relative(real(d), real(source.path));
    return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
  });
  if (!inside) {
    throw new SafeFlowError('camera.file_not_allowed', 'A camera file must lie in one of the folders set for camera files (CAMERA_FILE_DIRS)', { status: 400, details: { allowed: [...dirs] } });
  }
}
