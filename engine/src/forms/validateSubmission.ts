import { z } from 'zod';
import type { FormComponentRegistry } from './components/createFormComponentRegistry';
import type { ComponentIssue } from './components/FormComponentDefinition';
import { defaultFormComponents } from './components/defaultFormComponents';
import { collectFieldNodes, readPath, type FieldNode } from './collectFieldNodes';
import { isExpressionString, type FormSchema } from './FormSchema';
import { installSafeCompiler } from './installSafeCompiler';
import { runFormReactions, type ReactiveFieldState } from './runFormReactions';
import type { ServerValidationContext } from './ServerValidationContext';
import { isEmptyValue, typeMismatch, validateFieldRules, validatorRequires } from './validateFieldRules';
import { formMessage, type FormLocale } from './validationMessages';

/** One validation error: the data path of the field (`items.0.note`), a stable code and a localised message. */
export interface FormValidationError {
  path: string;
  code: string;
  message: string;
}

/** Result of {@link validateSubmission}. */
export interface FormValidationResult {
  valid: boolean;
  /** The submission as it may be stored: unknown keys stripped, `display: none` fields removed, computed values applied, component values normalised. */
  values: Record<string, unknown>;
  errors: FormValidationError[];
}

/** Options of {@link validateSubmission}. */
export interface ValidateSubmissionOptions {
  /** Message language (default `zh-CN`). */
  locale?: FormLocale;
  /** Components known to the form (default: the standard and SafeFlow components). */
  components?: FormComponentRegistry;
  /** Server-only facts (file ownership, dictionaries, task location, clock); absent in the browser. */
  ctx?: ServerValidationContext;
}

interface Effective {
  display: string;
  pattern: string;
}

function staticDisplay(s: FormSchema): string | undefined {
  let d: string | undefined;
  if (s['x-visible'] === false) d = 'none';
  else if (s['x-visible'] === true) d = 'visible';
  if (s['x-hidden'] === true) d = 'hidden';
  const xd = s['x-display'];
  if (xd === 'none' || xd === 'hidden' || xd === 'visible') d = xd;
  return d;
}

function staticPattern(s: FormSchema): string | undefined {
  let p: string | undefined;
  if (s.writeOnly === true || s['x-editable'] === true) p = 'editable';
  if (s['x-editable'] === false || s['x-read-pretty'] === true) p = 'readPretty';
  if (s['x-disabled'] === true) p = 'disabled';
  if (s.readOnly === true || s['x-read-only'] === true) p = 'readOnly';
  const xp = s['x-pattern'];
  if (xp === 'editable' || xp === 'disabled' || xp === 'readOnly' || xp === 'readPretty') p = xp;
  return p;
}

const staticCache = new WeakMap<FormSchema, { display?: string; pattern?: string }>();

function staticState(schema: FormSchema): { display?: string; pattern?: string } {
  let s = staticCache.get(schema);
  if (!s) {
    s = { display: staticDisplay(schema), pattern: staticPattern(schema) };
    staticCache.set(schema, s);
  }
  return s;
}

/** Formily's inheritance of display and pattern (BaseField getters), for fields Formily did not create. */
function inherit(parent: Effective, schema: FormSchema): Effective {
  const { display: selfD, pattern: selfP } = staticState(schema);
  if (selfD === undefined && selfP === undefined) return parent;
  const display =
    parent.display !== 'visible'
      ? selfD && selfD !== 'visible'
        ? selfD
        : parent.display
      : (selfD ?? parent.display);
  const pattern =
    selfP === undefined
      ? parent.pattern
      : parent.pattern === 'readPretty' && selfP !== 'editable'
        ? parent.pattern
        : selfP;
  return { display, pattern };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return (
    typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null)
  );
}

type Pending = Promise<FormValidationError[]>;

class Walker {
  readonly errors: Array<FormValidationError | Pending> = [];

  constructor(
    private readonly values: unknown,
    private readonly states: Map<string, ReactiveFieldState>,
    private readonly opts: Required<Pick<ValidateSubmissionOptions, 'locale' | 'components'>> & {
      ctx?: ServerValidationContext;
    },
  ) {}

  private error(path: string, code: string, params?: Record<string, unknown>, message?: string): void {
    this.errors.push({ path, code, message: message ?? formMessage(code, this.opts.locale, params) });
  }

  private effective(
    node: FieldNode,
    parent: Effective,
  ): { display: string; pattern: string; required: boolean } {
    const live = this.states.size ? this.states.get(node.address) : undefined;
    const eff = live ?? inherit(parent, node.schema);
    const required =
      // Formily reads a draft-07 `required: [names]` array on an object as "this object is required"; SafeFlow applies it to the children.
      ((live?.required ?? false) && !Array.isArray(node.schema.required)) ||
      node.schema.required === true ||
      node.requiredByParent ||
      validatorRequires(node.schema);
    return { display: eff.display, pattern: eff.pattern, required };
  }

  /** Walks children of an object-like node, writing cleaned values into `out`. */
  walkChildren(children: FieldNode[], parent: Effective, out: Record<string, unknown>): void {
    for (const node of children) this.walk(node, parent, out);
  }

  private walk(node: FieldNode, parent: Effective, out: Record<string, unknown>): void {
    const eff = this.effective(node, parent);
    if (eff.display === 'none') return;
    if (node.kind === 'void') {
      this.walkChildren(node.children, eff, out);
      return;
    }
    const validated = eff.display === 'visible' && eff.pattern === 'editable';
    let value = readPath(this.values, node.segments);
    // Like Formily, an absent value falls back to the schema default (initialValue).
    if (value === undefined && node.schema.default !== undefined && !isExpressionString(node.schema.default))
      value = structuredClone(node.schema.default);
    const path = node.path;
    if (validated && eff.required && isEmptyValue(value)) {
      this.error(path, 'form.required', {}, this.requiredMessage(node.schema));
      return;
    }
    if (value === undefined && node.kind === 'object') {
      // Like Formily, the children of an absent object are still fields: their own rules (required) apply.
      const child: Record<string, unknown> = {};
      this.walkChildren(node.children, eff, child);
      if (Object.keys(child).length > 0) out[node.name] = child;
      return;
    }
    if (value === undefined) return;
    if (value === null) {
      out[node.name] = null;
      return;
    }
    if (node.kind === 'object') {
      if (!isPlainObject(value)) return this.error(path, 'form.type', { expected: 'object' });
      const child: Record<string, unknown> = {};
      this.walkChildren(node.children, eff, child);
      out[node.name] = child;
      return;
    }
    if (node.kind === 'array') {
      if (!Array.isArray(value)) return this.error(path, 'form.type', { expected: 'array' });
      if (validated) this.pushRuleFailures(node.schema, value, path, true);
      out[node.name] = node.children.map((row) => {
        const rowOut: Record<string, unknown> = {};
        const rowValue = readPath(this.values, row.segments);
        if (!isPlainObject(rowValue)) {
          this.error(row.path, 'form.type', { expected: 'object' });
          return rowOut;
        }
        this.walkChildren(row.children, this.effectiveRow(row, eff), rowOut);
        return rowOut;
      });
      return;
    }
    this.walkLeaf(node, value, path, validated, out);
  }

  private effectiveRow(row: FieldNode, parent: Effective): Effective {
    const live = this.states.get(row.address);
    return live ? { display: live.display, pattern: live.pattern } : inherit(parent, row.schema);
  }

  private requiredMessage(schema: FormSchema): string | undefined {
    const list = Array.isArray(schema['x-validator']) ? schema['x-validator'] : [schema['x-validator']];
    for (const r of list) {
      if (
        isPlainObject(r) &&
        r.required === true &&
        typeof r.message === 'string' &&
        !isExpressionString(r.message)
      )
        return r.message;
    }
    return undefined;
  }

  private pushRuleFailures(schema: FormSchema, value: unknown, path: string, skipType = false): boolean {
    const failures = validateFieldRules(schema, value, { skipType });
    for (const f of failures) this.error(path, f.code, f.params, f.message);
    return failures.length === 0;
  }

  private walkLeaf(
    node: FieldNode,
    value: unknown,
    path: string,
    validated: boolean,
    out: Record<string, unknown>,
  ): void {
    const schema = node.schema;
    const componentName = typeof schema['x-component'] === 'string' ? schema['x-component'] : undefined;
    const component = componentName ? this.opts.components.get(componentName) : undefined;
    if (componentName && !component)
      return this.error(path, 'form.unknown_component', { component: componentName });
    if (isEmptyValue(value)) {
      // Like Formily, rules pass empty values; keep the empty value as submitted (type permitting).
      if (typeMismatch(schema.type, value) === undefined) out[node.name] = value;
      return;
    }
    if (!validated) {
      const expected = typeMismatch(schema.type, value);
      if (expected) return this.error(path, 'form.type', { expected });
    } else if (!this.pushRuleFailures(schema, value, path)) {
      return;
    }
    let cleaned = value;
    if (component?.valueSchema) {
      const parsed = component.valueSchema.safeParse(value);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        const sub = issue.path.map(String).join('.');
        return this.error(sub ? `${path}.${sub}` : path, 'form.invalid_value', { detail: issue.message });
      }
      cleaned = parsed.data;
    }
    out[node.name] = cleaned;
    if (validated && component?.validate) {
      const props = {
        ...component.defaultProps,
        ...(isPlainObject(schema['x-component-props']) ? schema['x-component-props'] : {}),
      };
      const toErrors = (issues: ComponentIssue[]) =>
        issues.map((i) => ({
          path: i.path ? `${path}.${i.path}` : path,
          code: i.code,
          message: formMessage(i.code, this.opts.locale, i.params),
        }));
      const outcome = component.validate(cleaned, props, { locale: this.opts.locale, server: this.opts.ctx });
      if (Array.isArray(outcome)) this.errors.push(...toErrors(outcome));
      else this.errors.push(outcome.then(toErrors));
    }
  }
}

/**
 * Validates a submission against a Formily JSON Schema, headlessly and
 * identically in Node and the browser.
 *
 * Steps: the safe compiler is installed; Formily runs the schema's reactions
 * (only for fields involved in linkage, see `runFormReactions`); then a
 * walker applies Formily's semantics — fields whose effective display is
 * `none` are dropped, `hidden` and non-editable (`readOnly`, `disabled`,
 * `readPretty`) fields keep their value but skip the rules (only their type is
 * checked, so nothing malformed is stored), `required` fails empty values and
 * every other rule passes them. Rules: schema `type`, `enum`, JSON Schema
 * keywords, `x-validator` rules, the component's `valueSchema` and its
 * `validate` (server checks when `ctx` is given). Unknown keys are stripped.
 * Messages are per call in `locale` (Formily's global language is not touched).
 *
 * Never throws for bad input: an expression that fails while reactions run is
 * reported as an error at that field (its `expression.*` code). Lint schemas
 * with `lintFormSchema` before saving them.
 */
export async function validateSubmission(
  schema: FormSchema,
  values: unknown,
  opts: ValidateSubmissionOptions = {},
): Promise<FormValidationResult> {
  installSafeCompiler();
  const locale = opts.locale ?? 'zh-CN';
  const components = opts.components ?? defaultFormComponents();
  if (!isPlainObject(values)) {
    return {
      valid: false,
      values: {},
      errors: [
        { path: '', code: 'form.type', message: formMessage('form.type', locale, { expected: 'object' }) },
      ],
    };
  }
  const nodes = collectFieldNodes(schema, values);
  const outcome = await runFormReactions(nodes, values);
  const walker = new Walker(outcome.values, outcome.states, { locale, components, ctx: opts.ctx });
  const cleaned: Record<string, unknown> = {};
  walker.walkChildren(nodes, { display: 'visible', pattern: 'editable' }, cleaned);
  const pending = walker.errors.some((e) => e instanceof Promise);
  const resolved = pending
    ? await Promise.all(walker.errors.map((e) => (e instanceof Promise ? e : [e])))
    : (walker.errors as FormValidationError[]).map((e) => [e]);
  const errors = [...outcome.errors, ...resolved.flat()];
  return { valid: errors.length === 0, values: cleaned, errors };
}

/** Zod schema of a validation error (for route responses). */
export const formValidationErrorSchema = z.object({
  path: z.string(),
  code: z.string(),
  message: z.string(),
});
