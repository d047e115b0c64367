/**
 * The ai-detect plugin's host side, built once per runtime: the detector worker pool,
 * the model registry, labels, alarms, samples, files, and the ports the plugin's task
 * types run on. Pool size: `AI_WORKERS` threads (default 2 on 2 cores or more) ×
 * `AI_INTRA_OP_THREADS` onnxruntime threads each (default cores / workers), sharp
 * single-threaded in each.
 */
import { SafeFlowError } from '@safeflow/engine/errors';
import { DetectorPool, detectorPoolOptionsFromEnv, type AiDetectPorts } from '@safeflow/plugin-ai-detect';
import type { AppDeps } from '../app/AppDeps';
import { taskOrg } from '../engineGateway/startInProcessWorker';
import { AlarmStore } from './AlarmStore';
import { FileAccess } from './FileAccess';
import { LabelStore } from './LabelStore';
import { ModelRegistry } from './ModelRegistry';
import { SampleStore } from './SampleStore';
import { orgIdOfPath } from '../orgs/orgIdOfPath';

/** Everything the ai module uses. */
export interface AiServices {
  pool: DetectorPool;
  models: ModelRegistry;
  labels: LabelStore;
  alarms: AlarmStore;
  samples: SampleStore;
  files: FileAccess;
  ports: AiDetectPorts;
}

const cache = new WeakMap<AppDeps, AiServices>();

/** The ai services of a runtime (one pool per runtime). */
export function aiServicesOf(deps: AppDeps): AiServices {
  const have = cache.get(deps);
  if (have) return have;
  const pool = new DetectorPool(detectorPoolOptionsFromEnv());
  const models = new ModelRegistry(deps, pool);
  const alarms = new AlarmStore(deps);
  const samples = new SampleStore(deps);
  const files = new FileAccess(deps);
  const ports: AiDetectPorts = {
    pool,
    async orgOf(task) {
      const { tenantId, orgPath } = await taskOrg(deps, task);
      if (!tenantId || !orgPath) throw new SafeFlowError('detect.no_org', 'The process instance belongs to no org', { status: 400 });
      return { tenantId, orgPath, orgId: orgIdOfPath(orgPath)! };
    },
    model: (org, key, cameraId) => models.resolve(org, key, cameraId),
    files: { read: (org, id) => files.read(org, id), save: (org, name, bytes, by) => files.save(org, name, bytes, by) },
    alarms,
    samples,
  };
  const s: AiServices = { pool, models, labels: new LabelStore(deps), alarms, samples, files, ports };
  cache.set(deps, s);
  return s;
}
