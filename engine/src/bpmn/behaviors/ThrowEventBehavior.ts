import type { ActivityBehavior } from './ActivityBehavior';
import { ExternalTaskBehavior } from './ExternalTaskBehavior';

/** Intermediate throw events: a message throw with `camunda:type="external"` is an external task; the rest pass. */
export const ThrowEventBehavior: ActivityBehavior = {
  execute(op, exec, activity) {
    if (activity.external) ExternalTaskBehavior.execute(op, exec, activity);
    else op.leave(exec);
  },
};
