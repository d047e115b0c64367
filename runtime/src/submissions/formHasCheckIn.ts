import type { AppDeps } from '../app/AppDeps';
import { DefinitionStore } from '../definitions/DefinitionStore';

/** Does the published form `key` (nearest to `orgPath`) have a CheckIn field? (Only then are the task's variables read for its location.) */
export async function formHasCheckIn(deps: AppDeps, key: string, orgPath: string): Promise<boolean> {
  try {
    const { version } = await DefinitionStore.resolvePublished(deps.db, 'form', key, orgPath);
    return JSON.stringify(version.content).includes('"CheckIn"');
  } catch {
    return false;
  }
}
