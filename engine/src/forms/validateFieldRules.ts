import type { FormSchema } from './FormSchema';
import { isExpressionString } from './FormSchema';
import { FORM_FORMATS } from './formats';

/** One failed rule: a stable code, message parameters and an optional custom message from the schema. */
export interface RuleFailure {
  code: string;
  params?: Record<string, unknown>;
  message?: string;
}

/** Formily's notion of empty for validation: undefined, null, '', NaN, [] (or all-empty items), {}. */
export function isEmptyValue(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return true;
  if (typeof value === 'number') return Number.isNaN(value);
  if (Array.isArray(value)) return value.every(isEmptyValue);
  if (typeof value === 'object') return Object.keys(value as object).length === 0 && !(value instanceof Date);
  return false;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return (
    typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null)
  );
}

/** Checks a value against a schema `type`; returns the expected type name on mismatch, undefined when it fits. */
export function typeMismatch(type: unknown, value: unknown): string | undefined {
  switch (type) {
    case 'string':
    case 'date':
    case 'datetime':
      return typeof value === 'string' ? undefined : 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : 'number';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value) ? undefined : 'integer';
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'boolean';
    case 'array':
      return Array.isArray(value) ? undefined : 'array';
    case 'object':
      return isPlainObject(value) ? undefined : 'object';
    default:
      return undefined;
  }
}

function enumValues(schemaEnum: unknown): unknown[] | undefined {
  if (!Array.isArray(schemaEnum)) return undefined;
  return schemaEnum.map((e) => (isPlainObject(e) && 'value' in e ? e.value : e));
}

function sizeOf(value: unknown): number | undefined {
  if (typeof value === 'string') return [...value].length;
  if (Array.isArray(value)) return value.length;
  return undefined;
}

/** Longest string a schema `pattern` is run against (guards regex cost). */
const MAX_PATTERN_SUBJECT = 10_000;

function testPattern(pattern: unknown, value: unknown): boolean {
  if (typeof value !== 'string') return true;
  if (value.length > MAX_PATTERN_SUBJECT) return false;
  try {
    const re = pattern instanceof RegExp ? pattern : new RegExp(String(pattern));
    return re.test(value);
  } catch {
    return false;
  }
}

type Rule = Record<string, unknown>;

/** Normalises `x-validator` (a format name, a rule object, or an array of them) to rule objects; expressions are ignored here. */
export function validatorRules(xValidator: unknown): Rule[] {
  const list = Array.isArray(xValidator)
    ? xValidator
    : xValidator === undefined || xValidator === null
      ? []
      : [xValidator];
  const out: Rule[] = [];
  for (const item of list) {
    if (typeof item === 'string') {
      if (!isExpressionString(item)) out.push({ format: item });
    } else if (isPlainObject(item)) out.push(item);
  }
  return out;
}

function checkRule(rule: Rule, value: unknown, failures: RuleFailure[]): void {
  const fail = (code: string, params?: Record<string, unknown>) =>
    failures.push({
      code,
      params,
      message:
        typeof rule.message === 'string' && !isExpressionString(rule.message) ? rule.message : undefined,
    });
  const size = sizeOf(value);
  const num = typeof value === 'number' ? value : undefined;
  if (typeof rule.format === 'string' && typeof value === 'string') {
    const re = FORM_FORMATS[rule.format];
    if (re && !re.test(value)) fail('form.format', { format: rule.format });
  }
  if (rule.pattern !== undefined && !testPattern(rule.pattern, value)) fail('form.pattern');
  if (typeof rule.len === 'number' && size !== undefined && size !== rule.len)
    fail('form.len', { len: rule.len });
  const minLength =
    typeof rule.minLength === 'number'
      ? rule.minLength
      : typeof rule.minItems === 'number'
        ? rule.minItems
        : undefined;
  const maxLength =
    typeof rule.maxLength === 'number'
      ? rule.maxLength
      : typeof rule.maxItems === 'number'
        ? rule.maxItems
        : undefined;
  if (minLength !== undefined && size !== undefined && size < minLength)
    fail('form.min_length', { min: minLength });
  if (maxLength !== undefined && size !== undefined && size > maxLength)
    fail('form.max_length', { max: maxLength });
  // Formily's `min`/`max` measure numbers by value and strings/arrays by length.
  if (typeof rule.min === 'number') {
    if (num !== undefined && num < rule.min) fail('form.minimum', { min: rule.min });
    else if (size !== undefined && size < rule.min) fail('form.min_length', { min: rule.min });
  }
  if (typeof rule.max === 'number') {
    if (num !== undefined && num > rule.max) fail('form.maximum', { max: rule.max });
    else if (size !== undefined && size > rule.max) fail('form.max_length', { max: rule.max });
  }
  if (num !== undefined) {
    if (typeof rule.minimum === 'number' && num < rule.minimum) fail('form.minimum', { min: rule.minimum });
    if (typeof rule.maximum === 'number' && num > rule.maximum) fail('form.maximum', { max: rule.maximum });
    if (typeof rule.exclusiveMinimum === 'number' && num <= rule.exclusiveMinimum)
      fail('form.exclusive_minimum', { min: rule.exclusiveMinimum });
    if (typeof rule.exclusiveMaximum === 'number' && num >= rule.exclusiveMaximum)
      fail('form.exclusive_maximum', { max: rule.exclusiveMaximum });
    if (typeof rule.multipleOf === 'number' && rule.multipleOf > 0) {
      const q = num / rule.multipleOf;
      if (Math.abs(q - Math.round(q)) > 1e-9) fail('form.multiple_of', { multipleOf: rule.multipleOf });
    }
  }
  if (rule.whitespace === true && typeof value === 'string' && value.trim() === '') fail('form.whitespace');
  if ('const' in rule && rule.const !== undefined && JSON.stringify(rule.const) !== JSON.stringify(value))
    fail('form.const', { value: JSON.stringify(rule.const) });
  if (rule.uniqueItems === true && Array.isArray(value)) {
    const keys = value.map((v) => JSON.stringify(v));
    if (new Set(keys).size !== keys.length) fail('form.unique_items');
  }
  const allowed = enumValues(rule.enum);
  if (allowed) {
    const items = Array.isArray(value) ? value : [value];
    if (items.some((v) => !allowed.some((a) => a === v))) fail('form.enum');
  }
}

/**
 * Validates a non-empty value against the schema's own rules (type, enum,
 * JSON Schema keywords, `x-validator` rules). Requiredness and emptiness are
 * decided by the caller; like Formily, every rule here passes empty values.
 * Expression-valued keywords are skipped (their reactive value is Formily's).
 */
export function validateFieldRules(
  schema: FormSchema,
  value: unknown,
  opts: { skipType?: boolean } = {},
): RuleFailure[] {
  const compiled = compiledRules(schema);
  if (!opts.skipType) {
    const expected = typeMismatch(schema.type, value);
    if (expected) return [{ code: 'form.type', params: { expected } }];
  }
  const failures: RuleFailure[] = [];
  if (compiled.keywordRule) checkRule(compiled.keywordRule, value, failures);
  for (const rule of compiled.validatorRules) checkRule(rule, value, failures);
  return failures;
}

interface CompiledRules {
  keywordRule?: Rule;
  validatorRules: Rule[];
  requires: boolean;
}

const rulesCache = new WeakMap<FormSchema, CompiledRules>();
const KEYWORDS = [
  'format',
  'pattern',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'const',
  'uniqueItems',
  'enum',
];

/** The rule objects of a schema node, computed once per node (schemas are treated as immutable). */
function compiledRules(schema: FormSchema): CompiledRules {
  let c = rulesCache.get(schema);
  if (!c) {
    const keywordRule: Rule = {};
    for (const key of KEYWORDS) {
      const v = schema[key];
      if (v !== undefined && !isExpressionString(v)) keywordRule[key] = v;
    }
    const all = validatorRules(schema['x-validator']);
    c = {
      keywordRule: Object.keys(keywordRule).length ? keywordRule : undefined,
      validatorRules: all
        .map(({ required: _required, ...rest }) => rest)
        .filter((r) => Object.keys(r).length > 0),
      requires: all.some((r) => r.required === true),
    };
    rulesCache.set(schema, c);
  }
  return c;
}

/** True when any `x-validator` rule object says `required: true`. */
export function validatorRequires(schema: FormSchema): boolean {
  return compiledRules(schema).requires;
}
