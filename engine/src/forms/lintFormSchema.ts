import { FormPath } from '@formily/shared';
import { checkExpression } from '../expression';
import type { FormComponentRegistry } from './components/createFormComponentRegistry';
import { defaultFormComponents } from './components/defaultFormComponents';
import { FORMILY_SCOPE_ROOTS } from './formilyScopeView';
import { expressionBody, isExpressionString, type FormSchema } from './FormSchema';
import { schemaTree } from './schemaTree';

/** One lint finding: the JSON path of the offending spot, a stable code and a message. */
export interface FormLintIssue {
  path: string;
  code: string;
  message: string;
}

/** A field used outside the schema (a ruleset, a score, a report) and who uses it. */
export type FieldReference = string | { field: string; by?: string };

/** Options of {@link lintFormSchema}. */
export interface LintFormSchemaOptions {
  /** Components allowed in `x-component` / `x-decorator` (default: the standard and SafeFlow components). */
  components?: FormComponentRegistry;
  /** Data paths (rows as `*` or an index) that external definitions rely on; each must still exist. */
  referencedFields?: FieldReference[];
}

const TYPES = new Set([
  'string',
  'number',
  'integer',
  'boolean',
  'array',
  'object',
  'void',
  'date',
  'datetime',
]);
const EFFECTS = new Set([
  'onFieldInit',
  'onFieldMount',
  'onFieldUnmount',
  'onFieldValueChange',
  'onFieldInputValueChange',
  'onFieldInitialValueChange',
  'onFieldValidateStart',
  'onFieldValidateEnd',
  'onFieldValidateFailed',
  'onFieldValidateSuccess',
]);
const NESTED = new Set([
  'properties',
  'items',
  'patternProperties',
  'additionalProperties',
  'additionalItems',
]);
/** A quantified group that is itself quantified: the classic catastrophic-backtracking shape. */
const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)\s*(?:[+*]|\{\d+,?\d*\})/;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

class Linter {
  readonly issues: FormLintIssue[] = [];
  private readonly knownRoots = [...FORMILY_SCOPE_ROOTS];

  constructor(private readonly components: FormComponentRegistry) {}

  add(path: string, code: string, message: string): void {
    this.issues.push({ path, code, message });
  }

  /** Checks one `{{ }}` body with the safe checker. */
  private expression(body: string, path: string): void {
    for (const i of checkExpression(body, { dialect: 'formily', knownRoots: this.knownRoots }))
      this.add(path, i.code, i.message);
  }

  /** Every string under `value`: whole-string expressions are checked whole, other `{{...}}` fragments one by one. */
  strings(value: unknown, path: string): void {
    if (typeof value === 'string') {
      const text: string = value;
      if (isExpressionString(text as unknown)) this.expression(expressionBody(text), path);
      else if (text.includes('{{')) {
        for (const m of text.matchAll(/\{\{([\s\S]*?)\}\}/g)) this.expression(m[1]!, path);
        if (!/\{\{[\s\S]*?\}\}/.test(text))
          this.add(path, 'form.invalid_expression', 'Unbalanced {{ in a string');
      }
    } else if (Array.isArray(value)) value.forEach((v, i) => this.strings(v, `${path}[${i}]`));
    else if (isPlainObject(value))
      for (const [k, v] of Object.entries(value)) this.strings(v, `${path}.${k}`);
  }

  shape(schema: FormSchema, path: string): void {
    const p = (k: string) => (path ? `${path}.${k}` : k);
    if (schema.type !== undefined && (typeof schema.type !== 'string' || !TYPES.has(schema.type)))
      this.add(p('type'), 'form.invalid_schema', `Unknown type ${JSON.stringify(schema.type)}`);
    if (
      schema.properties !== undefined &&
      (!isPlainObject(schema.properties) || Object.values(schema.properties).some((s) => !isPlainObject(s)))
    ) {
      this.add(p('properties'), 'form.invalid_schema', 'properties must be an object of schemas');
    }
    if (
      schema.items !== undefined &&
      !isPlainObject(schema.items) &&
      !(Array.isArray(schema.items) && schema.items.every(isPlainObject))
    ) {
      this.add(p('items'), 'form.invalid_schema', 'items must be a schema or an array of schemas');
    }
    for (const k of ['x-component', 'x-decorator'])
      if (schema[k] !== undefined && typeof schema[k] !== 'string')
        this.add(p(k), 'form.invalid_schema', `${k} must be a string`);
    for (const k of ['x-component-props', 'x-decorator-props']) {
      if (schema[k] !== undefined && !isPlainObject(schema[k]) && !isExpressionString(schema[k]))
        this.add(p(k), 'form.invalid_schema', `${k} must be an object`);
    }
    if (schema.enum !== undefined && !Array.isArray(schema.enum) && !isExpressionString(schema.enum))
      this.add(p('enum'), 'form.invalid_schema', 'enum must be an array');
    if (
      schema.required !== undefined &&
      typeof schema.required !== 'boolean' &&
      !(Array.isArray(schema.required) && schema.required.every((x) => typeof x === 'string')) &&
      !isExpressionString(schema.required)
    ) {
      this.add(p('required'), 'form.invalid_schema', 'required must be a boolean or an array of names');
    }
    if (schema['x-index'] !== undefined && typeof schema['x-index'] !== 'number')
      this.add(p('x-index'), 'form.invalid_schema', 'x-index must be a number');
    const r = schema['x-reactions'];
    if (r !== undefined && !isPlainObject(r) && !Array.isArray(r) && typeof r !== 'string')
      this.add(
        p('x-reactions'),
        'form.invalid_schema',
        'x-reactions must be an object, an array or an expression',
      );
  }

  components_(schema: FormSchema, path: string): void {
    for (const k of ['x-component', 'x-decorator'] as const) {
      const name = schema[k];
      if (typeof name === 'string' && name !== '' && !this.components.has(name)) {
        this.add(
          `${path}.${k}`,
          'form.unknown_component',
          `Unknown ${k === 'x-component' ? 'component' : 'decorator'} '${name}'`,
        );
      }
    }
  }

  patterns(schema: FormSchema, path: string): void {
    const check = (pattern: unknown, at: string) => {
      if (pattern === undefined || isExpressionString(pattern)) return;
      try {
        new RegExp(String(pattern));
      } catch {
        return this.add(at, 'form.invalid_pattern', `Invalid regular expression ${JSON.stringify(pattern)}`);
      }
      if (NESTED_QUANTIFIER.test(String(pattern)))
        this.add(at, 'form.unsafe_pattern', 'Nested quantifiers can make matching take exponential time');
    };
    check(schema.pattern, `${path}.pattern`);
    const v = schema['x-validator'];
    const list = Array.isArray(v) ? v : v === undefined ? [] : [v];
    list.forEach((rule, i) => {
      if (!isPlainObject(rule)) return;
      const at = Array.isArray(v) ? `${path}.x-validator[${i}]` : `${path}.x-validator`;
      check(rule.pattern, `${at}.pattern`);
      if (rule.validator !== undefined)
        this.add(
          `${at}.validator`,
          'form.unsupported_validator',
          'Custom validator functions are not supported; use rules or expressions',
        );
    });
  }
}

function reactionList(schema: FormSchema): Array<{ reaction: unknown; at: string }> {
  const r = schema['x-reactions'];
  if (Array.isArray(r)) return r.map((reaction, i) => ({ reaction, at: `x-reactions[${i}]` }));
  return r === undefined ? [] : [{ reaction: r, at: 'x-reactions' }];
}

function normalise(path: string): string {
  return path.replace(/(^|\.)\d+(?=\.|$)/g, '$1*');
}

/**
 * Lints a Formily JSON Schema before it is saved, published or installed
 * from a pack. Reports, each with the JSON path of the offending spot
 * (e.g. `properties.hasFire.x-reactions[0].fulfill.state.visible`):
 * - `form.invalid_schema`: not Formily JSON Schema (types, properties, items, component names, enum, required...);
 * - `expression.*`: any `{{ }}` anywhere (titles, descriptions, props, reactions, x-visible, x-value, default...)
 *   that the safe checker rejects, with the compiler's scope roots as the only known names;
 * - `form.run_forbidden`: `fulfill.run` / `otherwise.run` scripts; `form.unknown_effect`;
 * - `form.dangling_dependency`: reaction dependencies or targets that name no field;
 * - `form.unknown_component`: `x-component` / `x-decorator` not in the registry;
 * - `form.invalid_pattern`, `form.unsafe_pattern` (nested quantifiers), `form.unsupported_validator`;
 * - `form.referenced_field_missing`: a field in `opts.referencedFields` that no longer exists.
 * Returns [] for a clean schema; never throws.
 */
export function lintFormSchema(schema: unknown, opts: LintFormSchemaOptions = {}): FormLintIssue[] {
  const linter = new Linter(opts.components ?? defaultFormComponents());
  if (!isPlainObject(schema))
    return [{ path: '', code: 'form.invalid_schema', message: 'A form schema must be an object' }];
  const root = schema as FormSchema;
  if (root.type !== 'object')
    linter.add('type', 'form.invalid_schema', "The root schema must have type 'object'");
  linter.shape(root, '');
  const rootOwn = Object.fromEntries(Object.entries(root).filter(([k]) => !NESTED.has(k)));
  for (const [k, v] of Object.entries(rootOwn)) linter.strings(v, k);
  const tree = schemaTree(root);
  const known = new Set<string>();
  for (const n of tree) {
    known.add(n.address);
    known.add(n.path);
  }
  for (const node of tree) {
    const at = node.jsonPath;
    linter.shape(node.schema, at);
    if (node.schema.type === 'array' && Array.isArray(node.schema.items))
      linter.shape(node.schema.items[0] ?? {}, `${at}.items[0]`);
    linter.components_(node.schema, at);
    linter.patterns(node.schema, at);
    for (const [k, v] of Object.entries(node.schema)) if (!NESTED.has(k)) linter.strings(v, `${at}.${k}`);
    for (const { reaction, at: rAt } of reactionList(node.schema)) {
      if (!isPlainObject(reaction)) continue;
      const base = `${at}.${rAt}`;
      for (const branch of ['fulfill', 'otherwise'] as const) {
        const b = reaction[branch];
        if (isPlainObject(b) && b.run !== undefined)
          linter.add(
            `${base}.${branch}.run`,
            'form.run_forbidden',
            'Reaction scripts (run) are not allowed; use state or schema with expressions',
          );
      }
      if (Array.isArray(reaction.effects)) {
        reaction.effects.forEach((e, i) => {
          if (typeof e !== 'string' || !EFFECTS.has(e))
            linter.add(`${base}.effects[${i}]`, 'form.unknown_effect', `Unknown effect ${JSON.stringify(e)}`);
        });
      }
      const deps = reaction.dependencies;
      const entries: Array<[string, unknown]> = Array.isArray(deps)
        ? deps.map((d, i) => [`${base}.dependencies[${i}]`, isPlainObject(d) ? d.source : d])
        : isPlainObject(deps)
          ? Object.entries(deps).map(([k, d]) => [`${base}.dependencies.${k}`, d])
          : [];
      for (const [depPath, dep] of entries)
        checkPattern(dep, node.address, depPath, known, linter, 'dependency');
      if (reaction.target !== undefined)
        checkPattern(reaction.target, '', `${base}.target`, known, linter, 'target');
    }
  }
  (opts.referencedFields ?? []).forEach((ref) => {
    const field = typeof ref === 'string' ? ref : ref.field;
    const by = typeof ref === 'string' ? undefined : ref.by;
    if (!known.has(normalise(field))) {
      linter.add(
        `referencedFields[${field}]`,
        'form.referenced_field_missing',
        `Field '${field}' is used${by ? ` by ${by}` : ''} but no longer exists`,
      );
    }
  });
  return linter.issues;
}

function checkPattern(
  pattern: unknown,
  base: string,
  path: string,
  known: Set<string>,
  linter: Linter,
  what: string,
): void {
  if (typeof pattern !== 'string' || pattern.trim() === '') {
    linter.add(path, 'form.dangling_dependency', `A reaction ${what} must be a field path`);
    return;
  }
  const text = pattern.split(/\s*#\s*/)[0]!;
  let resolved: string;
  try {
    const parsed = base
      ? FormPath.parse(
          text,
          base.replace(/(^|\.)\*(?=\.|$)/g, (_m, dot: string) => `${dot}0`),
        )
      : FormPath.parse(text);
    if (parsed.isMatchPattern && !/^[\w$.*]+$/.test(parsed.toString())) return; // complex wildcard patterns are not checked
    resolved = parsed.toString();
  } catch {
    linter.add(path, 'form.dangling_dependency', `Reaction ${what} '${pattern}' is not a valid path`);
    return;
  }
  if (!known.has(normalise(resolved)))
    linter.add(path, 'form.dangling_dependency', `Reaction ${what} '${pattern}' names no field`);
}
