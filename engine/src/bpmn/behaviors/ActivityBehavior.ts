import type { ActivityModel } from '../model/ProcessModel';
import type { ExecutionState } from '../ports';
import type { Operation } from '../executor/Operation';

/**
 * The behaviour of one element kind. `execute` runs when a token has entered
 * the activity (history, input mappings and boundary events are done); it
 * either calls `op.leave(exec, flows?)` at once or leaves `exec` in a wait
 * state that a later operation resumes.
 */
export interface ActivityBehavior {
  execute(op: Operation, exec: ExecutionState, activity: ActivityModel): void;
}
