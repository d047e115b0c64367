import { checkJuelTemplate, isJuelTemplate } from '../../expression';
import type { ExpressionModel } from '../model/ProcessModel';
import type { ParseIssues } from './ParseIssues';

/**
 * Wraps a text that may contain `${...}` into an {@link ExpressionModel},
 * recording an error for every problem `checkJuelTemplate` finds.
 */
export function readExpression(source: string, issues: ParseIssues, elementId: string | undefined, what: string): ExpressionModel {
  const dynamic = isJuelTemplate(source);
  if (dynamic) {
    for (const issue of checkJuelTemplate(source)) issues.error(`${what}: invalid expression '${source}': ${issue.message}`, elementId);
  }
  return { source, dynamic };
}
