import type { PathIssue } from '../engineAdapters';
import type { LintTarget } from '../lintDefinition';
import type { Queryable } from '../orgContext';
import { analyzeProcess, danglingReferences } from './analyzeProcess';
import { ProcessContent } from './ProcessContent';

/**
 * The `process` kind's lint for {@link lintDefinition}. On save: the shape
 * (`{ xml }`), and that no other org of the tenant owns a process of this key
 * (the engine has one process key per tenant). On publish: everything
 * {@link analyzeProcess} checks; structural problems are returned as issues
 * (`definition.invalid`), references that do not resolve throw
 * `process.dangling_reference` (400, each reference in `details.references`).
 * The returned content on publish carries the resolved `references`.
 */
export async function lintProcess(
  db: Queryable,
  target: LintTarget,
  raw: unknown,
): Promise<{ issues: PathIssue[]; content: unknown }> {
  const shape = ProcessContent.safeParse(raw);
  if (!shape.success) {
    return {
      issues: shape.error.issues.map((i) => ({
        path: i.path.map(String).join('.'),
        code: i.code,
        message: i.message,
      })),
      content: raw,
    };
  }
  const taken = await db.query<{ org_path: string }>(
    `SELECT org_path FROM definition WHERE kind = 'process' AND def_key = ? AND tenant_id = ? AND org_path <> ?`,
    [target.key, target.tenantId, target.orgPath],
  );
  if (taken.length) {
    return {
      issues: [
        {
          path: 'key',
          code: 'process.key_taken',
          message: `Another org of this tenant already owns process '${target.key}' (one process key per tenant)`,
        },
      ],
      content: shape.data,
    };
  }
  if (target.phase === 'save') return { issues: [], content: shape.data };
  const a = await analyzeProcess(db, target, shape.data);
  if (a.issues.length) return { issues: a.issues, content: shape.data };
  if (a.dangling.length) throw danglingReferences(a.dangling);
  return { issues: [], content: { ...shape.data, references: a.references } };
}
