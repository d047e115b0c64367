import type { ActivityBehavior } from './ActivityBehavior';

/**
 * Parallel gateway: a token waits (`joined`) until as many tokens of the same
 * scope have arrived as the gateway has incoming flows; those are merged and
 * one token leaves along every outgoing flow (conditions ignored).
 */
export const ParallelGatewayBehavior: ActivityBehavior = {
  execute(op, exec, activity) {
    const needed = activity.incoming.length;
    if (needed > 1) {
      exec.status = 'joined';
      const joined = op.w.children(exec.parentId!).filter((e) => e.status === 'joined' && e.activityId === activity.id);
      if (joined.length < needed) return;
      const merged = [exec, ...joined.filter((e) => e !== exec).slice(0, needed - 1)];
      for (const e of merged) {
        if (e === exec) continue;
        op.recordEnd(e, false);
        op.w.remove(e.id);
      }
      exec.status = 'active';
    }
    op.leave(exec, activity.outgoing);
  },
};
