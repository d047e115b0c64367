import type { ExecutionState } from '../ports';
import { removeBoundaryEvents } from './boundaryEvents';
import { endWaitArtefacts } from './endWaitArtefacts';
import { dataOf } from './ExecutionData';
import { closeEventSubProcesses } from './eventSubProcesses';
import type { Operation } from './Operation';

/**
 * Cancels an execution and everything below it: wait artefacts deleted,
 * boundary events removed, started activity instances ended with
 * `canceled: true` (tokens not started yet leave no history).
 */
export function cancelTree(op: Operation, exec: ExecutionState): void {
  for (const child of op.w.children(exec.id)) cancelTree(op, child);
  const data = dataOf(exec);
  const started = exec.activityId !== undefined && data.wait !== 'listener' && data.wait !== 'async-before' && !op.isPendingStart(exec.id);
  if (data.wait !== undefined) endWaitArtefacts(op, exec, 'deleted');
  // An async-after execution has already ended its activity instance and removed its boundary events.
  if (started && !op.isRoot(exec) && data.wait !== 'async-after') {
    const activity = op.activityOf(exec);
    if (activity.boundaryEvents.length > 0 && !data.miInstance) removeBoundaryEvents(op, exec, activity);
    if (activity.eventSubProcessStarts && (!activity.multiInstance || data.miInstance)) closeEventSubProcesses(op, exec, activity.eventSubProcessStarts);
    op.recordEnd(exec, true);
  }
  op.forgetPendingStart(exec.id);
  op.w.remove(exec.id);
}

/** A terminate end event: every other token of its scope is cancelled, then the scope completes. */
export function terminateScope(op: Operation, endToken: ExecutionState): void {
  const scope = op.parent(endToken);
  op.recordEnd(endToken, false);
  op.w.remove(endToken.id);
  for (const t of op.tokens(scope)) cancelTree(op, t);
  if (op.isRoot(scope)) endProcess(op, 'terminated', endToken.activityId);
  else op.completeScope(scope);
}

/**
 * Ends the instance: remaining tokens cancelled, no executions left,
 * `process.end` history and the `instance.end` effect (with `escapedError`
 * when a BPMN error terminates a called instance and escapes to its caller).
 */
export function endProcess(
  op: Operation,
  reason: 'completed' | 'terminated' | 'deleted',
  endActivityId?: string,
  escapedError?: { errorCode: string; errorMessage?: string },
): void {
  if (op.model.eventSubProcessStarts) closeEventSubProcesses(op, op.root(), op.model.eventSubProcessStarts);
  for (const t of op.w.children(op.w.rootId)) cancelTree(op, t);
  op.w.clear();
  op.w.ended = true;
  op.w.endReason = reason;
  op.clearAgenda();
  op.record({ type: 'process.end', time: op.nowIso, ...(endActivityId === undefined ? {} : { endActivityId }), reason });
  op.emit({ type: 'instance.end', reason, outputVariables: { ...op.w.variables }, ...(escapedError ? { escapedError } : {}) });
}
