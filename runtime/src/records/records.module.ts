import type { ModuleFactory } from '../app/RuntimeModule';
import { aggregateRoutes } from './aggregates.route';
import { ledgerPreviewRoutes } from './ledgerPreview.route';
import { ledgerRoutes } from './ledgers.route';
import { recordRoutes } from './records.route';

/** Records of collections, aggregates and the ledgers (views) over them. The `records` task type is registered by the built-in plugin (runtime/src/plugins). */
export const recordsModule: ModuleFactory = (deps) => ({
  name: 'records',
  routes: [...recordRoutes(deps), ...aggregateRoutes(deps), ...ledgerRoutes(deps), ...ledgerPreviewRoutes(deps)],
});
