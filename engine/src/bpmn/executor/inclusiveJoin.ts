import type { ActivityModel, SequenceFlowModel } from '../model/ProcessModel';
import type { ExecutionState } from '../ports';
import type { Operation } from './Operation';

/**
 * Camunda's inclusive-join rule, applied whenever an operation reaches
 * quiescence: the tokens `joined` at an inclusive gateway of a scope are merged
 * once no other token of that scope stands on a flow node from which the
 * gateway can still be reached (`reachableFrom`, precomputed at parse time;
 * a boundary event's path counts for its host). Returns true when a join fired.
 */
export function activateInclusiveJoins(op: Operation): boolean {
  let fired = false;
  const groups = new Map<string, ExecutionState[]>();
  for (const e of op.w.all()) {
    if (e.status !== 'joined' || e.activityId === undefined) continue;
    if (op.model.activities.get(e.activityId)?.kind !== 'inclusiveGateway') continue;
    const key = `${e.parentId}\u0000${e.activityId}`;
    const group = groups.get(key);
    if (group) group.push(e);
    else groups.set(key, [e]);
  }
  for (const group of groups.values()) {
    const gateway = op.activityOf(group[0]);
    const scope = op.parent(group[0]);
    const blocked = op
      .tokens(scope)
      .some((t) => !(t.status === 'joined' && t.activityId === gateway.id) && t.activityId !== undefined && gateway.reachableFrom?.has(t.activityId));
    if (blocked) continue;
    joinInclusive(op, group, gateway);
    fired = true;
  }
  return fired;
}

/** Merges the tokens joined at an inclusive gateway into the last one, which then splits. */
export function joinInclusive(op: Operation, group: ExecutionState[], gateway: ActivityModel): void {
  const keep = group[group.length - 1];
  for (const e of group) {
    if (e === keep) continue;
    op.recordEnd(e, false);
    op.w.remove(e.id);
  }
  keep.status = 'active';
  op.schedule(() => op.leave(keep, selectInclusive(op, keep, gateway)));
}

/** Inclusive split: every flow whose condition holds or that has none, else the default flow, else `bpmn.no_outgoing_flow`. */
export function selectInclusive(op: Operation, exec: ExecutionState, gateway: ActivityModel): readonly SequenceFlowModel[] {
  return op.selectOutgoing(exec, gateway);
}
