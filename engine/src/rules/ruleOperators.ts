import { SafeFlowError } from '../errors';

/** Operators json-rules-engine 7 ships with. */
export const BUILTIN_RULE_OPERATORS: readonly string[] = [
  'equal',
  'notEqual',
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
  'in',
  'notIn',
  'contains',
  'doesNotContain',
];

/** Operator decorators of json-rules-engine 7 (`everyFact:greaterThan`, `not:in`...). */
export const BUILTIN_RULE_OPERATOR_DECORATORS: readonly string[] = [
  'someFact',
  'someValue',
  'everyFact',
  'everyValue',
  'swap',
  'not',
];

/** A custom operator: `(factValue, compareToValue) => boolean`. Must be pure and synchronous. */
export type RuleOperatorFn = (factValue: unknown, compareTo: unknown) => boolean;

const custom = new Map<string, RuleOperatorFn>();
let generation = 0;

/**
 * Registers a custom rule operator for every ruleset evaluated afterwards.
 * Throws `registry.duplicate` for a name already registered or built in.
 */
export function registerRuleOperator(name: string, fn: RuleOperatorFn): void {
  if (!/^[A-Za-z][\w]*$/.test(name))
    throw new SafeFlowError('rules.invalid_operator', `Operator name '${name}' is invalid`);
  if (
    custom.has(name) ||
    BUILTIN_RULE_OPERATORS.includes(name) ||
    BUILTIN_RULE_OPERATOR_DECORATORS.includes(name)
  ) {
    throw new SafeFlowError('registry.duplicate', `Rule operator '${name}' is already registered`, {
      details: { name },
    });
  }
  custom.set(name, fn);
  generation++;
}

/** The registered custom operators. */
export function customRuleOperators(): ReadonlyMap<string, RuleOperatorFn> {
  return custom;
}

/** Bumps whenever an operator is registered (engine caches key on it). */
export function ruleOperatorGeneration(): number {
  return generation;
}

/** True for a built-in, decorated built-in (`not:in`, `everyValue:greaterThan`) or registered operator name. */
export function isKnownRuleOperator(name: string): boolean {
  const parts = name.split(':');
  const base = parts.pop()!;
  if (!parts.every((d) => BUILTIN_RULE_OPERATOR_DECORATORS.includes(d))) return false;
  return BUILTIN_RULE_OPERATORS.includes(base) || custom.has(base);
}
