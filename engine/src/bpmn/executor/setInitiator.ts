import type { Operation } from './Operation';

/**
 * `camunda:initiator` (Camunda): when a process-level start event declares
 * it, a new instance gets that process variable set to the authenticated
 * user who starts it — Null when nobody is authenticated (a timer, a signal)
 * — before the start variables (which may override it).
 */
export function setInitiator(op: Operation, initiator: string | undefined): void {
  let name: string | undefined;
  for (const id of op.model.startEventIds) name = op.model.activities.get(id)?.initiator ?? name;
  if (name === undefined) return;
  op.setLocal(
    op.root(),
    name,
    initiator === undefined ? { type: 'Null', value: null } : { type: 'String', value: initiator },
  );
}
