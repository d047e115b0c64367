import { joinInclusive, selectInclusive } from '../executor/inclusiveJoin';
import type { ActivityBehavior } from './ActivityBehavior';

/**
 * Inclusive gateway. Split: every outgoing flow whose condition holds (or has
 * none), else the default flow, else `bpmn.no_outgoing_flow`. Join (more than
 * one incoming flow): the token waits (`joined`); the join fires at once when
 * a token has arrived on every incoming flow, otherwise when no other token of
 * the scope can still reach the gateway (checked by the operation each time
 * it reaches quiescence, so branches that end elsewhere release the join).
 */
export const InclusiveGatewayBehavior: ActivityBehavior = {
  execute(op, exec, activity) {
    if (activity.incoming.length > 1) {
      exec.status = 'joined';
      const joined = op.w.children(exec.parentId!).filter((e) => e.status === 'joined' && e.activityId === activity.id);
      if (joined.length >= activity.incoming.length) joinInclusive(op, [...joined.filter((e) => e !== exec), exec], activity);
      return;
    }
    op.leave(exec, selectInclusive(op, exec, activity));
  },
};
