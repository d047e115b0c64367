import type {
  BinaryNode,
  CallNode,
  ExprNode,
  IdentifierNode,
  LogicalNode,
  MemberNode,
  UnaryNode,
} from './ExprNode';
import { charge, limitLength, limitString, missingValue, stepLimit, type EvalContext } from './EvalContext';
import { callMethod } from './callMethod';
import { describeThrown, expressionError, isExpressionError } from './expressionError';
import { isForbiddenProperty, isForbiddenRoot } from './forbiddenNames';
import { BUILTIN_HELPERS } from './helpers';
import { checkValue, propertyKey, readMember } from './readMember';
import {
  compareValues,
  hasOwn,
  isEmptyValue,
  isTruthy,
  juelBoolean,
  juelEquals,
  looseEquals,
  toNumber,
  toText,
} from './values';

/** Returned inside a `?.` chain that short-circuited; the enclosing Chain node turns it into the missing value. */
export const SHORT_CIRCUIT: unique symbol = Symbol('expression.shortCircuit');

/**
 * Evaluates a validated tree: one step per node visited; identifiers through
 * the scope only; calls only to helpers by name and whitelisted methods.
 * Throws `expression.*` SafeFlowErrors; may return {@link SHORT_CIRCUIT} for a
 * hand-built tree that lacks a Chain node around `?.` (callers map it to missing).
 */
export function evaluateNode(node: ExprNode, ctx: EvalContext): unknown {
  if (++ctx.steps > ctx.maxSteps) throw stepLimit(ctx, node.pos);
  switch (node.type) {
    case 'Literal':
      return node.value;
    case 'Identifier':
      return resolveIdentifier(node, ctx);
    case 'Member':
      return evaluateMember(node, ctx);
    case 'Call':
      return evaluateCall(node, ctx);
    case 'Chain': {
      const value = evaluateNode(node.expression, ctx);
      return value === SHORT_CIRCUIT ? missingValue(ctx) : value;
    }
    case 'Unary':
      return evaluateUnary(node, ctx);
    case 'Binary':
      return evaluateBinary(node, ctx);
    case 'Logical':
      return evaluateLogical(node, ctx);
    case 'Conditional':
      return isTrue(evaluateNode(node.test, ctx), ctx)
        ? evaluateNode(node.consequent, ctx)
        : evaluateNode(node.alternate, ctx);
    case 'Array': {
      const out: unknown[] = [];
      for (const element of node.elements) out.push(evaluateNode(element, ctx));
      return out;
    }
    case 'Object': {
      const out: Record<string, unknown> = {};
      for (const { key, value } of node.properties) {
        if (isForbiddenProperty(key))
          throw expressionError('expression.forbidden', `Property '${key}' is forbidden`, node.pos);
        Object.defineProperty(out, key, {
          value: evaluateNode(value, ctx),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return out;
    }
  }
}

function isTrue(value: unknown, ctx: EvalContext): boolean {
  return ctx.dialect === 'juel' ? juelBoolean(value) : isTruthy(value);
}

function unknownIdentifier(name: string, position: number): Error {
  return expressionError('expression.unknown_identifier', `Cannot resolve identifier '${name}'`, position);
}

function resolveIdentifier(node: IdentifierNode, ctx: EvalContext): unknown {
  const name = node.name;
  if (isForbiddenRoot(name))
    throw expressionError('expression.forbidden', `Identifier '${name}' is forbidden`, node.pos);
  const scope = ctx.scope;
  if (typeof scope === 'function') {
    let answer: unknown;
    try {
      answer = scope(name);
    } catch (error) {
      if (isExpressionError(error)) throw error;
      throw expressionError(
        'expression.host_error',
        `Resolving '${name}' failed: ${describeThrown(error)}`,
        node.pos,
        error,
      );
    }
    const found =
      typeof answer === 'object' && answer !== null ? (answer as { found?: unknown }).found : undefined;
    if (found === true) return checkValue((answer as { value: unknown }).value, `'${name}'`, node.pos);
    if (found === false) throw unknownIdentifier(name, node.pos);
    throw expressionError(
      'expression.host_error',
      `The scope resolver gave no { found } answer for '${name}'`,
      node.pos,
    );
  }
  if (!hasOwn(scope, name)) throw unknownIdentifier(name, node.pos);
  return checkValue(scope[name], `'${name}'`, node.pos);
}

/** Evaluates a member's object; SHORT_CIRCUIT when a chain stops here. */
function memberBase(node: MemberNode, ctx: EvalContext, key: string | undefined): unknown {
  const object = evaluateNode(node.object, ctx);
  if (object === SHORT_CIRCUIT) return SHORT_CIRCUIT;
  if (object === null || object === undefined) {
    if (node.optional) return SHORT_CIRCUIT;
    if (ctx.dialect === 'juel') return SHORT_CIRCUIT; // EL: a property of null is null
    throw expressionError(
      'expression.null_access',
      `Cannot read '${key ?? '[computed]'}' of ${String(object)}`,
      node.pos,
    );
  }
  return object;
}

function memberKey(node: MemberNode, ctx: EvalContext): string | number {
  return typeof node.property === 'string'
    ? node.property
    : propertyKey(evaluateNode(node.property, ctx), node.pos);
}

function evaluateMember(node: MemberNode, ctx: EvalContext): unknown {
  const object = memberBase(node, ctx, typeof node.property === 'string' ? node.property : undefined);
  if (object === SHORT_CIRCUIT) return ctx.dialect === 'juel' && !node.optional ? null : SHORT_CIRCUIT;
  return readMember(object, memberKey(node, ctx), ctx, node.pos);
}

function evaluateArgs(node: CallNode, ctx: EvalContext): unknown[] {
  const args: unknown[] = [];
  for (const arg of node.args) args.push(evaluateNode(arg, ctx));
  return args;
}

function evaluateCall(node: CallNode, ctx: EvalContext): unknown {
  const callee = node.callee;
  if (callee.type === 'Identifier') return callHelper(callee.name, evaluateArgs(node, ctx), ctx, node.pos);
  if (callee.type !== 'Member')
    throw expressionError(
      'expression.forbidden_call',
      'Only named helpers and whitelisted methods can be called',
      node.pos,
    );
  const receiver = memberBase(callee, ctx, typeof callee.property === 'string' ? callee.property : undefined);
  if (receiver === SHORT_CIRCUIT) return ctx.dialect === 'juel' && !callee.optional ? null : SHORT_CIRCUIT;
  const name = memberKey(callee, ctx);
  if (typeof name !== 'string')
    throw expressionError('expression.forbidden_call', 'A method name must be a string', node.pos);
  if (isForbiddenProperty(name))
    throw expressionError('expression.forbidden', `Property '${name}' is forbidden`, node.pos);
  return finish(
    callMethod(receiver, name, evaluateArgs(node, ctx), ctx, node.pos),
    `Method '${name}'`,
    node.pos,
  );
}

function callHelper(name: string, args: unknown[], ctx: EvalContext, position: number): unknown {
  if (isForbiddenRoot(name))
    throw expressionError('expression.forbidden', `Identifier '${name}' is forbidden`, position);
  const host = ctx.hostHelpers;
  if (host !== undefined && hasOwn(host, name) && typeof host[name] === 'function') {
    charge(ctx, args.length);
    let result: unknown;
    try {
      result = Reflect.apply(host[name] as (...a: unknown[]) => unknown, undefined, args);
    } catch (error) {
      if (isExpressionError(error)) throw error;
      throw expressionError(
        'expression.helper_failed',
        `Helper '${name}' failed: ${describeThrown(error)}`,
        position,
        error,
      );
    }
    return finish(result, `Helper '${name}' result`, position);
  }
  const builtin = BUILTIN_HELPERS.get(name);
  if (builtin === undefined)
    throw expressionError('expression.unknown_helper', `Unknown helper '${name}'`, position);
  charge(ctx, args.length);
  return finish(builtin(args, ctx), `Helper '${name}' result`, position);
}

function finish(value: unknown, what: string, position: number): unknown {
  checkValue(value, what, position);
  return typeof value === 'string' ? limitString(value, position) : value;
}

function evaluateUnary(node: UnaryNode, ctx: EvalContext): unknown {
  const value = evaluateNode(node.argument, ctx);
  switch (node.operator) {
    case '!':
      return !isTrue(value, ctx);
    case '-':
      return -toNumber(value, ctx.dialect, node.pos);
    case '+':
      return toNumber(value, ctx.dialect, node.pos);
    case 'empty':
      return isEmptyValue(value);
  }
}

/** Operands of `+` that make Formily concatenate (JavaScript turns objects into text first). */
function concatenates(value: unknown): boolean {
  return typeof value === 'string' || (typeof value === 'object' && value !== null);
}

function add(left: unknown, right: unknown, ctx: EvalContext, position: number): unknown {
  if (typeof left === 'number' && typeof right === 'number') return left + right;
  if (ctx.dialect === 'formily' && (concatenates(left) || concatenates(right))) {
    const a = toText(left, ctx, 'js');
    const b = toText(right, ctx, 'js');
    limitLength(a.length + b.length, position);
    return a + b;
  }
  return toNumber(left, ctx.dialect, position) + toNumber(right, ctx.dialect, position);
}

function evaluateBinary(node: BinaryNode, ctx: EvalContext): unknown {
  const left = evaluateNode(node.left, ctx);
  const right = evaluateNode(node.right, ctx);
  const d = ctx.dialect;
  switch (node.operator) {
    case '===':
      return left === right;
    case '!==':
      return left !== right;
    case '==':
      return d === 'juel' ? juelEquals(left, right) : looseEquals(left, right);
    case '!=':
      return !(d === 'juel' ? juelEquals(left, right) : looseEquals(left, right));
    case '<':
    case '<=':
    case '>':
    case '>=':
      return compareValues(node.operator, left, right, d);
    case '+':
      return add(left, right, ctx, node.pos);
    case '-':
      return toNumber(left, d, node.pos) - toNumber(right, d, node.pos);
    case '*':
      return toNumber(left, d, node.pos) * toNumber(right, d, node.pos);
    case '/':
      return toNumber(left, d, node.pos) / toNumber(right, d, node.pos);
    case '%':
      return toNumber(left, d, node.pos) % toNumber(right, d, node.pos);
  }
}

function evaluateLogical(node: LogicalNode, ctx: EvalContext): unknown {
  const left = evaluateNode(node.left, ctx);
  if (ctx.dialect === 'juel') {
    switch (node.operator) {
      case '&&':
        return juelBoolean(left) && juelBoolean(evaluateNode(node.right, ctx));
      case '||':
        return juelBoolean(left) || juelBoolean(evaluateNode(node.right, ctx));
      case '??':
        return left === null || left === undefined ? evaluateNode(node.right, ctx) : left;
    }
  }
  switch (node.operator) {
    case '&&':
      return isTruthy(left) ? evaluateNode(node.right, ctx) : left;
    case '||':
      return isTruthy(left) ? left : evaluateNode(node.right, ctx);
    case '??':
      return left === null || left === undefined ? evaluateNode(node.right, ctx) : left;
  }
}
