import type { ElementKind, ProcessDefinitionInfo, TimerDefinition } from '../ports';

/**
 * The parsed, immutable form of one executable `<process>`: everything the
 * executor needs, precomputed once per definition (outgoing flows, boundary
 * lists, expression flags, inclusive-join reachability). Plain data, shared by
 * every instance of the definition; never mutated after parsing.
 */
export interface ProcessModel {
  readonly id: string;
  readonly info: ProcessDefinitionInfo;
  /** Every flow node of the process and its sub-processes, by id. */
  readonly activities: ReadonlyMap<string, ActivityModel>;
  /** Start events directly in the process. */
  readonly startEventIds: readonly string[];
  /** The start event used when none is named: the single start event, else the none start event. */
  readonly initialId?: string;
  /** Start events of the event sub-processes directly in the process (absent when there are none). */
  readonly eventSubProcessStarts?: readonly ActivityModel[];
}

/** A text that may contain `${...}`; `dynamic` is precomputed with `isJuelTemplate`. */
export interface ExpressionModel {
  readonly source: string;
  readonly dynamic: boolean;
}

export interface SequenceFlowModel {
  readonly id: string;
  readonly name?: string;
  readonly sourceId: string;
  readonly targetId: string;
  /** Absent: unconditional. */
  readonly condition?: ExpressionModel;
}

export interface ExternalTaskModel {
  readonly topic: ExpressionModel;
  readonly priority?: ExpressionModel;
  readonly properties: Readonly<Record<string, string>>;
}

export interface UserTaskModel {
  /** The task name; Camunda evaluates `${}` in it. */
  readonly name?: ExpressionModel;
  readonly assignee?: ExpressionModel;
  /** Comma-separated parts, each a text or an expression (which may yield a list). */
  readonly candidateUsers: readonly ExpressionModel[];
  readonly candidateGroups: readonly ExpressionModel[];
  readonly dueDate?: ExpressionModel;
  readonly followUpDate?: ExpressionModel;
  /** The `camunda:formKey` as written. */
  readonly formKey?: string;
  /** Set when the form key holds `${}`: evaluated when the task is created (e.g. `safeflow:forms/${checklistKey}@latest`). */
  readonly formKeyExpression?: ExpressionModel;
  readonly priority?: ExpressionModel;
  /** `camunda:properties` of the task (e.g. `notify.kind` read by the notification centre). */
  readonly properties?: Readonly<Record<string, string>>;
}

export type VariableMappingModel =
  | { readonly kind: 'all'; readonly local: boolean }
  | {
      readonly kind: 'single';
      readonly source?: string;
      readonly sourceExpression?: ExpressionModel;
      readonly target: string;
      readonly local: boolean;
    };

export interface CallActivityModel {
  readonly calledElement: ExpressionModel;
  /** `deployment`: the definition of that key deployed together with the calling one. */
  readonly binding: 'latest' | 'version' | 'versionTag' | 'deployment';
  readonly version?: ExpressionModel;
  readonly versionTag?: ExpressionModel;
  readonly businessKey?: ExpressionModel;
  readonly inputs: readonly VariableMappingModel[];
  readonly outputs: readonly VariableMappingModel[];
}

export type ParameterValueModel =
  | { readonly kind: 'null' }
  | { readonly kind: 'text'; readonly text: ExpressionModel }
  | { readonly kind: 'list'; readonly items: readonly ParameterValueModel[] }
  | { readonly kind: 'map'; readonly entries: ReadonlyArray<{ readonly key: string; readonly value: ParameterValueModel }> };

export interface IoParameterModel {
  readonly name: string;
  readonly value: ParameterValueModel;
}

export interface MultiInstanceModel {
  readonly sequential: boolean;
  readonly cardinality?: ExpressionModel;
  /** A `${}` expression or a variable name. */
  readonly collection?: ExpressionModel;
  readonly elementVariable?: string;
  readonly completionCondition?: ExpressionModel;
}

export type EventDefinitionModel =
  | { readonly kind: 'none' }
  | { readonly kind: 'message'; readonly messageName: ExpressionModel }
  | {
      readonly kind: 'signal';
      readonly signalName: ExpressionModel;
      /** Throw events: `camunda:async` (deliver through one job per subscription). */
      readonly async?: boolean;
      /** Throw events: `camunda:in` variables passed with the signal. */
      readonly inputs?: readonly VariableMappingModel[];
      /** Throw events: `<camunda:in businessKey>` for instances the signal starts. */
      readonly businessKey?: ExpressionModel;
    }
  | { readonly kind: 'timer'; readonly timer: TimerDefinition; readonly dynamic: boolean }
  | {
      readonly kind: 'error';
      /** Absent on a catch: catches every error. */
      readonly errorCode?: string;
      readonly errorMessage?: string;
      readonly errorCodeVariable?: string;
      readonly errorMessageVariable?: string;
    }
  | { readonly kind: 'terminate' };

/** One flow node. Optional parts are present only for the kinds that use them. */
export interface ActivityModel {
  readonly id: string;
  readonly name?: string;
  readonly kind: ElementKind;
  /** Camunda's activityType for history (`serviceTask`, `noneEndEvent`, `boundaryTimer`, ...). */
  readonly activityType: string;
  /** The enclosing sub-process id; absent at process level. */
  readonly containerId?: string;
  readonly incoming: readonly SequenceFlowModel[];
  readonly outgoing: readonly SequenceFlowModel[];
  readonly defaultFlowId?: string;
  readonly documentation?: string;
  readonly asyncBefore: boolean;
  readonly asyncAfter: boolean;
  readonly retryTimeCycle?: string;
  readonly inputs: readonly IoParameterModel[];
  readonly outputs: readonly IoParameterModel[];
  readonly multiInstance?: MultiInstanceModel;
  /** Boundary events attached to this activity, in document order. */
  readonly boundaryEvents: readonly ActivityModel[];
  readonly event?: EventDefinitionModel;
  /** Boundary events: the host activity and whether firing cancels it. */
  readonly attachedToId?: string;
  readonly cancelActivity?: boolean;
  readonly external?: ExternalTaskModel;
  readonly userTask?: UserTaskModel;
  readonly callActivity?: CallActivityModel;
  /** Start events: `camunda:formKey` of the start form. */
  readonly formKey?: string;
  /** Process-level start events: `camunda:initiator`, the variable that gets the starting user's id. */
  readonly initiator?: string;
  /** Sub-processes: the none start event inside (event sub-processes: their one start event). */
  readonly initialId?: string;
  /** Event sub-processes (`triggeredByEvent="true"`): started by their start event's trigger, never by a sequence flow. */
  readonly triggeredByEvent?: boolean;
  /** Sub-processes: start events of the event sub-processes directly inside (absent when there are none). */
  readonly eventSubProcessStarts?: readonly ActivityModel[];
  /** Start events of event sub-processes: whether triggering cancels the rest of the enclosing scope. */
  readonly isInterrupting?: boolean;
  /** Inclusive gateways: flow nodes of the same container that can still reach this gateway. */
  readonly reachableFrom?: ReadonlySet<string>;
}
