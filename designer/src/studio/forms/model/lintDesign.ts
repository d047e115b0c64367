import { lintFormSchema, type LinkageRule } from '@safeflow/engine/forms';
import type { DesignerState } from './DesignerContext';
import { toFormSchema } from './designerSchema';
import { outline } from './schemaNodes';

/** One finding of the designer's lint panel. `error`s block publishing; `warning`s are shown. */
export interface DesignLintIssue {
  severity: 'error' | 'warning';
  code: string;
  /** The JSON path (engine lint), `linkage[i]` for a rule, or a field's data path. */
  path: string;
  message: string;
  /** Rule index for linkage findings. */
  rule?: number;
}

function ruleFields(rule: LinkageRule): Array<{ field: string; role: 'condition' | 'target' }> {
  const conds = 'all' in rule.when ? rule.when.all : rule.when.any;
  return [...conds.map((c) => ({ field: c.field, role: 'condition' as const })), ...rule.then.map((a) => ({ field: a.target, role: 'target' as const }))];
}

/** Linkage rules that name the field at `dataPath` (as a condition or a target), by index. */
export function linkageUsages(linkage: LinkageRule[], dataPath: string): number[] {
  return linkage.flatMap((r, i) => (ruleFields(r).some((f) => f.field === dataPath || f.field.startsWith(dataPath + '.')) ? [i] : []));
}

/**
 * Lints the document before save/publish: the engine's `lintFormSchema` over
 * the schema as it will be saved (unsafe expressions, unknown components,
 * dangling dependencies, bad patterns), linkage rules naming fields that are
 * gone (error: the rule is not compiled) or deprecated (warning), fields
 * sharing a data path, and an empty form.
 */
export function lintDesign(state: DesignerState): DesignLintIssue[] {
  const issues: DesignLintIssue[] = [];
  const nodes = outline(state.schema);
  const fields = new Map<string, number>();
  const deprecated = new Set<string>();
  for (const n of nodes) {
    if (!n.dataPath) continue;
    fields.set(n.dataPath, (fields.get(n.dataPath) ?? 0) + 1);
    if (n.schema['x-deprecated'] === true) deprecated.add(n.dataPath);
  }
  for (const i of lintFormSchema(toFormSchema(state.schema, state.linkage)))
    issues.push({ severity: 'error', code: i.code, path: i.path, message: i.message });
  state.linkage.forEach((rule, i) => {
    for (const f of ruleFields(rule)) {
      if (!fields.has(f.field))
        issues.push({ severity: 'error', code: 'designer.linkage_field_missing', path: `linkage[${i}]`, rule: i, message: `Rule ${i + 1}: ${f.role} field '${f.field}' no longer exists` });
      else if (deprecated.has(f.field))
        issues.push({ severity: 'warning', code: 'designer.linkage_field_deprecated', path: `linkage[${i}]`, rule: i, message: `Rule ${i + 1}: ${f.role} field '${f.field}' is deprecated` });
    }
  });
  for (const [path, count] of fields)
    if (count > 1) issues.push({ severity: 'error', code: 'designer.duplicate_path', path, message: `${count} fields share the data path '${path}'` });
  if (!nodes.some((n) => n.dataPath)) issues.push({ severity: 'warning', code: 'designer.empty', path: '', message: 'The form has no fields yet' });
  return issues;
}
