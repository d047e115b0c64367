/** json-rules-engine 7's operators (as `@safeflow/engine/rules` BUILTIN_RULE_OPERATORS; the server lints unknown ones). */
export const OPERATORS = ['equal', 'notEqual', 'lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive', 'in', 'notIn', 'contains', 'doesNotContain'];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- ruleset JSON is free-form here; the server validates it
type Json = any;

/** A typed name: a fact or an output. */
export interface TypedName {
  name: string;
  type: 'number' | 'string' | 'boolean';
  /** Allowed values, comma-separated. */
  enumText: string;
  title: string;
  required?: boolean;
}

/** One comparison row: fact, operator, value text (`fact:<name>` compares with another fact). */
export interface ComparisonRow {
  fact: string;
  operator: string;
  value: string;
}

/** One rule as the form edits it; `nested` keeps conditions the flat form cannot show (edited in JSON). */
export interface RuleRow {
  name: string;
  priority: number | undefined;
  match: 'all' | 'any';
  comparisons: ComparisonRow[];
  nested: Json | null;
  eventType: string;
  params: Array<{ key: string; value: string }>;
}

/** The whole ruleset as the form edits it. */
export interface RulesetForm {
  key: string;
  title: string;
  description: string;
  params: Array<{ key: string; value: string }>;
  facts: TypedName[];
  computed: Array<{ name: string; expression: string }>;
  rules: RuleRow[];
  outputs: TypedName[];
  decision: 'first' | 'all';
}

/** A literal as text: strings plain, everything else as JSON. */
function literalText(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** Text → literal: JSON when it parses as a number, boolean, null or array, else the string itself. */
export function parseLiteral(text: string, type?: string): unknown {
  const t = text.trim();
  if (type === 'string') return text;
  if (/^(-?\d+(\.\d+)?([eE][-+]?\d+)?|true|false|null)$/.test(t) || t.startsWith('[')) {
    try {
      return JSON.parse(t);
    } catch {
      return text;
    }
  }
  return text;
}

function typedNames(rec: Record<string, Json> | undefined): TypedName[] {
  return Object.entries(rec ?? {}).map(([name, f]) => ({
    name,
    type: f.type,
    enumText: Array.isArray(f.enum) ? f.enum.map(literalText).join(', ') : '',
    title: f.title ?? '',
    required: f.required,
  }));
}

function isComparison(c: Json): boolean {
  return c && typeof c === 'object' && 'fact' in c && 'operator' in c;
}

/** Ruleset JSON → the form. */
export function toForm(r: Json): RulesetForm {
  return {
    key: r.key ?? '',
    title: r.title ?? '',
    description: r.description ?? '',
    params: Object.entries(r.params ?? {}).map(([key, v]) => ({ key, value: literalText(v) })),
    facts: typedNames(r.facts),
    computed: Object.entries(r.computed ?? {}).map(([name, expression]) => ({ name, expression: String(expression) })),
    rules: (r.rules ?? []).map((rule: Json): RuleRow => {
      const match: 'all' | 'any' = rule.conditions?.any ? 'any' : 'all';
      const list: Json[] = rule.conditions?.[match] ?? [];
      const flat = !rule.conditions?.not && list.every(isComparison);
      return {
        name: rule.name,
        priority: rule.priority,
        match,
        comparisons: flat
          ? list.map((c) => ({ fact: c.fact, operator: c.operator, value: c.value && typeof c.value === 'object' && 'fact' in c.value ? `fact:${c.value.fact}` : literalText(c.value) }))
          : [],
        nested: flat ? null : rule.conditions,
        eventType: rule.event?.type ?? 'ruleset.result',
        params: Object.entries(rule.event?.params ?? {}).map(([key, v]) => ({ key, value: literalText(v) })),
      };
    }),
    outputs: typedNames(r.outputs),
    decision: r.decision ?? 'first',
  };
}

function typedRecord(list: TypedName[], withRequired: boolean): Record<string, Json> {
  return Object.fromEntries(
    list
      .filter((f) => f.name.trim())
      .map((f) => [
        f.name.trim(),
        {
          type: f.type,
          ...(f.enumText.trim() ? { enum: f.enumText.split(',').map((s) => parseLiteral(s.trim(), f.type)) } : {}),
          ...(withRequired && f.required ? { required: true } : {}),
          ...(f.title.trim() ? { title: f.title.trim() } : {}),
        },
      ]),
  );
}

/** The form → ruleset JSON (the server's zod schema and lint have the last word). */
export function fromForm(f: RulesetForm): Json {
  const factType = (name: string) => f.facts.find((x) => x.name === name)?.type;
  return {
    key: f.key,
    ...(f.title.trim() ? { title: f.title.trim() } : {}),
    ...(f.description.trim() ? { description: f.description.trim() } : {}),
    ...(f.params.length ? { params: Object.fromEntries(f.params.filter((p) => p.key.trim()).map((p) => [p.key.trim(), parseLiteral(p.value)])) } : {}),
    facts: typedRecord(f.facts, true),
    ...(f.computed.length ? { computed: Object.fromEntries(f.computed.filter((c) => c.name.trim()).map((c) => [c.name.trim(), c.expression])) } : {}),
    rules: f.rules.map((r) => ({
      name: r.name,
      ...(r.priority ? { priority: r.priority } : {}),
      conditions:
        r.nested ??
        {
          [r.match]: r.comparisons.map((c) => ({
            fact: c.fact,
            operator: c.operator,
            value: c.value.startsWith('fact:') ? { fact: c.value.slice(5) } : parseLiteral(c.value, ['in', 'notIn'].includes(c.operator) ? undefined : factType(c.fact)),
          })),
        },
      event: { type: r.eventType || 'ruleset.result', ...(r.params.length ? { params: Object.fromEntries(r.params.filter((p) => p.key.trim()).map((p) => [p.key.trim(), parseLiteral(p.value)])) } : {}) },
    })),
    outputs: typedRecord(f.outputs, false),
    decision: f.decision,
  };
}
