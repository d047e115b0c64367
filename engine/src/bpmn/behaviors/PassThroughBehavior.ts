import type { ActivityBehavior } from './ActivityBehavior';

/** Start events, plain/manual tasks, none throw events, boundary events once fired: nothing to wait for. */
export const PassThroughBehavior: ActivityBehavior = {
  execute(op, exec) {
    op.leave(exec);
  },
};
