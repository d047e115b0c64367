import { fileURLToPath } from 'node:url';
import type { AppDeps } from '../../app/AppDeps';
import { PackInstaller } from '../../packs/PackInstaller';
import { readPackDir } from '../../packs/validatePack';

/** The hazard part of the real safety pack (forms, collection, ledger, processes, the ruleset `safety-hazard` suggests its grade with) and its manifest. */
const HAZARD_FILES = /^(manifest\.json|forms\/safety\.(hazard|hazardMajor)\.[^/]+\.json|collections\/safety_hazard\.json|views\/safety_hazard_ledger\.json|rules\/safety\.majorHazard\.gongmao\.json|processes\/safety-(hazard|hazard-major)\.bpmn)$/;

/** Installs the hazard part of the real `definitions/safety` pack into a tenant with the real PackInstaller (its `safety-hazard` process and `safety_hazard` collection). */
export async function installHazardPack(deps: AppDeps, tenantId: string): Promise<void> {
  const dir = fileURLToPath(new URL('../../../../definitions/safety', import.meta.url));
  const files = Object.fromEntries(Object.entries(readPackDir(dir)).filter(([name]) => HAZARD_FILES.test(name)));
  await new PackInstaller(deps).install(files, { tenantId, requester: { actorId: 'system', actorName: 'system' } });
}
