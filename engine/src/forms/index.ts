/**
 * SafeFlow forms: Formily 2 JSON Schema with SafeFlow's safe expression
 * compiler, headless validation (identical in Node and the browser), the form
 * component registry, checklist scoring, linkage as data, lint and diff.
 * Browser-safe: no `node:` imports.
 */
export type { FormSchema, FieldKind } from './FormSchema';
export { isExpressionString, expressionBody, orderedProperties, fieldKind } from './FormSchema';
export { installSafeCompiler, safeFormilyCompiler, isSafeCompilerInstalled } from './installSafeCompiler';
export { FORMILY_SCOPE_ROOTS } from './formilyScopeView';
export {
  validateSubmission,
  formValidationErrorSchema,
  type FormValidationError,
  type FormValidationResult,
  type ValidateSubmissionOptions,
} from './validateSubmission';
export type { ServerValidationContext, TaskLocation } from './ServerValidationContext';
export { formMessage, type FormLocale } from './validationMessages';
export * from './components';
export { scoreChecklist, type ChecklistScore, type HazardToRaise } from './scoreChecklist';
export { isValidUscc, usccCheckChar } from './uscc';
export { compileLinkage, applyLinkage, type CompiledLinkage } from './compileLinkage';
export {
  linkageRulesSchema,
  linkageRuleSchema,
  linkageConditionSchema,
  type LinkageRule,
  type LinkageCondition,
} from './linkageRulesSchema';
export {
  lintFormSchema,
  type FormLintIssue,
  type LintFormSchemaOptions,
  type FieldReference,
} from './lintFormSchema';
export { diffFormSchemas, type FormSchemaDiff, type FormAttributeChange } from './diffFormSchemas';
export { schemaTree, type SchemaTreeNode } from './schemaTree';
