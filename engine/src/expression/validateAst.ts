import type { ExprNode } from './ExprNode';
import { expressionError } from './expressionError';
import { isForbiddenProperty, isForbiddenRoot } from './forbiddenNames';
import { EXPRESSION_LIMITS } from './limits';

const trusted = new WeakSet<object>();

const UNARY = new Set(['!', '-', '+', 'empty']);
const BINARY = new Set(['+', '-', '*', '/', '%', '==', '!=', '===', '!==', '<', '<=', '>', '>=']);
const LOGICAL = new Set(['&&', '||', '??']);

/** Records a root produced by the parser (frozen, already validated) so evaluation can skip {@link assertValidAst}. */
export function markTrusted(root: ExprNode): void {
  trusted.add(root);
}

/** Was `root` produced by the parser? */
export function isTrusted(root: unknown): root is ExprNode {
  return typeof root === 'object' && root !== null && trusted.has(root);
}

function invalid(message: string): Error {
  return expressionError('expression.invalid_ast', message);
}

function isNode(value: unknown): value is ExprNode {
  return (
    typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string'
  );
}

function list(value: unknown, what: string): readonly unknown[] {
  if (!Array.isArray(value)) throw invalid(`${what} must be an array`);
  if (value.length > EXPRESSION_LIMITS.maxLiteralItems)
    throw expressionError(
      'expression.too_large',
      `More than ${EXPRESSION_LIMITS.maxLiteralItems} items in a list`,
    );
  return value;
}

/**
 * Checks, without recursion, that `root` is a well-formed tree: known node
 * types and operators, primitive literals, string names that are not
 * forbidden, callees that are names or members, depth ≤ 1,000 and at most
 * 100,000 nodes (so cycles and huge shared DAGs are refused too).
 * Throws SafeFlowError `expression.invalid_ast`, `expression.forbidden`,
 * `expression.too_deep` or `expression.too_large`.
 */
export function assertValidAst(root: unknown): asserts root is ExprNode {
  const stack: [unknown, number][] = [[root, 1]];
  let count = 0;
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (!isNode(node)) throw invalid('Expected an expression node');
    if (depth > EXPRESSION_LIMITS.maxAstDepth) {
      throw expressionError(
        'expression.too_deep',
        `Expression tree is deeper than ${EXPRESSION_LIMITS.maxAstDepth} levels`,
        node.pos,
      );
    }
    if (++count > EXPRESSION_LIMITS.maxAstNodes) {
      throw expressionError(
        'expression.too_large',
        `Expression tree has more than ${EXPRESSION_LIMITS.maxAstNodes} nodes`,
      );
    }
    const d = depth + 1;
    switch (node.type) {
      case 'Literal': {
        const v: unknown = node.value;
        if (
          v !== null &&
          v !== undefined &&
          typeof v !== 'string' &&
          typeof v !== 'number' &&
          typeof v !== 'boolean'
        ) {
          throw invalid('A literal must be a string, number, boolean, null or undefined');
        }
        break;
      }
      case 'Identifier':
        if (typeof node.name !== 'string') throw invalid('An identifier name must be a string');
        if (isForbiddenRoot(node.name))
          throw expressionError('expression.forbidden', `Identifier '${node.name}' is forbidden`, node.pos);
        break;
      case 'Array':
        for (const e of list(node.elements, 'Array elements')) stack.push([e, d]);
        break;
      case 'Object':
        for (const p of list(node.properties, 'Object properties')) {
          const { key, value } = (p ?? {}) as { key?: unknown; value?: unknown };
          if (typeof key !== 'string') throw invalid('An object key must be a string');
          if (isForbiddenProperty(key))
            throw expressionError('expression.forbidden', `Property '${key}' is forbidden`, node.pos);
          stack.push([value, d]);
        }
        break;
      case 'Member':
        if (typeof node.property === 'string') {
          if (isForbiddenProperty(node.property))
            throw expressionError(
              'expression.forbidden',
              `Property '${node.property}' is forbidden`,
              node.pos,
            );
        } else {
          stack.push([node.property, d]);
        }
        stack.push([node.object, d]);
        break;
      case 'Call': {
        const callee: unknown = node.callee;
        if (!isNode(callee) || (callee.type !== 'Identifier' && callee.type !== 'Member')) {
          throw expressionError(
            'expression.forbidden_call',
            'Only named helpers and whitelisted methods can be called',
            node.pos,
          );
        }
        stack.push([callee, d]);
        for (const a of list(node.args, 'Call arguments')) stack.push([a, d]);
        break;
      }
      case 'Chain':
        stack.push([node.expression, d]);
        break;
      case 'Unary':
        if (!UNARY.has(node.operator)) throw invalid(`Unknown unary operator '${String(node.operator)}'`);
        stack.push([node.argument, d]);
        break;
      case 'Binary':
      case 'Logical':
        if (!(node.type === 'Binary' ? BINARY : LOGICAL).has(node.operator))
          throw invalid(`Unknown operator '${String(node.operator)}'`);
        stack.push([node.left, d], [node.right, d]);
        break;
      case 'Conditional':
        stack.push([node.test, d], [node.consequent, d], [node.alternate, d]);
        break;
      default:
        throw invalid(`Unknown node type '${String((node as { type: unknown }).type)}'`);
    }
  }
}
