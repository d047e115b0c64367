import { createForm, type Form, type GeneralField } from '@formily/core';
import { Schema } from '@formily/json-schema';
import { toJS } from '@formily/reactive';
import { FormPath } from '@formily/shared';
import { SafeFlowError } from '../errors';
import { isExpressionString, type FormSchema } from './FormSchema';
import { eachFieldNode, type FieldNode } from './collectFieldNodes';
import { installSafeCompiler } from './installSafeCompiler';

/** Schema keys whose `{{ }}` value changes what validation sees (display, pattern, requiredness, value). */
const STATE_KEYS = [
  'x-display',
  'x-visible',
  'x-hidden',
  'x-pattern',
  'x-editable',
  'x-disabled',
  'x-read-only',
  'x-read-pretty',
  'readOnly',
  'writeOnly',
  'x-value',
  'default',
  'required',
];

/** The live state of one field after Formily ran its reactions. */
export interface ReactiveFieldState {
  display: string;
  pattern: string;
  required: boolean;
}

/** What {@link runFormReactions} returns. */
export interface ReactionOutcome {
  /** Values after reactions (computed values written, `display: none` values removed). */
  values: unknown;
  /** State of every field Formily created, by address. */
  states: Map<string, ReactiveFieldState>;
  /** Failures of expressions while reactions ran. */
  errors: Array<{ path: string; code: string; message: string }>;
}

function reactionsOf(schema: FormSchema): Array<Record<string, unknown>> {
  const r = schema['x-reactions'];
  const list = Array.isArray(r) ? r : r === undefined || r === null ? [] : [r];
  return list.filter(
    (x): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x),
  );
}

function isReactive(schema: FormSchema): boolean {
  const r = schema['x-reactions'];
  if (r !== undefined && r !== null && !(Array.isArray(r) && r.length === 0)) return true;
  return STATE_KEYS.some((k) => isExpressionString(schema[k]));
}

function dependencyPatterns(reaction: Record<string, unknown>): string[] {
  const deps = reaction.dependencies;
  const out: string[] = [];
  const add = (p: unknown) => {
    if (typeof p === 'string') out.push(p.split(/\s*#\s*/)[0]!);
    else if (p && typeof p === 'object' && typeof (p as { source?: unknown }).source === 'string')
      out.push(String((p as { source: string }).source).split(/\s*#\s*/)[0]!);
  };
  if (Array.isArray(deps)) deps.forEach(add);
  else if (deps && typeof deps === 'object') Object.values(deps).forEach(add);
  return out;
}

/**
 * Marks the nodes Formily must create: reactive nodes, their dependencies and
 * targets, and the ancestors of all of those. Returns null when a pattern
 * cannot be resolved statically (then every node is created).
 */
function markReactiveNodes(all: FieldNode[]): Set<FieldNode> | null {
  const marked = new Set<FieldNode>();
  const matchers: Array<(n: FieldNode) => boolean> = [];
  for (const node of all) {
    if (!isReactive(node.schema)) continue;
    marked.add(node);
    for (const reaction of reactionsOf(node.schema)) {
      const patterns = dependencyPatterns(reaction).map((p) => ({ p, base: node.address }));
      if (typeof reaction.target === 'string') patterns.push({ p: reaction.target, base: '' });
      for (const { p, base } of patterns) {
        let parsed: FormPath;
        try {
          parsed = base ? FormPath.parse(p, base) : FormPath.parse(p);
        } catch {
          return null;
        }
        if (parsed.isMatchPattern) matchers.push((n) => parsed.match(n.address) || parsed.match(n.path));
        else {
          const text = parsed.toString();
          matchers.push((n) => n.address === text || n.path === text);
        }
      }
    }
  }
  if (matchers.length > 0) for (const node of all) if (matchers.some((m) => m(node))) marked.add(node);
  for (const node of [...marked]) for (let p = node.parent; p; p = p.parent) marked.add(p);
  return marked;
}

function setsValue(reaction: Record<string, unknown>): boolean {
  for (const branch of [reaction.fulfill, reaction.otherwise]) {
    const state =
      branch && typeof branch === 'object' ? (branch as { state?: unknown; schema?: unknown }) : undefined;
    if (state?.state && typeof state.state === 'object' && 'value' in (state.state as object)) return true;
    if (state?.schema && typeof state.schema === 'object' && 'x-value' in (state.schema as object))
      return true;
  }
  return false;
}

/**
 * Data paths whose value is computed by a reaction (`fulfill.state.value`,
 * `x-value`). Their submitted values are discarded before Formily runs: at
 * init Formily keeps a non-empty submitted value instead of the computed one,
 * so a client could otherwise store any "computed" D it likes.
 */
function computedValuePaths(all: FieldNode[]): string[][] {
  const out: string[][] = [];
  for (const node of all) {
    if (isExpressionString(node.schema['x-value'])) out.push(node.segments);
    for (const reaction of reactionsOf(node.schema)) {
      if (!setsValue(reaction)) continue;
      if (typeof reaction.target !== 'string') out.push(node.segments);
      else {
        let target: FormPath;
        try {
          target = FormPath.parse(reaction.target);
        } catch {
          continue;
        }
        for (const n of all) if (target.match(n.address) || target.match(n.path)) out.push(n.segments);
      }
    }
  }
  return out;
}

function deleteIn(values: Record<string, unknown>, segments: string[]): void {
  let cur: unknown = values;
  for (let i = 0; i < segments.length - 1; i++) {
    if (cur === null || typeof cur !== 'object') return;
    cur = (cur as Record<string, unknown>)[segments[i]!];
  }
  if (cur !== null && typeof cur === 'object' && segments.length > 0)
    delete (cur as Record<string, unknown>)[segments[segments.length - 1]!];
}

const WHOLE_FORM_ROOTS = /\$(values|form|record|records|lookup)\b/;

function readsWholeForm(nodes: Set<FieldNode>): boolean {
  for (const n of nodes) {
    const { properties: _p, items: _i, ...own } = n.schema;
    if (WHOLE_FORM_ROOTS.test(JSON.stringify(own))) return true;
  }
  return false;
}

function pickPaths(values: Record<string, unknown>, nodes: FieldNode[]): Record<string, unknown> {
  const out = new CopyOnWrite({});
  for (const n of nodes) {
    let cur: unknown = values;
    for (const s of n.segments)
      cur = cur !== null && typeof cur === 'object' ? (cur as Record<string, unknown>)[s] : undefined;
    if (cur !== undefined && (n.kind === 'leaf' || cur === null || typeof cur !== 'object'))
      out.set(n.segments, structuredClone(cur));
    else if (Array.isArray(cur))
      out.set(
        n.segments,
        cur.map(() => ({})),
        true,
      );
    else if (cur !== undefined) out.set(n.segments, {}, true);
  }
  return out.root;
}

/** Writes into a tree without mutating it: every container on a written path is copied once. */
class CopyOnWrite {
  readonly root: Record<string, unknown>;
  private readonly copies = new Set<object>();

  constructor(source: Record<string, unknown>) {
    this.root = { ...source };
    this.copies.add(this.root);
  }

  private own(parent: Record<string, unknown>, key: string): Record<string, unknown> | undefined {
    const child = parent[key];
    if (child === null || typeof child !== 'object') return undefined;
    if (this.copies.has(child)) return child as Record<string, unknown>;
    const copy = (Array.isArray(child) ? [...child] : { ...child }) as Record<string, unknown>;
    this.copies.add(copy);
    parent[key] = copy;
    return copy;
  }

  set(segments: string[], value: unknown, onlyIfMissing = false): void {
    let cur = this.root;
    for (let i = 0; i < segments.length - 1; i++) {
      let next = this.own(cur, segments[i]!);
      if (!next) {
        next = /^\d+$/.test(segments[i + 1]!) ? ([] as unknown as Record<string, unknown>) : {};
        this.copies.add(next);
        cur[segments[i]!] = next;
      }
      cur = next;
    }
    const last = segments[segments.length - 1];
    if (last === undefined || (onlyIfMissing && cur[last] !== undefined)) return;
    if (value !== null && typeof value === 'object') this.copies.add(value);
    cur[last] = value;
  }

  delete(segments: string[]): void {
    let cur = this.root;
    for (let i = 0; i < segments.length - 1; i++) {
      const next = this.own(cur, segments[i]!);
      if (!next) return;
      cur = next;
    }
    const last = segments[segments.length - 1];
    if (last !== undefined && last in cur) delete cur[last];
  }
}

const schemaCache = new WeakMap<FormSchema, Schema>();

/** A Formily Schema of one node without its children (cached; built from a deep copy so Formily's mutations never touch the caller's JSON). */
function nodeSchema(json: FormSchema): Schema {
  let s = schemaCache.get(json);
  if (!s) {
    const { properties: _p, items: _i, patternProperties: _pp, additionalProperties: _ap, ...own } = json;
    s = new Schema(structuredClone(own) as never);
    schemaCache.set(json, s);
  }
  return s;
}

function createFieldFor(form: Form, node: FieldNode, basePath: string): GeneralField {
  const props = { ...nodeSchema(node.schema).toFieldProps(), name: node.name, basePath } as never;
  if (node.kind === 'void') return form.createVoidField(props);
  if (node.kind === 'object') return form.createObjectField(props);
  if (node.kind === 'array') return form.createArrayField(props);
  return form.createField(props);
}

/**
 * Runs the schema's reactions headlessly with Formily (safe compiler
 * installed). Only fields that take part in linkage are created — creating a
 * Formily field costs ~0.4 ms, so a 200-item checklist with no linkage
 * creates none. When a dependency or target pattern cannot be resolved
 * statically, every field is created (correct, slower).
 */
export async function runFormReactions(nodes: FieldNode[], values: unknown): Promise<ReactionOutcome> {
  const all = [...eachFieldNode(nodes)];
  const marked = markReactiveNodes(all) ?? new Set(all);
  const states = new Map<string, ReactiveFieldState>();
  const errors: ReactionOutcome['errors'] = [];
  if (marked.size === 0) return { values, states, errors };
  installSafeCompiler();
  const source = (values ?? {}) as Record<string, unknown>;
  // Formily deep-clones the values it is given; hand it only what the created fields hold
  // unless an expression reads the whole form ($values, $form, $record...).
  const initial = readsWholeForm(marked)
    ? (structuredClone(source) as Record<string, unknown>)
    : pickPaths(
        source,
        [...marked].filter((n) => n.kind !== 'void'),
      );
  const computed = computedValuePaths(all);
  for (const segments of computed) deleteIn(initial, segments);
  const form = createForm({ values: initial });
  const created = new Map<FieldNode, GeneralField>();
  for (const node of all) {
    if (!marked.has(node)) continue;
    const base = node.parent ? node.parent.address : '';
    try {
      created.set(node, createFieldFor(form, node, base));
    } catch (error) {
      errors.push(toReactionError(node, error));
    }
  }
  await Promise.resolve();
  for (const [node, field] of created) {
    try {
      states.set(node.address, {
        display: String(field.display),
        pattern: String(field.pattern),
        required: 'required' in field ? Boolean((field as { required?: boolean }).required) : false,
      });
    } catch (error) {
      errors.push(toReactionError(node, error));
    }
  }
  // Read back only what Formily may have changed (toJS of all values costs ~5 ms for 200 items).
  const after = new CopyOnWrite(source);
  for (const segments of computed) after.delete(segments);
  for (const [node, field] of created) {
    if (node.kind === 'void') continue;
    const state = states.get(node.address);
    if (state?.display === 'none') after.delete(node.segments);
    else if (node.kind === 'leaf') {
      const value = toJS((field as { value?: unknown }).value);
      if (value === undefined) after.delete(node.segments);
      else after.set(node.segments, value);
    }
  }
  form.onUnmount();
  return { values: after.root, states, errors };
}

function toReactionError(node: FieldNode, error: unknown): { path: string; code: string; message: string } {
  if (error instanceof SafeFlowError)
    return { path: node.path || node.address, code: error.code, message: error.message };
  return {
    path: node.path || node.address,
    code: 'form.reaction_failed',
    message: error instanceof Error ? error.message : String(error),
  };
}
