import type { Client } from 'camunda-external-task-client-js';
import type { ModuleFactory } from '../app/RuntimeModule';
import { hasEngine } from '../definitions/definitions.module';
import { inProcessWorkersEnabled } from '../definitions/inProcessWorkersEnabled';
import { ledgerRoutes } from './ledgers.route';
import { recordRoutes } from './records.route';
import { startRecordsWorker } from './recordsWorker';

/** Records of collections, the ledgers (views) over them, and the in-process `records` worker. */
export const recordsModule: ModuleFactory = (deps) => {
  let client: Client | undefined;
  return {
    name: 'records',
    routes: [...recordRoutes(deps), ...ledgerRoutes(deps)],
    async start({ url }) {
      if (!inProcessWorkersEnabled() || !hasEngine(deps)) return;
      client = await startRecordsWorker(deps, url);
    },
    async stop() {
      client?.stop();
      client = undefined;
    },
  };
};
