import { fileURLToPath } from 'node:url';
import type { AppDeps } from '../../app/AppDeps';
import { PackInstaller } from '../../packs/PackInstaller';
import { readPackDir } from '../../packs/validatePack';

/** The hazard and command-dispatch parts of the real safety pack: `safety-hazard` and `safety-dispatch` with their forms, collections and rules. */
const PARTS = /^(manifest\.json|forms\/safety\.(hazard|hazardMajor|dispatch)\.[a-zA-Z]+\.json|collections\/safety_(hazard|emergency_event|dispatch_order|emergency_team|emergency_supply)\.json|views\/safety_(hazard_ledger|emergency_events|dispatch_orders)\.json|rules\/safety\.(majorHazard\.gongmao|dispatch\.grade)\.json|processes\/safety-(hazard|hazard-major|dispatch)\.bpmn)$/;

/** Installs those parts of the real `definitions/safety` pack into a tenant with the real PackInstaller. */
export async function installDispatchPack(deps: AppDeps, tenantId: string): Promise<void> {
  const dir = fileURLToPath(new URL('../../../../definitions/safety', import.meta.url));
  const files = Object.fromEntries(Object.entries(readPackDir(dir)).filter(([name]) => PARTS.test(name)));
  await new PackInstaller(deps).install(files, { tenantId, requester: { actorId: 'system', actorName: 'system' } });
}
