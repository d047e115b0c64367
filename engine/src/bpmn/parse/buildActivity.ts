import type { ElementKind } from '../ports';
import type { ActivityModel, CallActivityModel, EventDefinitionModel, ExpressionModel, ExternalTaskModel, MultiInstanceModel, SequenceFlowModel, UserTaskModel } from '../model/ProcessModel';
import { body, bool, child, extensions, list, raw, str, type ModdleElement } from './ModdleElement';
import type { ParseIssues } from './ParseIssues';
import { readInputOutput, readProperties, readRetryTimeCycle, rejectCodeExtensions } from './readCamunda';
import { readMappings } from './readCamunda';
import { readEventDefinition } from './readEventDefinition';
import { readExpression } from './readExpression';
import { splitCommaList } from './splitCommaList';
import { parseIsoDate, parseIsoDuration } from '../timers';

/** An activity under construction: the parser fills flows and boundaries after reading every node. */
export type ActivityDraft = { -readonly [K in keyof ActivityModel]: ActivityModel[K] } & {
  incoming: SequenceFlowModel[];
  outgoing: SequenceFlowModel[];
  boundaryEvents: ActivityModel[];
};

const KINDS: Record<string, ElementKind> = {
  'bpmn:StartEvent': 'startEvent',
  'bpmn:EndEvent': 'endEvent',
  'bpmn:UserTask': 'userTask',
  'bpmn:ServiceTask': 'serviceTask',
  'bpmn:SendTask': 'sendTask',
  'bpmn:BusinessRuleTask': 'businessRuleTask',
  'bpmn:ScriptTask': 'scriptTask',
  'bpmn:ManualTask': 'manualTask',
  'bpmn:Task': 'task',
  'bpmn:ReceiveTask': 'receiveTask',
  'bpmn:ExclusiveGateway': 'exclusiveGateway',
  'bpmn:ParallelGateway': 'parallelGateway',
  'bpmn:InclusiveGateway': 'inclusiveGateway',
  'bpmn:EventBasedGateway': 'eventBasedGateway',
  'bpmn:SubProcess': 'subProcess',
  'bpmn:CallActivity': 'callActivity',
  'bpmn:IntermediateCatchEvent': 'intermediateCatchEvent',
  'bpmn:IntermediateThrowEvent': 'intermediateThrowEvent',
  'bpmn:BoundaryEvent': 'boundaryEvent',
};

/** The element kind of a moddle `$type`, or undefined when SafeFlow does not execute it. */
export function elementKindOf(type: string): ElementKind | undefined {
  return KINDS[type];
}

function activityTypeOf(kind: ElementKind, event: EventDefinitionModel | undefined): string {
  const e = event?.kind ?? 'none';
  switch (kind) {
    case 'startEvent':
      return { timer: 'startTimerEvent', message: 'messageStartEvent', signal: 'signalStartEvent', error: 'errorStartEvent' }[e as string] ?? 'startEvent';
    case 'endEvent':
      return { error: 'errorEndEvent', terminate: 'terminateEndEvent', message: 'messageEndEvent', signal: 'signalEndEvent' }[e as string] ?? 'noneEndEvent';
    case 'intermediateCatchEvent':
      return { timer: 'intermediateTimer', message: 'intermediateMessageCatch', signal: 'intermediateSignalCatch' }[e as string] ?? 'intermediateCatchEvent';
    case 'intermediateThrowEvent':
      return { message: 'intermediateMessageThrowEvent', signal: 'intermediateSignalThrow' }[e as string] ?? 'intermediateNoneThrowEvent';
    case 'boundaryEvent':
      return { timer: 'boundaryTimer', message: 'boundaryMessage', error: 'boundaryError', signal: 'boundarySignal' }[e as string] ?? 'boundaryEvent';
    default:
      return kind;
  }
}

function readExternal(el: ModdleElement, issues: ParseIssues, id: string): ExternalTaskModel | undefined {
  const topic = raw(el, 'topic');
  if (topic === undefined || topic.trim() === '') {
    issues.error(`External task '${id}' has no camunda:topic`, id);
    return undefined;
  }
  const priority = raw(el, 'taskPriority');
  return {
    topic: readExpression(topic.trim(), issues, id, 'camunda:topic'),
    priority: priority === undefined ? undefined : readExpression(priority, issues, id, 'camunda:taskPriority'),
    properties: readProperties(el),
  };
}

/** Service, send and business-rule tasks: only `camunda:type="external"` runs in SafeFlow. */
function readServiceLike(el: ModdleElement, issues: ParseIssues, id: string, kind: ElementKind): ExternalTaskModel | undefined {
  if (str(el, 'type') === 'external') return readExternal(el, issues, id);
  const used = ['class', 'delegateExpression', 'expression', 'decisionRef'].filter((p) => str(el, p) !== undefined);
  if (used.length > 0 || str(el, 'type') !== undefined) {
    issues.error(`${kind} '${id}' uses ${used.length > 0 ? `camunda:${used[0]}` : `camunda:type="${str(el, 'type')}"`}; SafeFlow runs only external tasks (camunda:type="external" camunda:topic="...")`, id);
  } else if (extensions(el, 'camunda:Connector').length === 0) {
    issues.error(`${kind} '${id}' has no implementation; set camunda:type="external" and camunda:topic`, id);
  }
  return undefined;
}

function readUserTask(el: ModdleElement, issues: ParseIssues, id: string): UserTaskModel {
  const expr = (prop: string) => {
    const v = raw(el, prop);
    return v === undefined || v.trim() === '' ? undefined : readExpression(v.trim(), issues, id, `camunda:${prop}`);
  };
  const parts = (prop: string) =>
    splitCommaList(raw(el, prop) ?? '').map((part) => readExpression(part, issues, id, `camunda:${prop}`));
  const dueDate = expr('dueDate');
  const followUpDate = expr('followUpDate');
  for (const [what, e] of [['dueDate', dueDate], ['followUpDate', followUpDate]] as const) {
    if (e && !e.dynamic) {
      try {
        if (e.source.startsWith('P')) parseIsoDuration(e.source);
        else parseIsoDate(e.source);
      } catch {
        issues.error(`camunda:${what} '${e.source}' is neither an ISO 8601 date nor an ISO 8601 duration`, id);
      }
    }
  }
  const name = raw(el, 'name');
  return {
    name: name === undefined ? undefined : readExpression(name, issues, id, 'name'),
    assignee: expr('assignee'),
    candidateUsers: parts('candidateUsers'),
    candidateGroups: parts('candidateGroups'),
    dueDate,
    followUpDate,
    formKey: str(el, 'formKey'),
    formKeyExpression: formKeyExpression(str(el, 'formKey'), issues, id),
    priority: expr('priority'),
    properties: readProperties(el),
  };
}

/** A `camunda:formKey` holding `${}` (evaluated when the task is created, as in Camunda 7); undefined for a fixed key. */
function formKeyExpression(formKey: string | undefined, issues: ParseIssues, id: string): ExpressionModel | undefined {
  if (formKey === undefined) return undefined;
  const e = readExpression(formKey, issues, id, 'camunda:formKey');
  return e.dynamic ? e : undefined;
}

function readCallActivity(el: ModdleElement, issues: ParseIssues, id: string): CallActivityModel | undefined {
  const calledElement = str(el, 'calledElement');
  if (!calledElement) {
    issues.error(`Call activity '${id}' has no calledElement`, id);
    return undefined;
  }
  if (str(el, 'caseRef') !== undefined) issues.error(`Call activity '${id}': CMMN cases are not supported`, id);
  if (raw(el, 'calledElementTenantId') !== undefined) {
    issues.error(
      `Call activity '${id}': camunda:calledElementTenantId is not supported; the called process always runs in the calling instance's own tenant (tenant isolation), remove the attribute`,
      id,
    );
  }
  const declared = str(el, 'calledElementBinding') ?? 'latest';
  let binding: CallActivityModel['binding'] = 'latest';
  if (declared === 'version' || declared === 'versionTag' || declared === 'deployment') binding = declared;
  else if (declared !== 'latest') issues.error(`Call activity '${id}': unknown calledElementBinding '${declared}'`, id);
  const version = str(el, 'calledElementVersion');
  const versionTag = str(el, 'calledElementVersionTag');
  if (binding === 'version' && version === undefined) issues.error(`Call activity '${id}': binding "version" needs camunda:calledElementVersion`, id);
  if (binding === 'versionTag' && versionTag === undefined) issues.error(`Call activity '${id}': binding "versionTag" needs camunda:calledElementVersionTag`, id);
  if (binding === 'version' && version !== undefined && !readExpression(version, issues, id, 'calledElementVersion').dynamic && !/^\d+$/.test(version)) {
    issues.error(`Call activity '${id}': calledElementVersion '${version}' is not a number`, id);
  }
  const businessKeyIn = extensions(el, 'camunda:In').find((m) => raw(m, 'businessKey') !== undefined);
  const businessKey = raw(businessKeyIn, 'businessKey');
  return {
    calledElement: readExpression(calledElement, issues, id, 'calledElement'),
    binding,
    version: version === undefined ? undefined : readExpression(version, issues, id, 'calledElementVersion'),
    versionTag: versionTag === undefined ? undefined : readExpression(versionTag, issues, id, 'calledElementVersionTag'),
    businessKey: businessKey === undefined ? undefined : readExpression(businessKey, issues, id, 'camunda:in businessKey'),
    inputs: readMappings(el, 'camunda:In', issues, id),
    outputs: readMappings(el, 'camunda:Out', issues, id),
  };
}

function readMultiInstance(el: ModdleElement, issues: ParseIssues, id: string): MultiInstanceModel | undefined {
  const loop = child(el, 'loopCharacteristics');
  if (!loop) return undefined;
  if (loop.$type !== 'bpmn:MultiInstanceLoopCharacteristics') {
    issues.error(`Activity '${id}': ${loop.$type.replace('bpmn:', '')} is not supported (use multi-instance)`, id);
    return undefined;
  }
  const cardinality = body(loop, 'loopCardinality');
  const collection = str(loop, 'collection');
  const completion = body(loop, 'completionCondition');
  if (cardinality === undefined && collection === undefined) {
    issues.error(`Multi-instance activity '${id}' needs loopCardinality or camunda:collection`, id);
  }
  if (bool(loop, 'asyncBefore') || bool(loop, 'asyncAfter')) {
    issues.warn(`Activity '${id}': camunda:asyncBefore/asyncAfter on the multi-instance body is ignored; set it on the activity (applies per instance)`);
  }
  return {
    sequential: bool(loop, 'isSequential'),
    cardinality: cardinality === undefined ? undefined : readExpression(cardinality, issues, id, 'loopCardinality'),
    collection: collection === undefined ? undefined : readExpression(collection, issues, id, 'camunda:collection'),
    elementVariable: str(loop, 'elementVariable'),
    completionCondition: completion === undefined ? undefined : readExpression(completion, issues, id, 'completionCondition'),
  };
}

function checkEventPlacement(kind: ElementKind, event: EventDefinitionModel, inSubProcess: boolean, issues: ParseIssues, id: string, inEventSubProcess = false): void {
  const allowed: Partial<Record<ElementKind, string[]>> = {
    startEvent: inEventSubProcess ? ['timer', 'message', 'signal', 'error'] : inSubProcess ? ['none'] : ['none', 'message', 'timer', 'signal'],
    endEvent: ['none', 'terminate', 'error', 'message', 'signal'],
    intermediateCatchEvent: ['timer', 'message', 'signal'],
    intermediateThrowEvent: ['none', 'message', 'signal'],
    boundaryEvent: ['timer', 'message', 'error', 'signal'],
  };
  const ok = allowed[kind];
  if (ok && !ok.includes(event.kind)) {
    issues.error(`${event.kind === 'none' ? 'A none' : `A ${event.kind}`} ${kind}${inSubProcess && kind === 'startEvent' ? (inEventSubProcess ? ' inside an event sub-process' : ' inside a sub-process') : ''} is not supported`, id);
  }
  if (event.kind === 'message' && event.messageName.source === '' && kind !== 'endEvent' && kind !== 'intermediateThrowEvent') {
    issues.error(`Message event '${id}' needs a messageRef to a message with a name`, id);
  }
}

/**
 * Reads one flow node into a draft activity, recording every problem in
 * `issues`. Returns undefined for elements that cannot be read at all.
 */
export function buildActivity(el: ModdleElement, kind: ElementKind, containerId: string | undefined, issues: ParseIssues, inEventSubProcess = false): ActivityDraft | undefined {
  const id = el.id;
  if (!id) {
    issues.error(`A ${el.$type} has no id`);
    return undefined;
  }
  rejectCodeExtensions(el, issues, id);
  const isEvent = kind.endsWith('Event');
  const event = isEvent ? readEventDefinition(el, issues, id) : undefined;
  if (event) checkEventPlacement(kind, event, containerId !== undefined, issues, id, inEventSubProcess);
  const { inputs, outputs } = readInputOutput(el, issues, id);
  const draft: ActivityDraft = {
    id,
    name: str(el, 'name'),
    kind,
    activityType: activityTypeOf(kind, event),
    containerId,
    incoming: [],
    outgoing: [],
    documentation: list(el, 'documentation')
      .map((d) => raw(d, 'text') ?? '')
      .join('\n')
      .trim() || undefined,
    asyncBefore: bool(el, 'asyncBefore') || bool(el, 'async'),
    asyncAfter: bool(el, 'asyncAfter'),
    retryTimeCycle: readRetryTimeCycle(el),
    inputs,
    outputs,
    multiInstance: readMultiInstance(el, issues, id),
    boundaryEvents: [],
    event,
  };
  switch (kind) {
    case 'scriptTask':
      issues.error(`Script task '${id}' is not supported: SafeFlow never runs scripts; use an external task`, id);
      break;
    case 'serviceTask':
    case 'sendTask':
    case 'businessRuleTask':
      draft.external = readServiceLike(el, issues, id, kind);
      break;
    case 'userTask':
      draft.userTask = readUserTask(el, issues, id);
      break;
    case 'callActivity':
      draft.callActivity = readCallActivity(el, issues, id);
      break;
    case 'startEvent':
      draft.formKey = str(el, 'formKey');
      if (containerId === undefined) draft.initiator = str(el, 'initiator');
      if (inEventSubProcess) draft.isInterrupting = el.isInterrupting !== false && el.isInterrupting !== 'false';
      break;
    case 'receiveTask': {
      const name = raw(child(el, 'messageRef'), 'name');
      if (name) draft.event = { kind: 'message', messageName: readExpression(name, issues, id, 'message name') };
      break;
    }
    case 'endEvent':
    case 'intermediateThrowEvent': {
      const def = list(el, 'eventDefinitions')[0];
      if (event?.kind === 'message') {
        if (str(def, 'type') === 'external') draft.external = readExternal(def, issues, id);
        else if (str(def, 'class') || str(def, 'delegateExpression') || str(def, 'expression')) {
          issues.error(`Message event '${id}' uses a Java implementation; SafeFlow runs only camunda:type="external"`, id);
        } else issues.warn(`Message throw event '${id}' has no implementation and behaves like a none event`);
      }
      break;
    }
    case 'boundaryEvent': {
      const host = child(el, 'attachedToRef');
      draft.attachedToId = host?.id;
      draft.cancelActivity = el.cancelActivity === undefined ? true : bool(el, 'cancelActivity');
      if (!draft.attachedToId) issues.error(`Boundary event '${id}' is not attached to an activity`, id);
      if (event?.kind === 'error' && !draft.cancelActivity) issues.error(`Error boundary event '${id}' must be interrupting`, id);
      if (event?.kind === 'timer' && event.timer.kind === 'timeCycle' && draft.cancelActivity) {
        issues.warn(`Interrupting timer boundary event '${id}' with a timeCycle fires once`);
      }
      break;
    }
    default:
      break;
  }
  if (draft.multiInstance && !['userTask', 'serviceTask', 'sendTask', 'businessRuleTask', 'manualTask', 'task', 'receiveTask', 'subProcess', 'callActivity'].includes(kind)) {
    issues.error(`${kind} '${id}' cannot be multi-instance`, id);
  }
  return draft;
}
