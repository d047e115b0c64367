import type { ModuleFactory } from '../app/RuntimeModule';
import type { HttpPolicies } from '../http/HttpPolicies';
import { downloadFileRoute } from './downloadFile.route';
import { FileStorage } from './FileStorage';
import { getFileRoute } from './getFile.route';
import { sweepTempUploads } from './sweepTempUploads';
import { uploadFileRoute } from './uploadFile.route';

/**
 * Files: uploaded photos and documents owned by an org, stored under
 * `$DATA_DIR/files`, type sniffed from the content, hashed, audited.
 */
export const filesModule: ModuleFactory = (deps) => {
  const storage = new FileStorage(deps.config.dataDir);
  let policies: HttpPolicies | undefined;
  return {
    name: 'files',
    routes: [uploadFileRoute(deps, storage, () => policies), getFileRoute(deps), downloadFileRoute(deps, storage)],
    // not a raw mount: only to receive the assembled policies (the upload applies Idempotency-Key itself)
    mount(_app, _root, assembled) {
      policies = assembled;
    },
    async start() {
      // uploads interrupted by a crash leave temporary files behind (wall clock: file mtimes are real time)
      const removed = sweepTempUploads(storage.tmpDir, Date.now());
      if (removed) deps.logger.info({ removed }, 'removed stale temporary uploads');
    },
  };
};
