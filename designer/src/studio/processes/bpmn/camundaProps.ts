import { checkJuelTemplate } from '@safeflow/engine/expression';

/**
 * Read/write of the Camunda 7 extension attributes SafeFlow understands, on
 * bpmn-js business objects. Every write goes through bpmn-js's modeling
 * commands (`updateProperties` / `updateModdleProperties`), so each change is
 * one entry on the command stack and undo/redo work as in bpmn-js's own
 * properties panel.
 */

/** A bpmn-moddle element (business object). */
export interface BusinessObject {
  $type: string;
  $parent?: BusinessObject;
  id?: string;
  name?: string;
  get(name: string): unknown;
  [key: string]: unknown;
}

/** A diagram element (shape or connection) with its business object. */
export interface DiagramElement {
  id: string;
  type: string;
  businessObject: BusinessObject;
}

/** The two bpmn-js modeling commands the panel uses. */
export interface ModelingCommands {
  updateProperties(element: DiagramElement, properties: Record<string, unknown>): void;
  updateModdleProperties(element: DiagramElement, moddleElement: BusinessObject, properties: Record<string, unknown>): void;
}

/** Creates moddle elements (`bpmnFactory` / `moddle` of bpmn-js). */
export interface ModdleFactory {
  create(type: string, attrs?: Record<string, unknown>): BusinessObject;
}

/** What a write needs: the modeling commands and a moddle factory. */
export interface PropsContext {
  modeling: ModelingCommands;
  moddle: ModdleFactory;
}

/** Which panel an element gets. */
export type PanelKind = 'userTask' | 'externalTask' | 'timer' | 'message' | 'condition' | 'process' | 'other';

const EXTERNAL_TYPES = ['bpmn:ServiceTask', 'bpmn:BusinessRuleTask', 'bpmn:SendTask'];

function eventDefinition(bo: BusinessObject, type: string): BusinessObject | undefined {
  const defs = (bo.get('eventDefinitions') as BusinessObject[] | undefined) ?? [];
  return defs.find((d) => d.$type === type);
}

/** The panel kind of an element. */
export function panelKind(el: DiagramElement): PanelKind {
  const bo = el.businessObject;
  if (bo.$type === 'bpmn:UserTask') return 'userTask';
  if (EXTERNAL_TYPES.includes(bo.$type)) return 'externalTask';
  if (bo.$type === 'bpmn:SequenceFlow') return 'condition';
  if (bo.$type === 'bpmn:Process' || bo.$type === 'bpmn:Participant') return 'process';
  if (bo.$type === 'bpmn:ReceiveTask') return 'message';
  if (/Event$/.test(bo.$type)) {
    if (eventDefinition(bo, 'bpmn:TimerEventDefinition')) return 'timer';
    if (eventDefinition(bo, 'bpmn:MessageEventDefinition')) return 'message';
  }
  return 'other';
}

// ---------------------------------------------------------------- forms

/** A parsed `safeflow:forms/<key>@<version|latest>`. */
export interface FormRef {
  key: string;
  version: 'latest' | number;
}

const FORM_KEY = /^safeflow:forms\/([A-Za-z][A-Za-z0-9_.-]{0,127})@(latest|[1-9]\d{0,8})$/;

/** Parses a `camunda:formKey` value; null when it is not a SafeFlow form reference. */
export function parseFormKey(value: unknown): FormRef | null {
  const m = FORM_KEY.exec(typeof value === 'string' ? value : '');
  return m ? { key: m[1]!, version: m[2] === 'latest' ? 'latest' : Number(m[2]) } : null;
}

/** `{ key, version }` → `safeflow:forms/<key>@<version>`. */
export function formatFormKey(ref: FormRef): string {
  return `safeflow:forms/${ref.key}@${ref.version}`;
}

/** What the user-task panel edits. */
export interface UserTaskProps {
  form: FormRef | null;
  /** The raw formKey when it is not a SafeFlow form reference. */
  otherFormKey: string | null;
  candidateGroups: string[];
  candidateUsers: string[];
  assignee: string;
  dueDate: string;
}

const list = (v: unknown) =>
  typeof v === 'string' && v.trim()
    ? v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : [];

/** Reads a user task's SafeFlow properties. */
export function readUserTask(bo: BusinessObject): UserTaskProps {
  const formKey = bo.get('camunda:formKey');
  const form = parseFormKey(formKey);
  return {
    form,
    otherFormKey: !form && typeof formKey === 'string' && formKey ? formKey : null,
    candidateGroups: list(bo.get('camunda:candidateGroups')),
    candidateUsers: list(bo.get('camunda:candidateUsers')),
    assignee: String(bo.get('camunda:assignee') ?? ''),
    dueDate: String(bo.get('camunda:dueDate') ?? ''),
  };
}

/** Writes one user-task field (empty values remove the attribute). */
export function writeUserTask<K extends keyof Omit<UserTaskProps, 'otherFormKey'>>(ctx: PropsContext, el: DiagramElement, field: K, value: UserTaskProps[K]): void {
  const empty = (s: string) => (s.trim() ? s.trim() : undefined);
  const attrs: Record<string, unknown> = {};
  if (field === 'form') attrs['camunda:formKey'] = value ? formatFormKey(value as FormRef) : undefined;
  if (field === 'candidateGroups') attrs['camunda:candidateGroups'] = (value as string[]).length ? (value as string[]).join(',') : undefined;
  if (field === 'candidateUsers') attrs['camunda:candidateUsers'] = (value as string[]).length ? (value as string[]).join(',') : undefined;
  if (field === 'assignee') attrs['camunda:assignee'] = empty(value as string);
  if (field === 'dueDate') attrs['camunda:dueDate'] = empty(value as string);
  ctx.modeling.updateProperties(el, attrs);
}

// ---------------------------------------------------------------- external tasks

/** What the service-task panel edits. */
export interface ExternalTaskProps {
  topic: string;
  /** `camunda:properties` entries (the task type's config). */
  properties: Record<string, string>;
}

function extensionValues(bo: BusinessObject): BusinessObject[] {
  const ext = bo.get('extensionElements') as BusinessObject | undefined;
  return ((ext?.get('values') as BusinessObject[] | undefined) ?? []).slice();
}

function camundaProperties(bo: BusinessObject): BusinessObject | undefined {
  return extensionValues(bo).find((v) => v.$type === 'camunda:Properties');
}

/** Reads an external task's topic and `camunda:properties`. */
export function readExternalTask(bo: BusinessObject): ExternalTaskProps {
  const props = camundaProperties(bo);
  const properties: Record<string, string> = {};
  for (const p of (props?.get('values') as BusinessObject[] | undefined) ?? []) {
    const name = p.get('name');
    if (typeof name === 'string') properties[name] = String(p.get('value') ?? '');
  }
  return { topic: bo.get('camunda:type') === 'external' ? String(bo.get('camunda:topic') ?? '') : '', properties };
}

/** Makes the task an external task on `topic` (empty: removes the topic). */
export function writeTopic(ctx: PropsContext, el: DiagramElement, topic: string): void {
  const t = topic.trim();
  ctx.modeling.updateProperties(el, { 'camunda:type': t ? 'external' : undefined, 'camunda:topic': t || undefined });
}

/** Sets (or, with an empty value, removes) one `camunda:property` of the element, creating the containers when needed. */
export function writeExtensionProperty(ctx: PropsContext, el: DiagramElement, name: string, value: string): void {
  const bo = el.businessObject;
  let ext = bo.get('extensionElements') as BusinessObject | undefined;
  let props = camundaProperties(bo);
  const existing = ((props?.get('values') as BusinessObject[] | undefined) ?? []).find((p) => p.get('name') === name);
  if (!value) {
    if (props && existing) {
      ctx.modeling.updateModdleProperties(el, props, { values: (props.get('values') as BusinessObject[]).filter((p) => p !== existing) });
    }
    return;
  }
  if (existing) {
    ctx.modeling.updateModdleProperties(el, existing, { value });
    return;
  }
  if (!ext) {
    ext = ctx.moddle.create('bpmn:ExtensionElements', { values: [] });
    ext.$parent = bo;
    ctx.modeling.updateProperties(el, { extensionElements: ext });
  }
  if (!props) {
    props = ctx.moddle.create('camunda:Properties', { values: [] });
    props.$parent = ext;
    ctx.modeling.updateModdleProperties(el, ext, { values: [...extensionValues(bo), props] });
  }
  const prop = ctx.moddle.create('camunda:Property', { name, value });
  prop.$parent = props;
  ctx.modeling.updateModdleProperties(el, props, { values: [...((props.get('values') as BusinessObject[]) ?? []), prop] });
}

// ---------------------------------------------------------------- timers

/** The three BPMN timer forms. */
export type TimerKind = 'timeDate' | 'timeDuration' | 'timeCycle';

/** Reads the timer of a timer event; null when it has none set. */
export function readTimer(bo: BusinessObject): { kind: TimerKind; value: string } | null {
  const def = eventDefinition(bo, 'bpmn:TimerEventDefinition');
  if (!def) return null;
  for (const kind of ['timeDate', 'timeDuration', 'timeCycle'] as const) {
    const expr = def.get(kind) as BusinessObject | undefined;
    if (expr) return { kind, value: String(expr.get('body') ?? '') };
  }
  return null;
}

/** Sets the timer of a timer event to one form (the other two are cleared). */
export function writeTimer(ctx: PropsContext, el: DiagramElement, kind: TimerKind, value: string): void {
  const def = eventDefinition(el.businessObject, 'bpmn:TimerEventDefinition');
  if (!def) return;
  const expr = value.trim() ? ctx.moddle.create('bpmn:FormalExpression', { body: value.trim() }) : undefined;
  if (expr) expr.$parent = def;
  ctx.modeling.updateModdleProperties(el, def, {
    timeDate: kind === 'timeDate' ? expr : undefined,
    timeDuration: kind === 'timeDuration' ? expr : undefined,
    timeCycle: kind === 'timeCycle' ? expr : undefined,
  });
}

/** Checks a timer text the way the engine will read it (ISO 8601 date, duration, `R…` cycle, or Quartz cron); returns a message or null. */
export function checkTimer(kind: TimerKind, value: string): string | null {
  const v = value.trim();
  if (!v) return 'empty';
  if (/^\$\{.*\}$/.test(v)) return checkJuelTemplate(v)[0]?.message ?? null;
  if (kind === 'timeDate') return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(v) ? null : 'date';
  const duration = /^P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;
  if (kind === 'timeDuration') return duration.test(v) ? null : 'duration';
  if (/^R\d*\//.test(v)) return v.split('/').slice(1).every((p) => duration.test(p) || /^\d{4}-\d{2}-\d{2}T/.test(p)) ? null : 'cycle';
  return v.split(/\s+/).length >= 6 && v.split(/\s+/).length <= 7 ? null : 'cycle';
}

// ---------------------------------------------------------------- conditions

/** Reads a sequence flow's condition (`${…}`), '' when it has none. */
export function readCondition(bo: BusinessObject): string {
  const expr = bo.get('conditionExpression') as BusinessObject | undefined;
  return expr ? String(expr.get('body') ?? '') : '';
}

/** Checks a condition with the engine's own JUEL checker; returns the problems (empty: fine). */
export function checkCondition(text: string): string[] {
  const v = text.trim();
  if (!v) return [];
  if (!/^\$\{[\s\S]*\}$/.test(v)) return ['A condition is one ${…} expression, e.g. ${riskLevel == "major"}'];
  return checkJuelTemplate(v).map((i) => i.message);
}

/** Sets (or, when empty, removes) a sequence flow's condition. */
export function writeCondition(ctx: PropsContext, el: DiagramElement, text: string): void {
  const v = text.trim();
  const expr = v ? ctx.moddle.create('bpmn:FormalExpression', { body: v }) : undefined;
  if (expr) expr.$parent = el.businessObject;
  ctx.modeling.updateProperties(el, { conditionExpression: expr });
}

// ---------------------------------------------------------------- messages

function definitionsOf(bo: BusinessObject): BusinessObject | undefined {
  let cur: BusinessObject | undefined = bo;
  while (cur && cur.$type !== 'bpmn:Definitions') cur = cur.$parent;
  return cur;
}

/** The message name an element waits for or throws; '' when none. */
export function readMessageName(bo: BusinessObject): string {
  const holder = bo.$type === 'bpmn:ReceiveTask' ? bo : eventDefinition(bo, 'bpmn:MessageEventDefinition');
  const msg = holder?.get('messageRef') as BusinessObject | undefined;
  return msg ? String(msg.get('name') ?? '') : '';
}

/** Points the element at the message named `name`, reusing a `bpmn:Message` of that name or adding one to the definitions. */
export function writeMessageName(ctx: PropsContext, el: DiagramElement, name: string): void {
  const bo = el.businessObject;
  const holder = bo.$type === 'bpmn:ReceiveTask' ? bo : eventDefinition(bo, 'bpmn:MessageEventDefinition');
  if (!holder) return;
  const v = name.trim();
  let msg: BusinessObject | undefined;
  if (v) {
    const defs = definitionsOf(bo);
    const roots = ((defs?.get('rootElements') as BusinessObject[] | undefined) ?? []).slice();
    msg = roots.find((r) => r.$type === 'bpmn:Message' && r.get('name') === v);
    if (!msg && defs) {
      msg = ctx.moddle.create('bpmn:Message', { id: `Message_${v.replace(/[^A-Za-z0-9_]/g, '_')}_${Math.random().toString(36).slice(2, 7)}`, name: v });
      msg.$parent = defs;
      ctx.modeling.updateModdleProperties(el, defs, { rootElements: [...roots, msg] });
    }
  }
  if (holder === bo) ctx.modeling.updateProperties(el, { messageRef: msg });
  else ctx.modeling.updateModdleProperties(el, holder, { messageRef: msg });
}
