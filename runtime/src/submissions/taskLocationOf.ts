import type { TaskLocation } from '@safeflow/engine/forms';
import type { GatewayVariables } from '../engineGateway/EngineGateway';

/**
 * The check-in target of a task from its process variables: `checkInLocation`
 * `{ lat, lng, radiusM, qrToken? }` (set by the process or its starter, e.g.
 * a schedule's `action.variables`). Undefined when absent or malformed — a
 * CheckIn field then fails with `checkin.no_task_location`.
 */
export function taskLocationOf(vars: GatewayVariables): TaskLocation | undefined {
  const v = vars.checkInLocation as Partial<TaskLocation> | undefined;
  if (!v || typeof v !== 'object') return undefined;
  if (typeof v.lat !== 'number' || typeof v.lng !== 'number' || typeof v.radiusM !== 'number') return undefined;
  return { lat: v.lat, lng: v.lng, radiusM: v.radiusM, ...(typeof v.qrToken === 'string' ? { qrToken: v.qrToken } : {}) };
}
