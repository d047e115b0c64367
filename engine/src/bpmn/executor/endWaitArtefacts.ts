import type { ExecutionState } from '../ports';
import { dataOf } from './ExecutionData';
import type { Operation } from './Operation';

/**
 * Emits the delete effect of whatever a waiting execution owns (external
 * task, user task, job, subscription, child instance). `completed` is used
 * when the artefact was consumed by the call itself; a completed call
 * activity emits nothing (its child has already ended).
 */
export function endWaitArtefacts(op: Operation, exec: ExecutionState, reason: 'completed' | 'deleted'): void {
  const wait = dataOf(exec).wait;
  switch (wait) {
    case 'externalTask':
      op.emit({ type: 'externalTask.delete', executionId: exec.id });
      break;
    case 'userTask':
      op.emit({ type: 'userTask.delete', executionId: exec.id, reason });
      break;
    case 'timer':
    case 'async-before':
    case 'async-after':
      op.emit({ type: 'job.delete', executionId: exec.id, activityId: exec.activityId });
      break;
    case 'message':
    case 'signal':
    case 'listener':
      op.emit({ type: 'subscription.delete', executionId: exec.id });
      break;
    case 'eventGateway':
      for (const f of op.activityOf(exec).outgoing) {
        if (op.activity(f.targetId).event?.kind === 'timer') op.emit({ type: 'job.delete', executionId: exec.id, activityId: f.targetId });
      }
      break;
    case 'callActivity':
      if (reason !== 'completed') op.emit({ type: 'callActivity.cancel', executionId: exec.id });
      break;
    default:
      break;
  }
}
