import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the built web app is: `WEB_DIST_DIR` if set, else the repository's
 * `designer/dist` (built by `npm start` through `designer/scripts/ensureBuilt.mjs`).
 */
export function webDistDir(env: Record<string, string | undefined> = process.env): string {
  if (env.WEB_DIST_DIR) return path.resolve(env.WEB_DIST_DIR);
  return fileURLToPath(new URL('../../../designer/dist', import.meta.url));
}
