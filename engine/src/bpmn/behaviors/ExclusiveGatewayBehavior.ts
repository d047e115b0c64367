import { noOutgoingFlow } from '../executor/bpmnErrors';
import type { ActivityBehavior } from './ActivityBehavior';

/**
 * Exclusive gateway: the first outgoing flow (document order, default flow
 * excluded) whose condition is true or absent, else the default flow, else
 * `bpmn.no_outgoing_flow`. Joining needs nothing: every token passes.
 */
export const ExclusiveGatewayBehavior: ActivityBehavior = {
  execute(op, exec, activity) {
    for (const f of activity.outgoing) {
      if (f.id === activity.defaultFlowId) continue;
      if (!f.condition || op.condition(f.condition, exec, `condition of '${f.id}'`)) return op.leave(exec, [f]);
    }
    const fallback = activity.outgoing.find((f) => f.id === activity.defaultFlowId);
    if (!fallback) throw noOutgoingFlow(activity.id);
    op.leave(exec, [fallback]);
  },
};
