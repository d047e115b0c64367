import { SafeFlowError } from '../errors';
import { collectFieldNodes, eachFieldNode } from './collectFieldNodes';
import type { FormSchema } from './FormSchema';
import { linkageRulesSchema, type LinkageCondition, type LinkageRule } from './linkageRulesSchema';

/** One compiled Formily reaction and the field (data path) it belongs to. */
export interface CompiledLinkage {
  target: string;
  reaction: {
    dependencies: string[];
    when: string;
    fulfill: { state: Record<string, unknown> };
    otherwise?: { state: Record<string, unknown> };
  };
}

/** A value as an expression literal: JSON text, which the safe dialect reads as the same value. Never concatenated raw. */
function lit(value: unknown): string {
  return JSON.stringify(value);
}

function condition(c: LinkageCondition, dep: string): string {
  switch (c.op) {
    case 'eq':
      return `${dep} === ${lit(c.value)}`;
    case 'ne':
      return `${dep} !== ${lit(c.value)}`;
    case 'gt':
      return `${dep} > ${lit(c.value)}`;
    case 'lt':
      return `${dep} < ${lit(c.value)}`;
    case 'gte':
      return `${dep} >= ${lit(c.value)}`;
    case 'lte':
      return `${dep} <= ${lit(c.value)}`;
    case 'in':
      return `(${c.value.map((v) => `${dep} === ${lit(v)}`).join(' || ')})`;
    case 'empty':
      return `(${dep} === undefined || ${dep} === null || ${dep} === '' || ${dep}.length === 0)`;
    case 'notEmpty':
      return `!(${dep} === undefined || ${dep} === null || ${dep} === '' || ${dep}.length === 0)`;
  }
}

/** The state a field returns to when the rule's condition stops holding (values are left alone). */
function inverse(set: Record<string, unknown>): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  if (set.display !== undefined) out.display = set.display === 'visible' ? 'none' : 'visible';
  if (typeof set.visible === 'boolean') out.visible = !set.visible;
  if (typeof set.required === 'boolean') out.required = !set.required;
  if (set.pattern !== undefined) out.pattern = set.pattern === 'editable' ? 'readOnly' : 'editable';
  return Object.keys(out).length ? out : undefined;
}

/**
 * Compiles declarative linkage rules to Formily reactions in the safe
 * dialect: each action becomes a reaction on its target with the rule's
 * fields as `dependencies`, a `when` expression over `$deps[i]` (values are
 * JSON literals, field names never enter the expression) and the inverse
 * state under `otherwise`. Throws `form.invalid_linkage` (details: zod
 * issues) for rules that do not match `linkageRulesSchema`.
 */
export function compileLinkage(rules: unknown): CompiledLinkage[] {
  const parsed = linkageRulesSchema.safeParse(rules);
  if (!parsed.success) {
    throw new SafeFlowError('form.invalid_linkage', 'Linkage rules are invalid', {
      details: { issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) },
    });
  }
  const out: CompiledLinkage[] = [];
  for (const rule of parsed.data) out.push(...compileRule(rule));
  return out;
}

function compileRule(rule: LinkageRule): CompiledLinkage[] {
  const conditions = 'all' in rule.when ? rule.when.all : rule.when.any;
  const joiner = 'all' in rule.when ? ' && ' : ' || ';
  const dependencies = [...new Set(conditions.map((c) => c.field))];
  const when = `{{${conditions.map((c) => condition(c, `$deps[${dependencies.indexOf(c.field)}]`)).join(joiner)}}}`;
  return rule.then.map((action) => {
    const state = { ...action.set } as Record<string, unknown>;
    const otherwise = inverse(state);
    return {
      target: action.target,
      reaction: {
        dependencies,
        when,
        fulfill: { state },
        ...(otherwise ? { otherwise: { state: otherwise } } : {}),
      },
    };
  });
}

/**
 * Returns a copy of `schema` with the compiled reactions appended to the
 * `x-reactions` of their targets (found by data path). Throws
 * `form.linkage_target_missing` when a target is not a field of the schema.
 */
export function applyLinkage(schema: FormSchema, rules: unknown): FormSchema {
  const compiled = compileLinkage(rules);
  const copy = structuredClone(schema);
  const byPath = new Map<string, FormSchema>();
  for (const node of eachFieldNode(collectFieldNodes(copy, {})))
    if (node.kind !== 'void') byPath.set(node.path, node.schema);
  for (const { target, reaction } of compiled) {
    const node = byPath.get(target);
    if (!node)
      throw new SafeFlowError(
        'form.linkage_target_missing',
        `Linkage target '${target}' is not a field of the form`,
        { details: { target } },
      );
    const existing = node['x-reactions'];
    node['x-reactions'] = [...(Array.isArray(existing) ? existing : existing ? [existing] : []), reaction];
  }
  return copy;
}
