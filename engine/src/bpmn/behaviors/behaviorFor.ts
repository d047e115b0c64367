import type { ElementKind } from '../ports';
import type { ActivityBehavior } from './ActivityBehavior';
import { CallActivityBehavior } from './CallActivityBehavior';
import { CatchEventBehavior } from './CatchEventBehavior';
import { EndEventBehavior } from './EndEventBehavior';
import { EventBasedGatewayBehavior } from './EventBasedGatewayBehavior';
import { ExclusiveGatewayBehavior } from './ExclusiveGatewayBehavior';
import { ExternalTaskBehavior } from './ExternalTaskBehavior';
import { InclusiveGatewayBehavior } from './InclusiveGatewayBehavior';
import { ParallelGatewayBehavior } from './ParallelGatewayBehavior';
import { PassThroughBehavior } from './PassThroughBehavior';
import { SubProcessBehavior } from './SubProcessBehavior';
import { ThrowEventBehavior } from './ThrowEventBehavior';
import { UserTaskBehavior } from './UserTaskBehavior';

const BEHAVIORS: Record<ElementKind, ActivityBehavior> = {
  startEvent: PassThroughBehavior,
  endEvent: EndEventBehavior,
  userTask: UserTaskBehavior,
  serviceTask: ExternalTaskBehavior,
  sendTask: ExternalTaskBehavior,
  businessRuleTask: ExternalTaskBehavior,
  // Rejected by the parser; kept total so the table covers every kind.
  scriptTask: PassThroughBehavior,
  manualTask: PassThroughBehavior,
  task: PassThroughBehavior,
  receiveTask: CatchEventBehavior,
  exclusiveGateway: ExclusiveGatewayBehavior,
  parallelGateway: ParallelGatewayBehavior,
  inclusiveGateway: InclusiveGatewayBehavior,
  eventBasedGateway: EventBasedGatewayBehavior,
  subProcess: SubProcessBehavior,
  callActivity: CallActivityBehavior,
  intermediateCatchEvent: CatchEventBehavior,
  intermediateThrowEvent: ThrowEventBehavior,
  boundaryEvent: PassThroughBehavior,
};

/** The behaviour of an element kind. */
export function behaviorFor(kind: ElementKind): ActivityBehavior {
  return BEHAVIORS[kind];
}
