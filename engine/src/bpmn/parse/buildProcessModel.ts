import type { ProcessDefinitionInfo } from '../ports';
import type { ActivityModel, ProcessModel, SequenceFlowModel } from '../model/ProcessModel';
import { buildActivity, elementKindOf, type ActivityDraft } from './buildActivity';
import { child, list, raw, str, type ModdleElement } from './ModdleElement';
import type { ParseIssues } from './ParseIssues';
import { readExpression } from './readExpression';
import { computeReachability } from './computeReachability';
import { freezeModel } from '../model/freezeModel';
import { linkEventSubProcesses } from './linkEventSubProcesses';

const IGNORED = new Set(['bpmn:DataObject', 'bpmn:DataObjectReference', 'bpmn:DataStoreReference']);

interface FlowDraft {
  el: ModdleElement;
  containerId?: string;
}

function collect(container: ModdleElement, containerId: string | undefined, drafts: Map<string, ActivityDraft>, flows: FlowDraft[], issues: ParseIssues, inEventSubProcess = false): void {
  for (const el of list(container, 'flowElements')) {
    if (el.$type === 'bpmn:SequenceFlow') {
      flows.push({ el, containerId });
      continue;
    }
    if (IGNORED.has(el.$type)) continue;
    const kind = elementKindOf(el.$type);
    if (!kind) {
      const what = el.$type.replace('bpmn:', '');
      issues.error(`${what}${el.id ? ` '${el.id}'` : ''} is not supported by SafeFlow's executor`, el.id);
      continue;
    }
    const draft = buildActivity(el, kind, containerId, issues, inEventSubProcess);
    if (!draft) continue;
    if (drafts.has(draft.id)) issues.error(`Duplicate element id '${draft.id}'`, draft.id);
    drafts.set(draft.id, draft);
    const triggeredByEvent = kind === 'subProcess' && (el.triggeredByEvent === true || el.triggeredByEvent === 'true');
    if (triggeredByEvent) draft.triggeredByEvent = true;
    if (kind === 'subProcess') collect(el, draft.id, drafts, flows, issues, triggeredByEvent);
  }
}

function linkFlows(flows: FlowDraft[], drafts: Map<string, ActivityDraft>, issues: ParseIssues): void {
  for (const { el, containerId } of flows) {
    const id = el.id ?? '(no id)';
    const sourceId = child(el, 'sourceRef')?.id;
    const targetId = child(el, 'targetRef')?.id;
    const source = sourceId === undefined ? undefined : drafts.get(sourceId);
    const target = targetId === undefined ? undefined : drafts.get(targetId);
    if (!source || !target) {
      issues.error(`Sequence flow '${id}' points ${!source ? `from ${sourceId ? `unknown element '${sourceId}'` : 'nowhere'}` : `to ${targetId ? `unknown element '${targetId}'` : 'nowhere'}`}`, el.id);
      continue;
    }
    if (source.containerId !== containerId || target.containerId !== containerId) {
      issues.error(`Sequence flow '${id}' crosses a sub-process boundary`, el.id);
      continue;
    }
    const conditionEl = child(el, 'conditionExpression');
    let condition: SequenceFlowModel['condition'];
    if (conditionEl) {
      const language = str(conditionEl, 'language');
      const text = str(conditionEl, 'body');
      if (language && !/^(juel|\$\{\})$/i.test(language)) issues.error(`Sequence flow '${id}': condition language '${language}' is not supported (use \${...})`, el.id);
      else if (str(conditionEl, 'resource')) issues.error(`Sequence flow '${id}': external condition resources are not supported`, el.id);
      else if (text !== undefined) {
        condition = readExpression(text, issues, el.id, `condition of '${id}'`);
        if (!condition.dynamic) issues.error(`Sequence flow '${id}': condition '${text}' must be a \${...} expression`, el.id);
      }
    }
    const flow: SequenceFlowModel = { id, name: str(el, 'name'), sourceId: source.id, targetId: target.id, condition };
    source.outgoing.push(flow);
    target.incoming.push(flow);
  }
}

function linkDefaults(elements: ModdleElement[], drafts: Map<string, ActivityDraft>, issues: ParseIssues): void {
  for (const el of elements) {
    const defaultId = child(el, 'default')?.id;
    const draft = el.id === undefined ? undefined : drafts.get(el.id);
    if (!draft || defaultId === undefined) continue;
    if (!draft.outgoing.some((f) => f.id === defaultId)) issues.error(`Default flow '${defaultId}' of '${draft.id}' is not one of its outgoing flows`, draft.id);
    else draft.defaultFlowId = defaultId;
  }
}

function allFlowNodes(container: ModdleElement): ModdleElement[] {
  const out: ModdleElement[] = [];
  for (const el of list(container, 'flowElements')) {
    out.push(el);
    if (el.$type === 'bpmn:SubProcess') out.push(...allFlowNodes(el));
  }
  return out;
}

function validate(drafts: Map<string, ActivityDraft>, issues: ParseIssues): void {
  for (const a of drafts.values()) {
    if (a.kind.endsWith('Gateway') && a.outgoing.length === 0) issues.error(`Gateway '${a.id}' has no outgoing sequence flow`, a.id);
    if (a.kind === 'parallelGateway' || a.kind === 'eventBasedGateway') {
      for (const f of a.outgoing) if (f.condition) issues.warn(`Condition on '${f.id}' leaving ${a.kind} '${a.id}' is ignored`);
    }
    if (a.kind === 'eventBasedGateway') {
      for (const f of a.outgoing) {
        const t = drafts.get(f.targetId);
        const ok = t && ((t.kind === 'intermediateCatchEvent' && t.event?.kind !== 'none') || (t.kind === 'receiveTask' && t.event?.kind === 'message'));
        if (!ok) issues.error(`Event-based gateway '${a.id}' must lead to timer/message/signal catch events or message receive tasks ('${f.targetId}' is not one)`, a.id);
        else if (t.incoming.length > 1) issues.error(`'${t.id}' after event-based gateway '${a.id}' must have no other incoming flow`, t.id);
      }
    }
    if (a.kind === 'boundaryEvent' && a.attachedToId !== undefined) {
      const host = drafts.get(a.attachedToId);
      if (!host) issues.error(`Boundary event '${a.id}' is attached to unknown element '${a.attachedToId}'`, a.id);
      else if (host.containerId !== a.containerId) issues.error(`Boundary event '${a.id}' is not in the container of '${host.id}'`, a.id);
      else if (host.kind.endsWith('Gateway') || host.kind.endsWith('Event')) issues.error(`Boundary event '${a.id}' cannot be attached to ${host.kind} '${host.id}'`, a.id);
      else host.boundaryEvents.push(a);
      if (a.incoming.length > 0) issues.error(`Boundary event '${a.id}' cannot have incoming sequence flows`, a.id);
    }
    if (a.kind === 'startEvent' && a.incoming.length > 0) issues.error(`Start event '${a.id}' cannot have incoming sequence flows`, a.id);
    if (a.kind === 'endEvent' && a.outgoing.length > 0) issues.error(`End event '${a.id}' cannot have outgoing sequence flows`, a.id);
  }
  for (const a of drafts.values()) {
    if (a.kind !== 'subProcess' || a.triggeredByEvent) continue;
    const starts = [...drafts.values()].filter((d) => d.containerId === a.id && d.kind === 'startEvent');
    if (starts.length !== 1) issues.error(`Sub-process '${a.id}' needs exactly one none start event (has ${starts.length})`, a.id);
    else a.initialId = starts[0].id;
  }
}

function buildInfo(process: ModdleElement, drafts: Map<string, ActivityDraft>, startIds: string[]): ProcessDefinitionInfo {
  const info: ProcessDefinitionInfo = {
    key: process.id ?? '',
    name: str(process, 'name'),
    versionTag: str(process, 'versionTag'),
    isExecutable: true,
    timerStartEvents: [],
    messageStartEvents: [],
    signalStartEvents: [],
    formKeys: [],
    topics: [],
  };
  for (const id of startIds) {
    const e = drafts.get(id)!.event;
    if (e?.kind === 'timer') info.timerStartEvents.push({ activityId: id, timer: e.timer });
    if (e?.kind === 'message') info.messageStartEvents.push({ activityId: id, messageName: e.messageName.source });
    if (e?.kind === 'signal') info.signalStartEvents.push({ activityId: id, signalName: e.signalName.source });
  }
  const formKeys = new Set<string>();
  const topics = new Set<string>();
  for (const a of drafts.values()) {
    if (a.userTask?.formKey) formKeys.add(a.userTask.formKey);
    if (a.formKey && a.containerId === undefined) formKeys.add(a.formKey);
    if (a.external && !a.external.topic.dynamic) topics.add(a.external.topic.source);
  }
  info.formKeys = [...formKeys];
  info.topics = [...topics];
  return info;
}

/**
 * Builds the immutable model of one executable process, recording every
 * problem in `issues` (the caller throws once all processes are read).
 */
export function buildProcessModel(process: ModdleElement, issues: ParseIssues): ProcessModel | undefined {
  const id = process.id;
  if (!id) {
    issues.error('A process has no id');
    return undefined;
  }
  const drafts = new Map<string, ActivityDraft>();
  const flows: FlowDraft[] = [];
  collect(process, undefined, drafts, flows, issues);
  linkFlows(flows, drafts, issues);
  linkDefaults(allFlowNodes(process), drafts, issues);
  validate(drafts, issues);
  const eventSubProcessStarts = linkEventSubProcesses(drafts, issues);
  const startIds = [...drafts.values()].filter((d) => d.kind === 'startEvent' && d.containerId === undefined).map((d) => d.id);
  if (startIds.length === 0) issues.error(`Process '${id}' has no start event`, id);
  const noneStarts = startIds.filter((s) => drafts.get(s)!.event?.kind === 'none');
  if (noneStarts.length > 1) issues.error(`Process '${id}' has several none start events`, id);
  const initialId = startIds.length === 1 ? startIds[0] : noneStarts[0];
  computeReachability(drafts);
  const activities = new Map<string, ActivityModel>(drafts);
  if (raw(process, 'isExecutable') === undefined && process.isExecutable === undefined) issues.warn(`Process '${id}' has no isExecutable attribute; deployed as executable`);
  for (const a of drafts.values()) freezeModel(a);
  return freezeModel({ id, info: buildInfo(process, drafts, startIds), activities, startEventIds: startIds, initialId, ...(eventSubProcessStarts ? { eventSubProcessStarts } : {}) });
}
