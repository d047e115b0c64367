import { openEventSubProcesses } from '../executor/eventSubProcesses';
import type { ActivityBehavior } from './ActivityBehavior';

/**
 * Embedded sub-process: its execution becomes a scope (own local variables),
 * the triggers of its event sub-processes open, and a token starts at its
 * none start event (an event sub-process: at its one start event, whose
 * trigger already happened).
 */
export const SubProcessBehavior: ActivityBehavior = {
  execute(op, exec, activity) {
    exec.status = 'scope';
    if (activity.eventSubProcessStarts) openEventSubProcesses(op, exec, activity.eventSubProcessStarts);
    op.arrive(exec, op.activity(activity.initialId!));
  },
};
