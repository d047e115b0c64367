import type { ExecutionState } from '../ports';

/** What a waiting execution waits for; decides which operation may resume it and which artefact it owns. */
export type WaitKind =
  | 'externalTask'
  | 'userTask'
  | 'timer'
  | 'message'
  | 'signal'
  | 'trigger'
  | 'eventGateway'
  | 'callActivity'
  | 'async-before'
  | 'async-after'
  | 'listener';

/**
 * The executor's bookkeeping in `ExecutionState.data` (JSON only):
 * - `wait`: the wait state of a `waiting` execution;
 * - `flows`: sequence flows chosen before an async-after continuation;
 * - `triggered`: a catch event entered because its event already happened (event-based gateway);
 * - `miInstance`: one instance of a multi-instance activity (its parent is the multi-instance body);
 * - `mi`: on a multi-instance body, the collection of a sequential loop;
 * - `eventName`: the message/signal name a subscription was created with.
 */
export interface ExecutionData {
  wait?: WaitKind;
  flows?: string[];
  triggered?: boolean;
  miInstance?: boolean;
  mi?: { collection?: unknown[] };
  eventName?: string;
}

const EMPTY: ExecutionData = Object.freeze({});

/** The typed view of `exec.data`. */
export function dataOf(exec: ExecutionState): ExecutionData {
  return (exec.data ?? EMPTY) as ExecutionData;
}
