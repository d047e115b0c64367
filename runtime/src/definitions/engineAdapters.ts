import { jsonDiff } from './jsonDiff';
import { lintFormFallback } from './lintFormFallback';

/**
 * The runtime's door to the engine's form and rule libraries
 * (`@safeflow/engine/forms`, `@safeflow/engine/rules`). Loaded lazily so the
 * runtime starts even when a library is mid-change; every caller goes
 * through these few functions.
 */

/** One problem in a definition or submission, addressed by a dotted path. */
export interface PathIssue {
  path: string;
  code: string;
  message: string;
}

/** Server-side checks a form validation needs from the runtime. */
export interface SubmissionContext {
  fileOwnedBySubmitter(fileId: string): Promise<boolean>;
  dictionaryHas(key: string, value: unknown): Promise<boolean> | boolean;
  fileInfo?(fileId: string): Promise<{ mime: string; size: number } | undefined>;
  taskLocation?: unknown;
  now(): Date;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the engine libraries are loaded by specifier
type AnyModule = any;
let formsLib: Promise<AnyModule> | undefined;
let rulesLib: Promise<AnyModule> | undefined;
let registry: AnyModule | undefined;

async function forms(): Promise<AnyModule> {
  const spec = '@safeflow/engine/forms';
  formsLib ??= import(spec);
  return formsLib;
}

async function rules(): Promise<AnyModule> {
  const spec = '@safeflow/engine/rules';
  rulesLib ??= import(spec);
  return rulesLib;
}

async function components(): Promise<AnyModule> {
  const lib = await forms();
  registry ??= lib.createDefaultFormComponentRegistry ? lib.createDefaultFormComponentRegistry() : lib.createFormComponentRegistry();
  return registry;
}

/**
 * Lints a Formily form schema (unsafe expressions, unknown components,
 * dangling paths) with the engine's `lintFormSchema`; until the engine
 * exports it, with {@link lintFormFallback} over the engine's expression checker.
 */
export async function lintForm(schema: unknown): Promise<PathIssue[]> {
  const lib = await forms();
  const registry = await components();
  if (typeof lib.lintFormSchema === 'function') return (await lib.lintFormSchema(schema, { components: registry })) as PathIssue[];
  const spec = '@safeflow/engine/expression';
  const expr: AnyModule = await import(spec);
  return lintFormFallback(schema, {
    checkExpression: expr.checkExpression,
    knownRoots: lib.FORMILY_SCOPE_ROOTS ?? [],
    hasComponent: (name) => registry.has(name),
  });
}

/**
 * Validates `values` against a form schema, headlessly, with the runtime's
 * server-only checks. `draft` keeps every check except "required".
 */
export async function validateForm(
  schema: unknown,
  values: unknown,
  opts: { locale: string; ctx: SubmissionContext; draft?: boolean },
): Promise<{ valid: boolean; values: Record<string, unknown>; errors: PathIssue[] }> {
  const lib = await forms();
  const out = (await lib.validateSubmission(schema, values, {
    locale: opts.locale,
    components: await components(),
    ctx: opts.ctx,
  })) as { valid: boolean; values: Record<string, unknown>; errors: PathIssue[] };
  if (!opts.draft) return out;
  const errors = out.errors.filter((e) => e.code !== 'form.required');
  return { ...out, valid: errors.length === 0, errors };
}

/** Field-level diff of two form schemas (the engine's diffFormSchemas; a JSON diff until it is exported). */
export async function diffForms(a: unknown, b: unknown): Promise<unknown> {
  const lib = await forms();
  return typeof lib.diffFormSchemas === 'function' ? lib.diffFormSchemas(a, b) : jsonDiff(a, b);
}

/** Checks a ruleset's shape (the engine's zod schema) and its rules (lintRuleset). */
export async function lintRulesetContent(content: unknown): Promise<PathIssue[]> {
  const lib = await rules();
  const schema = lib.rulesetDefinitionSchema ?? lib.RulesetDefinition;
  const parsed = schema.safeParse(content);
  if (!parsed.success) {
    return parsed.error.issues.map((i: { path: PropertyKey[]; code: string; message: string }) => ({
      path: i.path.map(String).join('.'),
      code: i.code,
      message: i.message,
    }));
  }
  const issues = (await lib.lintRuleset(parsed.data)) as Array<{ path?: string | Array<string | number>; code: string; message: string }>;
  return issues.map((i) => ({ path: Array.isArray(i.path) ? i.path.join('.') : (i.path ?? ''), code: i.code, message: i.message }));
}

/** Evaluates a ruleset over `facts`. */
export async function evaluateRulesetContent(
  content: unknown,
  facts: Record<string, unknown>,
): Promise<{ outputs: Record<string, unknown>; firedRules: unknown[]; warnings: unknown[] }> {
  const lib = await rules();
  const def = (lib.rulesetDefinitionSchema ?? lib.RulesetDefinition).parse(content);
  return lib.evaluateRuleset(def, facts);
}
