import { terminateScope } from '../executor/endings';
import { propagateBpmnError } from '../executor/propagateBpmnError';
import type { ActivityBehavior } from './ActivityBehavior';
import { ExternalTaskBehavior } from './ExternalTaskBehavior';
import { throwSignal } from './throwSignal';

/**
 * End events. None: the token is consumed (its scope completes when empty).
 * Terminate: every other token of the scope is cancelled and the scope
 * completes (at process level the instance ends as `terminated`). Error: the
 * BPMN error is thrown to the enclosing scopes' error event sub-processes
 * and boundary events, then to the callers of a called instance; if none
 * catches it the token just ends (Camunda). Message with
 * `camunda:type="external"`: an external task, then a none end. Signal: the
 * signal is thrown (`signal.throw`), then a none end.
 */
export const EndEventBehavior: ActivityBehavior = {
  execute(op, exec, activity) {
    const event = activity.event;
    if (activity.external) return ExternalTaskBehavior.execute(op, exec, activity);
    if (event?.kind === 'terminate') return terminateScope(op, exec);
    if (event?.kind === 'error') {
      const scope = op.parent(exec);
      op.recordEnd(exec, false);
      op.w.remove(exec.id);
      op.noteEnd(activity.id);
      const caught = propagateBpmnError(op, scope, event.errorCode ?? '', event.errorMessage, activity.id);
      if (!caught) op.tokenEnded(scope);
      return;
    }
    if (event?.kind === 'signal') throwSignal(op, exec, activity);
    op.leave(exec);
  },
};
