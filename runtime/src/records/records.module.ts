import type { ModuleFactory } from '../app/RuntimeModule';
import type { Worker } from '../worker/createWorker';
import { hasEngine } from '../definitions/definitions.module';
import { inProcessWorkersEnabled } from '../definitions/inProcessWorkersEnabled';
import { aggregateRoutes } from './aggregates.route';
import { ledgerRoutes } from './ledgers.route';
import { recordRoutes } from './records.route';
import { startRecordsWorker } from './recordsWorker';

/** Records of collections, the ledgers (views) over them, and the in-process `records` worker. */
export const recordsModule: ModuleFactory = (deps) => {
  let worker: Worker | undefined;
  return {
    name: 'records',
    routes: [...recordRoutes(deps), ...aggregateRoutes(deps), ...ledgerRoutes(deps)],
    async start({ url }) {
      if (!inProcessWorkersEnabled() || !hasEngine(deps)) return;
      worker = await startRecordsWorker(deps, url);
    },
    async stop() {
      worker?.stop();
      worker = undefined;
    },
  };
};
