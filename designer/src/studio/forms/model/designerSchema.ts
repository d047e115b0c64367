import { applyLinkage, compileLinkage, linkageRulesSchema, type FormSchema, type LinkageRule } from '@safeflow/engine/forms';
import { clone, normalizeIndexes, outline } from './schemaNodes';

/** Root key under which the designer keeps its linkage rules as data, next to the compiled reactions. */
export const DESIGNER_KEY = 'x-designer';

/** Canonical JSON (sorted keys) for structural equality. */
export function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : value,
  );
}

/** Data paths of every field (non-void node) of a schema. */
export function fieldPaths(schema: FormSchema): Set<string> {
  return new Set(outline(schema).filter((n) => n.dataPath).map((n) => n.dataPath));
}

/** The rules whose every condition field and target is a field of `schema` (only those can be compiled). */
export function compilableRules(schema: FormSchema, rules: LinkageRule[]): LinkageRule[] {
  const fields = fieldPaths(schema);
  return rules.filter((r) => {
    const conds = 'all' in r.when ? r.when.all : r.when.any;
    return conds.every((c) => fields.has(c.field)) && r.then.every((a) => fields.has(a.target));
  });
}

/**
 * The form schema the designer saves: its schema with the compiled
 * reactions of every compilable linkage rule appended to their targets
 * (engine `applyLinkage`: safe expressions, values as literals), and every
 * rule kept as data under `x-designer.linkage` so the logic tab reopens them.
 */
export function toFormSchema(schema: FormSchema, linkage: LinkageRule[]): FormSchema {
  const plain = clone(schema);
  const rules = clone(linkage);
  const out = applyLinkage(plain, compilableRules(plain, rules));
  if (rules.length) out[DESIGNER_KEY] = { linkage: rules };
  else delete out[DESIGNER_KEY];
  return out;
}

/** Result of {@link fromFormSchema}. */
export interface ImportedSchema {
  schema: FormSchema;
  linkage: LinkageRule[];
  /** Problems found while reading (e.g. linkage data the engine rejects, dropped). */
  warnings: string[];
}

function reactionsOf(node: FormSchema): unknown[] {
  const r = node['x-reactions'];
  return Array.isArray(r) ? r : r === undefined ? [] : [r];
}

/**
 * Reads a stored form schema into the designer: takes the rules from
 * `x-designer.linkage`, removes from each target exactly the reactions those
 * rules compile to (hand-written reactions stay), and numbers `x-index`.
 */
export function fromFormSchema(content: FormSchema): ImportedSchema {
  const schema = clone(content);
  const meta = schema[DESIGNER_KEY] as { linkage?: unknown } | undefined;
  delete schema[DESIGNER_KEY];
  const warnings: string[] = [];
  let linkage: LinkageRule[] = [];
  if (meta?.linkage !== undefined) {
    const parsed = linkageRulesSchema.safeParse(meta.linkage);
    if (parsed.success) linkage = parsed.data;
    else warnings.push('designer.linkage_unreadable');
  }
  const byPath = new Map(outline(schema).filter((n) => n.dataPath).map((n) => [n.dataPath, n.schema]));
  for (const { target, reaction } of compileLinkage(compilableRules(schema, linkage))) {
    const node = byPath.get(target);
    if (!node) continue;
    const list = reactionsOf(node);
    const i = list.findIndex((r) => canonical(r) === canonical(reaction));
    if (i < 0) continue;
    list.splice(i, 1);
    if (list.length) node['x-reactions'] = list;
    else delete node['x-reactions'];
  }
  normalizeIndexes(schema);
  return { schema, linkage, warnings };
}
