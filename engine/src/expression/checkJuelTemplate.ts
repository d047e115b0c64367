import type { ExpressionIssue } from './types';
import { checkExpression, issueOf } from './checkExpression';
import { shiftMessagePosition } from './expressionError';
import { splitJuelTemplate } from './splitJuelTemplate';

/**
 * Checks every `${...}`/`#{...}` part of a JUEL template with
 * {@link checkExpression} in the JUEL dialect; positions are offsets in the
 * template. Text without parts has no issues. Never throws.
 */
export function checkJuelTemplate(
  template: string,
  opts: { knownRoots?: string[]; knownHelpers?: string[] } = {},
): ExpressionIssue[] {
  try {
    const issues: ExpressionIssue[] = [];
    for (const part of splitJuelTemplate(template)) {
      if (part.kind !== 'expression') continue;
      for (const issue of checkExpression(part.source, { dialect: 'juel', ...opts })) {
        issues.push(
          issue.position === undefined
            ? { ...issue, position: part.start }
            : {
                ...issue,
                message: shiftMessagePosition(issue.message, issue.position, part.start),
                position: issue.position + part.start,
              },
        );
      }
    }
    return issues;
  } catch (error) {
    return [issueOf(error)];
  }
}
