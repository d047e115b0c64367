import type { ActivityModel } from '../model/ProcessModel';
import type { ExecutionState, TypedValue } from '../ports';
import { expressionFailed } from '../executor/bpmnErrors';
import { createBoundaryEvents, removeBoundaryEvents } from '../executor/boundaryEvents';
import { dataOf } from '../executor/ExecutionData';
import { cancelTree } from '../executor/endings';
import type { Operation } from '../executor/Operation';
import { fromTypedValue, toTypedValue } from '../variables';

const int = (value: number): TypedValue => ({ type: 'Integer', value });
const counter = (body: ExecutionState, name: string): number => Number(body.variables?.[name]?.value ?? 0);

function instancesOf(op: Operation, body: ExecutionState, activity: ActivityModel): { n: number; collection?: unknown[] } {
  const mi = activity.multiInstance!;
  if (mi.collection) {
    let value: unknown;
    if (mi.collection.dynamic) value = op.evaluateValue(mi.collection, body, 'camunda:collection');
    else {
      const tv = op.lookup(body, mi.collection.source);
      if (tv === undefined) {
        throw expressionFailed(`Unknown property used in expression: camunda:collection '${mi.collection.source}' at '${activity.id}' is not a variable`, {
          expression: mi.collection.source,
          activityId: activity.id,
        });
      }
      value = fromTypedValue(tv);
    }
    if (!Array.isArray(value)) {
      throw expressionFailed(`camunda:collection '${mi.collection.source}' at '${activity.id}' is not a list`, { expression: mi.collection.source, activityId: activity.id });
    }
    return { n: value.length, collection: value };
  }
  const n = Number(op.evaluateValue(mi.cardinality!, body, 'loopCardinality'));
  if (!Number.isInteger(n) || n < 0) {
    throw expressionFailed(`loopCardinality '${mi.cardinality!.source}' at '${activity.id}' is not a non-negative integer`, { expression: mi.cardinality!.source, activityId: activity.id });
  }
  return { n };
}

function startInstance(op: Operation, body: ExecutionState, activity: ActivityModel, index: number, collection: unknown[] | undefined): void {
  const exec = op.arrive(body, activity, { miInstance: true });
  op.setLocal(exec, 'loopCounter', int(index), false);
  const elementVariable = activity.multiInstance!.elementVariable;
  if (elementVariable && collection) op.setLocal(exec, elementVariable, toTypedValue(collection[index]), false);
}

function leaveBody(op: Operation, body: ExecutionState, activity: ActivityModel): void {
  if (activity.boundaryEvents.length > 0) removeBoundaryEvents(op, body, activity);
  op.recordEnd(body, false);
  body.status = 'active';
  op.takeFlows(body, op.selectOutgoing(body, activity));
}

/**
 * Starts a multi-instance body (status `scope`, activityInstanceId
 * `id#multiInstanceBody:...`): boundary events attach to the body; the
 * counters `nrOfInstances`, `nrOfActiveInstances`, `nrOfCompletedInstances`
 * are local variables of the body; each instance is a child execution with
 * local `loopCounter` and the `camunda:elementVariable`. Parallel loops start
 * every instance at once, sequential ones one after another.
 */
export function startMultiInstance(op: Operation, body: ExecutionState, activity: ActivityModel): void {
  const mi = activity.multiInstance!;
  op.recordStart(body, activity, 'multiInstanceBody');
  if (activity.boundaryEvents.length > 0) createBoundaryEvents(op, body, activity);
  const { n, collection } = instancesOf(op, body, activity);
  op.setLocal(body, 'nrOfInstances', int(n), false);
  op.setLocal(body, 'nrOfCompletedInstances', int(0), false);
  op.setLocal(body, 'nrOfActiveInstances', int(mi.sequential ? Math.min(1, n) : n), false);
  if (n === 0) return leaveBody(op, body, activity);
  if (mi.sequential) {
    if (collection) op.w.setData(body, { mi: { collection } });
    startInstance(op, body, activity, 0, collection);
  } else {
    for (let i = 0; i < n; i++) startInstance(op, body, activity, i, collection);
  }
}

/**
 * One instance finished: counters updated, the completion condition evaluated
 * in the instance's scope; when it holds or every instance is done, the
 * remaining instances are cancelled and the body leaves; otherwise a
 * sequential loop starts its next instance.
 */
export function instanceCompleted(op: Operation, instance: ExecutionState): void {
  const body = op.parent(instance);
  const activity = op.activityOf(body);
  const mi = activity.multiInstance!;
  const n = counter(body, 'nrOfInstances');
  const completed = counter(body, 'nrOfCompletedInstances') + 1;
  op.setLocal(body, 'nrOfCompletedInstances', int(completed), false);
  op.setLocal(body, 'nrOfActiveInstances', int(Math.max(0, counter(body, 'nrOfActiveInstances') - 1)), false);
  const done = completed >= n || (mi.completionCondition !== undefined && op.condition(mi.completionCondition, instance, 'completionCondition'));
  op.removeTree(instance);
  if (done) {
    for (const t of op.tokens(body)) cancelTree(op, t);
    leaveBody(op, body, activity);
  } else if (mi.sequential) {
    op.setLocal(body, 'nrOfActiveInstances', int(1), false);
    startInstance(op, body, activity, completed, dataOf(body).mi?.collection);
  }
}
