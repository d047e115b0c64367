import { Engine, type RuleProperties } from 'json-rules-engine';
import { SafeFlowError } from '../errors';
import { compileExpression, evaluateExpression } from '../expression';
import { lintRuleset } from './lintRuleset';
import type { RulesetDefinition } from './RulesetDefinition';
import { customRuleOperators, ruleOperatorGeneration } from './ruleOperators';

/** Result of {@link evaluateRuleset}. */
export interface RulesetResult {
  outputs: Record<string, unknown>;
  /** Names of the rules whose event was used, highest priority first. */
  firedRules: string[];
  warnings: Array<{ code: string; message: string }>;
}

interface Prepared {
  engine: Engine;
  def: RulesetDefinition;
  order: Map<string, number>;
  generation: number;
}

const byObject = new WeakMap<object, Prepared>();
/** Engines by definition content (bounded, least recently used evicted): the same version parsed again reuses its engine. */
const byContent = new Map<string, Prepared>();
const MAX_CACHED_ENGINES = 200;

function typeOf(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
}

/**
 * The engine of a ruleset version, created once: cached by definition object
 * and by definition content (two tenants may both have a `safety.lec`
 * version 2 with different params, so `key@version` alone is not a safe key).
 * Lints first: an unsound definition throws `rules.invalid_definition` with
 * the issues in `details`.
 */
function prepare(def: RulesetDefinition): Prepared {
  const generation = ruleOperatorGeneration();
  const direct = byObject.get(def);
  if (direct && direct.generation === generation) return direct;
  const content = JSON.stringify(def);
  const cached = byContent.get(content);
  if (cached && cached.generation === generation) {
    byContent.delete(content);
    byContent.set(content, cached);
    byObject.set(def, cached);
    return cached;
  }
  const issues = lintRuleset(def);
  if (issues.length) {
    throw new SafeFlowError(
      'rules.invalid_definition',
      `Ruleset '${def.key}' is invalid: ${issues[0]!.path}: ${issues[0]!.message}`,
      { details: { issues } },
    );
  }
  for (const expression of Object.values(def.computed ?? {})) compileExpression(expression, 'formily');
  // allowUndefinedFacts: false — every fact a condition reads is supplied on each run (missing optional facts as null).
  // A path resolver that refuses: conditions may not use JSONPath (`path` is rejected by the schema too).
  const engine = new Engine([], {
    allowUndefinedFacts: false,
    allowUndefinedConditions: false,
    pathResolver: () => {
      throw new SafeFlowError('rules.invalid_definition', 'Fact paths are not supported');
    },
  });
  for (const [name, fn] of customRuleOperators())
    engine.addOperator(name, fn as (a: unknown, b: unknown) => boolean);
  const frozen = structuredClone(def);
  const order = new Map<string, number>();
  frozen.rules.forEach((rule, i) => {
    order.set(rule.name, i);
    engine.addRule({
      name: rule.name,
      priority: rule.priority ?? 1,
      conditions: rule.conditions,
      event: rule.event,
    } as RuleProperties);
  });
  const prepared: Prepared = { engine, def: frozen, order, generation };
  byObject.set(def, prepared);
  byContent.set(content, prepared);
  if (byContent.size > MAX_CACHED_ENGINES) byContent.delete(byContent.keys().next().value!);
  return prepared;
}

/**
 * Validates input facts against their declarations: unknown facts, missing
 * required facts, wrong types and values outside the declared enumeration
 * all throw one `rules.invalid_fact` (details.issues lists each fact with the
 * allowed values, e.g. L = 4 → allowed [10, 6, 3, 1, 0.5, 0.2, 0.1]).
 */
function checkFacts(def: RulesetDefinition, facts: unknown): Record<string, unknown> {
  if (typeof facts !== 'object' || facts === null || Array.isArray(facts)) {
    throw new SafeFlowError('rules.invalid_fact', 'Facts must be an object');
  }
  const input = facts as Record<string, unknown>;
  const issues: Array<{ fact: string; message: string; allowed?: unknown[] }> = [];
  for (const key of Object.keys(input))
    if (!Object.hasOwn(def.facts, key)) issues.push({ fact: key, message: `Unknown fact '${key}'` });
  const out: Record<string, unknown> = {};
  for (const [name, decl] of Object.entries(def.facts)) {
    const v = input[name];
    if (v === undefined || v === null) {
      if (decl.required !== false) issues.push({ fact: name, message: `Fact '${name}' is required` });
      out[name] = null;
      continue;
    }
    if (typeOf(v) !== decl.type || (typeof v === 'number' && !Number.isFinite(v))) {
      issues.push({ fact: name, message: `Fact '${name}' must be a ${decl.type}` });
      continue;
    }
    if (decl.enum && !decl.enum.includes(v as never)) {
      issues.push({
        fact: name,
        message: `Fact '${name}' = ${JSON.stringify(v)} is not one of ${JSON.stringify(decl.enum)}`,
        allowed: decl.enum,
      });
      continue;
    }
    out[name] = v;
  }
  if (issues.length)
    throw new SafeFlowError('rules.invalid_fact', issues.map((i) => i.message).join('; '), {
      details: { issues },
    });
  return out;
}

/**
 * Evaluates a ruleset over input facts: facts are validated
 * (`rules.invalid_fact`), computed facts are evaluated in declaration order
 * with the safe evaluator (formily dialect; scope = facts, `params`, earlier
 * computed names) and added as facts, `params` are added as `params.<name>`
 * facts, then json-rules-engine runs. Outputs come from the fired rules'
 * event params (by priority, then declaration order; `decision: 'first'`
 * keeps only the first) and from facts / computed values named like an
 * output. Output types are checked (`rules.invalid_output`); a declared
 * output nobody produced is a warning (`rules.output_missing`).
 */
export async function evaluateRuleset(definition: RulesetDefinition, facts: unknown): Promise<RulesetResult> {
  const { engine, order, def } = prepare(definition);
  const input = checkFacts(def, facts);
  const params = def.params ?? {};
  const all: Record<string, unknown> = { ...input };
  const scope: Record<string, unknown> = { ...input, params: { ...params } };
  for (const [name, expression] of Object.entries(def.computed ?? {})) {
    const value = evaluateExpression(compileExpression(expression, 'formily'), scope, { dialect: 'formily' });
    all[name] = value;
    scope[name] = value;
  }
  for (const [k, v] of Object.entries(params)) all[`params.${k}`] = v;
  const result = await engine.run(all);
  const fired = result.results
    .map((r) => ({
      name: String(r.name),
      priority: Number(r.priority ?? 1),
      params: (r.event?.params ?? {}) as Record<string, unknown>,
    }))
    .sort((a, b) => b.priority - a.priority || order.get(a.name)! - order.get(b.name)!);
  const used = (def.decision ?? 'first') === 'first' ? fired.slice(0, 1) : fired;
  const outputs: Record<string, unknown> = {};
  const warnings: RulesetResult['warnings'] = [];
  for (const r of used) {
    for (const [k, v] of Object.entries(r.params)) {
      if (k in outputs) {
        if (outputs[k] !== v)
          warnings.push({
            code: 'rules.output_conflict',
            message: `Output '${k}' from rule '${r.name}' ignored: already set`,
          });
        continue;
      }
      outputs[k] = v;
    }
  }
  for (const [name, decl] of Object.entries(def.outputs)) {
    if (!(name in outputs) && name in all) outputs[name] = all[name];
    if (!(name in outputs)) {
      warnings.push({ code: 'rules.output_missing', message: `No rule produced output '${name}'` });
      continue;
    }
    const v = outputs[name];
    if (typeOf(v) !== decl.type || (decl.enum && !decl.enum.includes(v as never))) {
      throw new SafeFlowError(
        'rules.invalid_output',
        `Output '${name}' = ${JSON.stringify(v)} is not a valid ${decl.type}`,
        { details: { output: name } },
      );
    }
  }
  return { outputs, firedRules: used.map((r) => r.name), warnings };
}
