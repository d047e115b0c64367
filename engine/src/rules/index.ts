/**
 * SafeFlow rulesets: versioned declarative decisions on json-rules-engine with
 * typed facts, tenant params, computed facts in the safe expression language
 * and typed outputs. Browser-safe: no `node:` imports.
 */
export {
  rulesetDefinitionSchema,
  rulesetRuleSchema,
  ruleConditionSchema,
  ruleComparisonSchema,
  type RulesetDefinition,
  type RulesetRule,
  type RuleCondition,
} from './RulesetDefinition';
export { evaluateRuleset, type RulesetResult } from './evaluateRuleset';
export { lintRuleset, type RulesetIssue } from './lintRuleset';
export {
  registerRuleOperator,
  isKnownRuleOperator,
  customRuleOperators,
  BUILTIN_RULE_OPERATORS,
  BUILTIN_RULE_OPERATOR_DECORATORS,
  type RuleOperatorFn,
} from './ruleOperators';
