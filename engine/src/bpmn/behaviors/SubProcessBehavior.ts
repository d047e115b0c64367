import type { ActivityBehavior } from './ActivityBehavior';

/** Embedded sub-process: its execution becomes a scope (own local variables) and a token starts at its none start event. */
export const SubProcessBehavior: ActivityBehavior = {
  execute(op, exec, activity) {
    exec.status = 'scope';
    op.arrive(exec, op.activity(activity.initialId!));
  },
};
