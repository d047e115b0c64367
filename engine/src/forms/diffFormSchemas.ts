import type { FormSchema } from './FormSchema';
import { schemaTree, type SchemaTreeNode } from './schemaTree';

/** One changed attribute of a field. */
export interface FormAttributeChange {
  /** Schema key (`title`, `x-component-props`, `required`...) or `parent` when the field moved to another container. */
  key: string;
  before: unknown;
  after: unknown;
}

/** Result of {@link diffFormSchemas}. Fields are keyed by data path (rows as `*`); layout containers by `#` + address. */
export interface FormSchemaDiff {
  added: Array<{ path: string; title?: unknown; component?: unknown }>;
  removed: Array<{ path: string; title?: unknown; component?: unknown }>;
  changed: Array<{ path: string; changes: FormAttributeChange[] }>;
}

const NESTED = new Set([
  'properties',
  'items',
  'patternProperties',
  'additionalProperties',
  'additionalItems',
]);

function keyOf(n: SchemaTreeNode): string {
  return n.isVoid ? `#${n.address}` : n.path;
}

function own(schema: FormSchema): Record<string, unknown> {
  return Object.fromEntries(Object.entries(schema).filter(([k]) => !NESTED.has(k)));
}

function parentOf(n: SchemaTreeNode): string {
  const i = n.address.lastIndexOf('.');
  return i < 0 ? '' : n.address.slice(0, i);
}

/** Canonical JSON (sorted keys) so key order never shows up as a change. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(
          Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : value,
  );
}

/**
 * Compares two versions of a form schema field by field (for the
 * draft-vs-published diff): added and removed fields, and for fields present
 * in both the attributes whose values differ (`x-index` ordering included,
 * moves between layout containers reported as `parent`).
 */
export function diffFormSchemas(a: FormSchema, b: FormSchema): FormSchemaDiff {
  const before = new Map(schemaTree(a).map((n) => [keyOf(n), n]));
  const after = new Map(schemaTree(b).map((n) => [keyOf(n), n]));
  const diff: FormSchemaDiff = { added: [], removed: [], changed: [] };
  const summary = (path: string, n: SchemaTreeNode) => ({
    path,
    title: n.schema.title,
    component: n.schema['x-component'],
  });
  for (const [path, n] of before) if (!after.has(path)) diff.removed.push(summary(path, n));
  for (const [path, n] of after) {
    const old = before.get(path);
    if (!old) {
      diff.added.push(summary(path, n));
      continue;
    }
    const x = own(old.schema);
    const y = own(n.schema);
    const changes: FormAttributeChange[] = [];
    for (const key of [...new Set([...Object.keys(x), ...Object.keys(y)])].sort()) {
      if (canonical(x[key]) !== canonical(y[key])) changes.push({ key, before: x[key], after: y[key] });
    }
    if (!old.isVoid && parentOf(old) !== parentOf(n))
      changes.push({ key: 'parent', before: parentOf(old), after: parentOf(n) });
    if (changes.length) diff.changed.push({ path, changes });
  }
  return diff;
}
