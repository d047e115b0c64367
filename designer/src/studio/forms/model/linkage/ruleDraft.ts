import { linkageRuleSchema, type LinkageRule } from '@safeflow/engine/forms';
import { coerceValue, type LinkageField, type LinkageOp } from './linkageFields';

/** An effect the rule editor offers per action row. */
export type LinkageEffect = 'show' | 'hide' | 'require' | 'optional' | 'readOnly' | 'editable' | 'setValue';

/** The rule editor's working copy: loose, possibly incomplete; {@link draftToRule} makes a rule of it. */
export interface RuleDraft {
  id?: string;
  mode: 'all' | 'any';
  conditions: Array<{ field: string; op: LinkageOp; value: unknown }>;
  actions: Array<{ target: string; effect: LinkageEffect | ''; value?: unknown }>;
}

const EFFECT_SET: Record<Exclude<LinkageEffect, 'setValue'>, Record<string, unknown>> = {
  show: { display: 'visible' },
  hide: { display: 'none' },
  require: { required: true },
  optional: { required: false },
  readOnly: { pattern: 'readOnly' },
  editable: { pattern: 'editable' },
};

/** A new draft: one empty condition, one empty action. */
export function emptyDraft(): RuleDraft {
  return { mode: 'all', conditions: [{ field: '', op: 'eq', value: undefined }], actions: [{ target: '', effect: '' }] };
}

/** The editor's copy of a stored rule (one action row per effect). */
export function ruleToDraft(rule: LinkageRule): RuleDraft {
  const conds = 'all' in rule.when ? rule.when.all : rule.when.any;
  const actions: RuleDraft['actions'] = [];
  for (const a of rule.then) {
    const s = a.set;
    if (s.display !== undefined) actions.push({ target: a.target, effect: s.display === 'visible' ? 'show' : 'hide' });
    if (s.visible !== undefined) actions.push({ target: a.target, effect: s.visible ? 'show' : 'hide' });
    if (s.required !== undefined) actions.push({ target: a.target, effect: s.required ? 'require' : 'optional' });
    if (s.pattern !== undefined) actions.push({ target: a.target, effect: s.pattern === 'editable' ? 'editable' : 'readOnly' });
    if (s.value !== undefined) actions.push({ target: a.target, effect: 'setValue', value: s.value });
  }
  return {
    ...(rule.id ? { id: rule.id } : {}),
    mode: 'all' in rule.when ? 'all' : 'any',
    conditions: conds.map((c) => ({ field: c.field, op: c.op, value: 'value' in c ? c.value : undefined })),
    actions,
  };
}

/**
 * Builds the stored rule from a draft: values typed like their fields,
 * action rows of one target merged into one `set`. Returns `undefined` when
 * the draft is incomplete or the engine's rule schema rejects it.
 */
export function draftToRule(draft: RuleDraft, fields: LinkageField[]): LinkageRule | undefined {
  const byPath = new Map(fields.map((f) => [f.path, f]));
  const conditions = draft.conditions.map((c) => {
    const f = byPath.get(c.field);
    if (c.op === 'empty' || c.op === 'notEmpty') return { field: c.field, op: c.op };
    if (c.op === 'in') return { field: c.field, op: c.op, value: (Array.isArray(c.value) ? c.value : [c.value]).map((v) => coerceValue(f, v)) };
    return { field: c.field, op: c.op, value: coerceValue(f, c.value) };
  });
  const byTarget = new Map<string, Record<string, unknown>>();
  for (const a of draft.actions) {
    if (!a.target || !a.effect) return undefined;
    const set = byTarget.get(a.target) ?? {};
    Object.assign(set, a.effect === 'setValue' ? { value: coerceValue(byPath.get(a.target), a.value) } : EFFECT_SET[a.effect]);
    byTarget.set(a.target, set);
  }
  const candidate = {
    ...(draft.id ? { id: draft.id } : {}),
    when: draft.mode === 'all' ? { all: conditions } : { any: conditions },
    then: [...byTarget].map(([target, set]) => ({ target, set })),
  };
  const parsed = linkageRuleSchema.safeParse(candidate);
  return parsed.success ? parsed.data : undefined;
}
