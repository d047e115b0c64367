import { checkExpression } from '../expression';
import { rulesetDefinitionSchema, type RuleCondition, type RulesetDefinition } from './RulesetDefinition';
import { isKnownRuleOperator } from './ruleOperators';

/** One finding of {@link lintRuleset}: the JSON path of the spot, a stable code and a message. */
export interface RulesetIssue {
  path: string;
  code: string;
  message: string;
}

function typeOf(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
}

/**
 * Checks a ruleset definition before it is saved or evaluated: shape
 * (`rules.invalid_definition`), computed expressions safe and referring only
 * to facts, `params` and earlier computed names (their `expression.*` codes),
 * conditions comparing known facts with known operators
 * (`rules.unknown_fact`, `rules.unknown_operator`), event params declared as
 * outputs with the declared type (`rules.undeclared_output`,
 * `rules.output_type`), and duplicate rule names (`rules.duplicate_rule`).
 * Returns [] when the definition is sound.
 */
export function lintRuleset(input: unknown): RulesetIssue[] {
  const parsed = rulesetDefinitionSchema.safeParse(input);
  if (!parsed.success) {
    return parsed.error.issues.map((i) => ({
      path: i.path.join('.'),
      code: 'rules.invalid_definition',
      message: i.message,
    }));
  }
  const def: RulesetDefinition = parsed.data;
  const issues: RulesetIssue[] = [];
  const facts = Object.keys(def.facts);
  const params = Object.keys(def.params ?? {});
  const known = new Set<string>([...facts, ...params.map((p) => `params.${p}`)]);
  const roots = [...facts, 'params'];
  for (const [name, expression] of Object.entries(def.computed ?? {})) {
    if (known.has(name))
      issues.push({
        path: `computed.${name}`,
        code: 'rules.duplicate_fact',
        message: `Computed '${name}' shadows a fact`,
      });
    for (const i of checkExpression(expression, { dialect: 'formily', knownRoots: roots })) {
      issues.push({ path: `computed.${name}`, code: i.code, message: i.message });
    }
    known.add(name);
    roots.push(name);
  }
  const names = new Set<string>();
  def.rules.forEach((rule, r) => {
    const base = `rules[${r}]`;
    if (names.has(rule.name))
      issues.push({
        path: `${base}.name`,
        code: 'rules.duplicate_rule',
        message: `Rule name '${rule.name}' is used twice`,
      });
    names.add(rule.name);
    walkCondition(rule.conditions, `${base}.conditions`, known, issues);
    for (const [key, value] of Object.entries(rule.event.params ?? {})) {
      const out = def.outputs[key];
      const path = `${base}.event.params.${key}`;
      if (!out)
        issues.push({
          path,
          code: 'rules.undeclared_output',
          message: `Event param '${key}' is not a declared output`,
        });
      else if (typeOf(value) !== out.type)
        issues.push({
          path,
          code: 'rules.output_type',
          message: `Output '${key}' must be a ${out.type}, not ${typeOf(value)}`,
        });
      else if (out.enum && !out.enum.includes(value))
        issues.push({
          path,
          code: 'rules.output_type',
          message: `Output '${key}' must be one of ${JSON.stringify(out.enum)}`,
        });
    }
  });
  return issues;
}

function walkCondition(c: RuleCondition, path: string, known: Set<string>, issues: RulesetIssue[]): void {
  if ('all' in c) c.all.forEach((x, i) => walkCondition(x, `${path}.all[${i}]`, known, issues));
  else if ('any' in c) c.any.forEach((x, i) => walkCondition(x, `${path}.any[${i}]`, known, issues));
  else if ('not' in c) walkCondition(c.not, `${path}.not`, known, issues);
  else {
    if (!known.has(c.fact))
      issues.push({
        path: `${path}.fact`,
        code: 'rules.unknown_fact',
        message: `Condition refers to unknown fact '${c.fact}'`,
      });
    if (!isKnownRuleOperator(c.operator))
      issues.push({
        path: `${path}.operator`,
        code: 'rules.unknown_operator',
        message: `Unknown operator '${c.operator}'`,
      });
    const v = c.value;
    if (v && typeof v === 'object' && !Array.isArray(v) && !known.has(v.fact)) {
      issues.push({
        path: `${path}.value.fact`,
        code: 'rules.unknown_fact',
        message: `Condition compares with unknown fact '${v.fact}'`,
      });
    }
  }
}
