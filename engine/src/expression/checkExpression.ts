import type { ExprNode, MemberNode } from './ExprNode';
import type { ExpressionDialect, ExpressionIssue } from './types';
import { ALLOWED_METHOD_NAMES } from './callMethod';
import { compileExpression } from './compileExpression';
import { evaluateNode } from './evaluate';
import { createEvalContext } from './evaluateExpression';
import { isExpressionError, toExpressionError } from './expressionError';
import { isForbiddenProperty } from './forbiddenNames';
import { BUILTIN_HELPERS } from './helpers';

/** Options of {@link checkExpression}. */
export interface CheckExpressionOptions {
  dialect: ExpressionDialect;
  /** Root names the host will supply; when given, any other root is reported as `expression.unknown_identifier`. */
  knownRoots?: string[];
  /** Names of host helpers (`EvalOptions.helpers`) besides the built-ins. */
  knownHelpers?: string[];
}

/** Turns a thrown error into an issue. */
export function issueOf(error: unknown): ExpressionIssue {
  const e = toExpressionError(error);
  const position = (e.details as { position?: unknown } | undefined)?.position;
  return typeof position === 'number'
    ? { code: e.code, message: e.message, position }
    : { code: e.code, message: e.message };
}

type Folded =
  { kind: 'value'; value: unknown } | { kind: 'dynamic' } | { kind: 'failed'; issue: ExpressionIssue };

/**
 * Evaluates a computed key with no scope and no host helpers: a key built
 * from literals alone (`'__pro' + 'to__'`) is known before run time, and one
 * that fails without reading the scope always fails.
 */
function fold(node: ExprNode, dialect: ExpressionDialect): Folded {
  try {
    const ctx = createEvalContext(() => ({ found: false }), { maxSteps: 1_000 }, dialect);
    return { kind: 'value', value: evaluateNode(node, ctx) };
  } catch (error) {
    const needsScope =
      isExpressionError(error) &&
      (error.code === 'expression.unknown_identifier' || error.code === 'expression.unknown_helper');
    return needsScope ? { kind: 'dynamic' } : { kind: 'failed', issue: issueOf(error) };
  }
}

class Checker {
  readonly issues: ExpressionIssue[] = [];
  private readonly roots: ReadonlySet<string> | undefined;
  private readonly helpers: ReadonlySet<string>;

  constructor(private readonly opts: CheckExpressionOptions) {
    this.roots = opts.knownRoots ? new Set(opts.knownRoots) : undefined;
    this.helpers = new Set([...BUILTIN_HELPERS.keys(), ...(opts.knownHelpers ?? [])]);
  }

  private report(code: string, message: string, position: number): void {
    this.issues.push({ code, message, position });
  }

  /** Checks the static or constant-folded name of a member; returns it when known. */
  private memberName(node: MemberNode): string | undefined {
    if (typeof node.property === 'string') return node.property;
    const folded = fold(node.property, this.opts.dialect);
    if (folded.kind === 'failed') this.issues.push(folded.issue);
    if (folded.kind !== 'value') return undefined;
    if (typeof folded.value === 'string' && isForbiddenProperty(folded.value)) {
      this.report('expression.forbidden', `Property '${folded.value}' is forbidden`, node.pos);
    }
    return typeof folded.value === 'string' ? folded.value : undefined;
  }

  visit(node: ExprNode): void {
    switch (node.type) {
      case 'Literal':
        return;
      case 'Identifier':
        if (this.roots && !this.roots.has(node.name))
          this.report('expression.unknown_identifier', `Cannot resolve identifier '${node.name}'`, node.pos);
        return;
      case 'Array':
        return node.elements.forEach((e) => this.visit(e));
      case 'Object':
        return node.properties.forEach((p) => this.visit(p.value));
      case 'Member':
        this.memberName(node);
        if (typeof node.property !== 'string') this.visit(node.property);
        return this.visit(node.object);
      case 'Call': {
        const callee = node.callee;
        if (callee.type === 'Identifier') {
          if (!this.helpers.has(callee.name))
            this.report('expression.unknown_helper', `Unknown helper '${callee.name}'`, callee.pos);
        } else {
          const name = this.memberName(callee);
          if (name === undefined)
            this.report('expression.forbidden_call', 'A method name must be written out', callee.pos);
          else if (!ALLOWED_METHOD_NAMES.has(name))
            this.report('expression.forbidden_call', `Method '${name}' is not allowed`, callee.pos);
          if (typeof callee.property !== 'string') this.visit(callee.property);
          this.visit(callee.object);
        }
        return node.args.forEach((a) => this.visit(a));
      }
      case 'Chain':
        return this.visit(node.expression);
      case 'Unary':
        return this.visit(node.argument);
      case 'Binary':
      case 'Logical':
        this.visit(node.left);
        return this.visit(node.right);
      case 'Conditional':
        this.visit(node.test);
        this.visit(node.consequent);
        return this.visit(node.alternate);
    }
  }
}

/**
 * Checks `src` without evaluating it: syntax and limits, forbidden names
 * (also computed keys built from literals), calls other than built-in or
 * `knownHelpers` helpers and whitelisted methods, and — when `knownRoots` is
 * given — root identifiers the host will not supply. Returns the issues in
 * source order; an empty array means the expression is safe to store. Never throws.
 */
export function checkExpression(src: string, opts: CheckExpressionOptions): ExpressionIssue[] {
  try {
    const checker = new Checker(opts);
    checker.visit(compileExpression(src, opts.dialect));
    return checker.issues.sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
  } catch (error) {
    return [issueOf(error)];
  }
}
