import type { ActivityBehavior } from './ActivityBehavior';
import { ExternalTaskBehavior } from './ExternalTaskBehavior';
import { throwSignal } from './throwSignal';

/** Intermediate throw events: a message throw with `camunda:type="external"` is an external task; a signal throw emits `signal.throw`; the rest pass. */
export const ThrowEventBehavior: ActivityBehavior = {
  execute(op, exec, activity) {
    if (activity.external) ExternalTaskBehavior.execute(op, exec, activity);
    else {
      if (activity.event?.kind === 'signal') throwSignal(op, exec, activity);
      op.leave(exec);
    }
  },
};
