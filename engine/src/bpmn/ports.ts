/**
 * The executor port: the contract between SafeFlow's BPMN executor (pure,
 * synchronous, no I/O) and the runtime that persists what it produces.
 *
 * Design. A process instance is a JSON document ({@link InstanceState}) plus
 * side rows (external tasks, user tasks, jobs, event subscriptions, history)
 * owned by the runtime. Every operation takes the current state and a
 * {@link ExecutionContext} (clock, id generator, call-activity resolver) and
 * returns a {@link StepResult}: the new state and a list of {@link Effect}s that
 * the runtime applies to its side rows — all in one database transaction with a
 * revision check on the instance row. The executor never performs I/O, never
 * reads the wall clock and never generates randomness itself, so the same
 * inputs give the same outputs (fake clocks in tests, replays after a crash).
 *
 * Wait states (where an operation returns): external tasks, user tasks, timers,
 * message/signal catches, async continuations, call activities waiting for their
 * child instance. Everything in between runs synchronously inside one operation.
 *
 * Idempotency: effects that create a wait-state artefact carry the
 * `executionId`/`activityInstanceId` that owns it; the runtime upserts by that
 * key so a replayed operation never creates a second external task.
 */

/** Camunda value types as they appear on the wire (capitalised). */
export type VariableType =
  | 'Null'
  | 'String'
  | 'Boolean'
  | 'Integer'
  | 'Short'
  | 'Long'
  | 'Double'
  | 'Date'
  | 'Json'
  | 'Object'
  | 'File'
  | 'Bytes';

/**
 * A typed variable as stored in instance state. `value` is the deserialised JS
 * value (Date as ISO string, Json as parsed JSON, File/Bytes as base64 string).
 */
export interface TypedValue {
  type: VariableType;
  value: unknown;
  valueInfo?: Record<string, unknown>;
}

export type VariableMap = Record<string, TypedValue>;

/** Services the executor needs from its host. All deterministic under test. */
export interface ExecutionContext {
  /** Current time (injectable clock). */
  now(): Date;
  /** A new unique id (uuid in production, counters in tests). */
  newId(): string;
}

/** Kinds of element the parsed model knows. */
export type ElementKind =
  | 'startEvent'
  | 'endEvent'
  | 'userTask'
  | 'serviceTask'
  | 'sendTask'
  | 'businessRuleTask'
  | 'scriptTask'
  | 'manualTask'
  | 'task'
  | 'receiveTask'
  | 'exclusiveGateway'
  | 'parallelGateway'
  | 'inclusiveGateway'
  | 'eventBasedGateway'
  | 'subProcess'
  | 'callActivity'
  | 'intermediateCatchEvent'
  | 'intermediateThrowEvent'
  | 'boundaryEvent';

/** Summary of a deployed process definition the runtime needs (from parsing). */
export interface ProcessDefinitionInfo {
  key: string;
  name?: string;
  versionTag?: string;
  isExecutable: boolean;
  /** Timer start events: the runtime schedules a job per entry at deploy time. */
  timerStartEvents: Array<{ activityId: string; timer: TimerDefinition }>;
  /** Message start events: the runtime registers a start subscription per entry. */
  messageStartEvents: Array<{ activityId: string; messageName: string }>;
  /** Signal start events. */
  signalStartEvents: Array<{ activityId: string; signalName: string }>;
  /** Form keys used by user tasks (for pinning form versions at deploy). */
  formKeys: string[];
  /** Topics used by external tasks. */
  topics: string[];
}

/** A timer as written in BPMN, expressions already allowed (`${...}`). */
export interface TimerDefinition {
  kind: 'timeDate' | 'timeDuration' | 'timeCycle';
  /** Raw text: ISO date, ISO duration, `R3/PT10M`, or a Quartz/Camunda cron expression. */
  expression: string;
}

/**
 * BPMN error codes caught by the callers of a called instance: by the call
 * activity that started it (its error boundary events, the error event
 * sub-processes and boundaries of its enclosing scopes) and, recursively, by
 * that instance's own callers. `any`: a catch-all catcher exists (then
 * `codes` is empty). Fixed when the child starts (a waiting call activity's
 * enclosing scopes cannot change), so the child's executor knows, without
 * I/O, whether an error it does not catch itself escapes to a caller.
 */
export interface CaughtErrors {
  any: boolean;
  codes: string[];
}

/** One token / execution inside an instance. */
export interface ExecutionState {
  id: string;
  /** Parent execution (scope) id; absent for the process-level execution. */
  parentId?: string;
  /** The activity this execution is at (absent for the process scope itself). */
  activityId?: string;
  /** Unique per visit of an activity (Camunda's activityInstanceId, `${activityId}:${id}`). */
  activityInstanceId?: string;
  /** What the execution is doing at its activity. */
  status: 'waiting' | 'joined' | 'scope' | 'active';
  /** Local variables (inputOutput mappings, multi-instance loop variables). */
  variables?: VariableMap;
  /** Extra bookkeeping per behaviour (multi-instance counters, gateway join data, ...). */
  data?: Record<string, unknown>;
}

/** The whole persistent state of a process instance. JSON-serialisable. */
export interface InstanceState {
  /** Bumped by the executor on format changes so old rows can be migrated. */
  formatVersion: 1;
  processInstanceId: string;
  processDefinitionId: string;
  processDefinitionKey: string;
  businessKey?: string;
  tenantId?: string;
  /** Set when started by a call activity. */
  superProcessInstanceId?: string;
  superExecutionId?: string;
  /** Called instances: the BPMN errors some caller catches (see {@link CaughtErrors}). */
  callerCatches?: CaughtErrors;
  /** Process-level variables. */
  variables: VariableMap;
  executions: ExecutionState[];
  ended: boolean;
  /** Set when ended: 'completed', 'terminated', 'deleted'. */
  endReason?: 'completed' | 'terminated' | 'deleted';
}

/**
 * Which definition a call activity starts (`camunda:calledElementBinding`):
 * the latest version, a version number, the latest with a version tag, or
 * the one deployed in the same deployment as the calling definition.
 */
export type CalledElementBinding =
  | { kind: 'latest' }
  | { kind: 'version'; version: number }
  | { kind: 'versionTag'; versionTag: string }
  | { kind: 'deployment' };

/** Artefacts the runtime creates, updates or deletes on behalf of the executor. */
export type Effect =
  | {
      type: 'externalTask.create';
      executionId: string;
      activityId: string;
      activityInstanceId: string;
      topicName: string;
      priority: number;
      /** camunda:properties of the activity (`includeExtensionProperties`). */
      extensionProperties: Record<string, string>;
      /** Server-side retry policy hints, if declared. */
      retries?: number;
    }
  | { type: 'externalTask.delete'; executionId: string }
  | {
      type: 'userTask.create';
      executionId: string;
      activityId: string;
      activityInstanceId: string;
      name?: string;
      documentation?: string;
      assignee?: string;
      candidateUsers: string[];
      candidateGroups: string[];
      /** ISO date strings, already resolved from durations/expressions. */
      dueDate?: string;
      followUpDate?: string;
      formKey?: string;
      priority: number;
    }
  | { type: 'userTask.delete'; executionId: string; reason: 'completed' | 'deleted' | 'cancelled' }
  | {
      type: 'job.create';
      /** Job identity is (executionId, activityId, kind) for idempotency. */
      executionId: string;
      activityId: string;
      activityInstanceId: string;
      kind: 'timer' | 'async-before' | 'async-after';
      /** When the job becomes due (ISO). */
      dueDate: string;
      /** For cycles: remaining repetitions, next fire computed by the runtime via `nextTimerDate`. */
      timer?: TimerDefinition & { repeatsLeft?: number };
      /** `camunda:failedJobRetryTimeCycle`, e.g. `R5/PT5M`. */
      retryTimeCycle?: string;
    }
  | { type: 'job.delete'; executionId: string; activityId?: string }
  | {
      type: 'subscription.create';
      kind: 'message' | 'signal' | 'conditional';
      eventName: string;
      executionId: string;
      activityId: string;
    }
  | { type: 'subscription.delete'; executionId: string }
  | {
      /** A call activity wants a child instance; the runtime starts it in the same transaction. */
      type: 'callActivity.start';
      executionId: string;
      activityId: string;
      activityInstanceId: string;
      calledElement: string;
      /** 'latest' or a version number or a version tag. */
      binding: CalledElementBinding;
      businessKey?: string;
      variables: VariableMap;
      /** The BPMN errors the call activity and its callers catch: pass as `StartOptions.callerCatches`. */
      callerCatches: CaughtErrors;
    }
  | { type: 'callActivity.cancel'; executionId: string }
  | {
      /**
       * A signal throw event (intermediate or end) fired. The runtime
       * broadcasts it, in the same transaction, to every signal subscription
       * of the instance's tenant and the tenant-less ones: waiting catches and
       * boundary events (their executions get `variables`) and signal start
       * events of the latest definitions (new instances with `variables` and
       * `businessKey`). Subscriptions created later in the same step (after
       * this effect in the list) do not receive it. With `async`, each
       * subscription gets a job instead (Camunda: the payload is not passed).
       */
      type: 'signal.throw';
      executionId: string;
      activityId: string;
      signalName: string;
      /** `camunda:in` variables of the signal event definition. */
      variables: VariableMap;
      /** `<camunda:in businessKey>`: the business key of instances the signal starts. */
      businessKey?: string;
      async: boolean;
    }
  | {
      /**
       * The instance ended; if it was called, the runtime resumes the parent
       * with these variables: `completeCallActivity`, or, with
       * `escapedError`, `catchCalledError`.
       */
      type: 'instance.end';
      reason: 'completed' | 'terminated' | 'deleted';
      outputVariables: VariableMap;
      /**
       * A BPMN error that nothing in this (called) instance caught but a
       * caller does (`callerCatches`): the instance was terminated (reason
       * `terminated`) and the error escapes to the caller's call activity.
       */
      escapedError?: { errorCode: string; errorMessage?: string };
    }
  | {
      /** An error escaped the process (uncaught BPMN error at top level ends the activity only). */
      type: 'incident.create';
      executionId: string;
      activityId: string;
      incidentType: string;
      message: string;
    };

/** Entries for the `/history/*` tables. */
export type HistoryEvent =
  | {
      type: 'activity.start';
      activityInstanceId: string;
      activityId: string;
      activityName?: string;
      activityType: string;
      executionId: string;
      parentActivityInstanceId?: string;
      time: string;
    }
  | { type: 'activity.end'; activityInstanceId: string; time: string; canceled: boolean }
  | { type: 'variable.set'; name: string; value: TypedValue; executionId?: string; time: string }
  | { type: 'variable.delete'; name: string; executionId?: string; time: string }
  | { type: 'process.start'; time: string; startActivityId: string }
  | { type: 'process.end'; time: string; endActivityId?: string; reason: 'completed' | 'terminated' | 'deleted' };

/** What every executor operation returns. */
export interface StepResult {
  state: InstanceState;
  effects: Effect[];
  history: HistoryEvent[];
}

/** Options to start an instance. */
export interface StartOptions {
  processInstanceId: string;
  processDefinitionId: string;
  businessKey?: string;
  tenantId?: string;
  variables?: VariableMap;
  /** Start at this start event (message/timer/signal start); default: the none start event. */
  startActivityId?: string;
  superProcessInstanceId?: string;
  superExecutionId?: string;
  /** Called instances: `callActivity.start`'s `callerCatches`. */
  callerCatches?: CaughtErrors;
  /**
   * The authenticated user starting the instance (Camunda's
   * `IdentityService` user id): stored in the `camunda:initiator` variable
   * of the process's start event, if it declares one (Null when absent).
   */
  initiator?: string;
}

/**
 * The executor. An implementation is bound to one parsed definition
 * (`ProcessModel`, opaque to the runtime). All methods are synchronous and pure
 * with respect to their inputs; they throw {@link SafeFlowError}s with stable
 * codes (`bpmn.execution_not_found`, `bpmn.expression_error`, ...) on misuse;
 * the runtime rolls the transaction back on any throw.
 */
export interface ProcessExecutor {
  readonly info: ProcessDefinitionInfo;

  start(opts: StartOptions, ctx: ExecutionContext): StepResult;

  /** An external task's worker completed it. */
  completeExternalTask(
    state: InstanceState,
    executionId: string,
    variables: VariableMap,
    localVariables: VariableMap,
    ctx: ExecutionContext,
  ): StepResult;

  /** A worker reported a BPMN error for an external task. */
  throwBpmnError(
    state: InstanceState,
    executionId: string,
    errorCode: string,
    errorMessage: string | undefined,
    variables: VariableMap,
    ctx: ExecutionContext,
  ): StepResult;

  completeUserTask(
    state: InstanceState,
    executionId: string,
    variables: VariableMap,
    ctx: ExecutionContext,
  ): StepResult;

  /** A timer or async-continuation job fired. */
  executeJob(
    state: InstanceState,
    job: { executionId: string; activityId: string; kind: 'timer' | 'async-before' | 'async-after' },
    ctx: ExecutionContext,
  ): StepResult;

  /** A message or signal subscription matched. */
  deliverEvent(
    state: InstanceState,
    executionId: string,
    variables: VariableMap,
    ctx: ExecutionContext,
  ): StepResult;

  /** A called child instance ended; continue the parent's call activity. */
  completeCallActivity(
    state: InstanceState,
    executionId: string,
    childOutput: VariableMap,
    ctx: ExecutionContext,
  ): StepResult;

  /**
   * A BPMN error escaped the called instance of the call activity waiting at
   * `executionId` (its `instance.end` had `escapedError`; the child is
   * already terminated). As in Camunda 7 (`BpmnExceptionHandler`, with its
   * `OutputVariablesPropagator`): the call activity's `camunda:out` mappings
   * are applied to `childOutput` first, then the error is thrown from the
   * call activity (its error boundary events, then the enclosing scopes'
   * error event sub-processes and boundaries, innermost first, with
   * `camunda:errorCodeVariable`/`errorMessageVariable`). Not caught here and
   * caught by a caller of this instance: this instance terminates too and
   * escapes further (`instance.end` with `escapedError`). Caught by nobody
   * (only when `callerCatches` was wrong): the call activity just ends.
   */
  catchCalledError(
    state: InstanceState,
    executionId: string,
    errorCode: string,
    errorMessage: string | undefined,
    childOutput: VariableMap,
    ctx: ExecutionContext,
  ): StepResult;

  /** Delete the instance (REST DELETE /process-instance/{id}). */
  cancel(state: InstanceState, reason: string, ctx: ExecutionContext): StepResult;

  /** Set/remove process variables from outside (REST variables API); no execution happens. */
  modifyVariables(
    state: InstanceState,
    modifications: VariableMap,
    deletions: string[],
    ctx: ExecutionContext,
  ): StepResult;
}
