import type { AppDeps } from '../app/AppDeps';
import type { ModuleFactory } from '../app/RuntimeModule';
import { exportRoutes } from './exports.route';
import { ExportRunner } from './ExportRunner';

const runners = new WeakMap<AppDeps, ExportRunner>();

/** The export runner of a runtime (by its deps object), e.g. for tests to drain it by hand. */
export function exportRunnerOf(deps: AppDeps): ExportRunner {
  const r = runners.get(deps);
  if (!r) throw new Error('exports module is not installed in this runtime');
  return r;
}

/**
 * Exports: the enterprise dossier (一企一册) and the hazard statistics as
 * PDF, ledgers as xlsx, made in the background by every node's
 * {@link ExportRunner} (claims are conditional updates; a job of a node that
 * died is claimed again when its lease runs out) and kept in the files store.
 */
export const exportsModule: ModuleFactory = (deps) => {
  const runner = new ExportRunner(deps);
  runners.set(deps, runner);
  let started = false;
  return {
    name: 'exports',
    routes: exportRoutes(deps, () => (started ? runner : undefined)),
    async start() {
      started = true;
      runner.start();
    },
    async stop() {
      await runner.stop();
    },
  };
};
