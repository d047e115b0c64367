import type {
  BinaryOperator,
  CallNode,
  ExprNode,
  IdentifierNode,
  LogicalOperator,
  MemberNode,
  UnaryOperator,
} from './ExprNode';
import { expressionError } from './expressionError';
import { isForbiddenProperty, isForbiddenRoot, RESERVED_WORDS } from './forbiddenNames';
import { EXPRESSION_LIMITS } from './limits';
import { JUEL_KEYWORDS, JUEL_WORD_OPERATORS, LITERALS, PRECEDENCE } from './operators';
import type { Token } from './tokenize';

function syntax(message: string, pos: number): Error {
  return expressionError('expression.syntax', message, pos);
}

function describe(t: Token): string {
  if (t.type === 'eof') return 'end of expression';
  if (t.type === 'string') return 'string';
  return `'${String(t.value)}'`;
}

/**
 * Precedence-climbing parser over one token list. Recursion is bounded by
 * {@link EXPRESSION_LIMITS.maxNesting}; every node is frozen as it is built.
 * Use {@link parseExpression}, which adds the length limit, validation and error mapping.
 */
export class ExpressionParser {
  private index = 0;
  private nesting = 0;

  constructor(
    private readonly tokens: readonly Token[],
    private readonly juel: boolean,
  ) {}

  /** Parses the whole token list as one expression; throws `expression.*` SafeFlowErrors. */
  parseRoot(): ExprNode {
    if (this.peek().type === 'eof') throw syntax('Empty expression', 0);
    const node = this.parseConditional();
    const rest = this.peek();
    if (rest.type !== 'eof') throw this.unexpected(rest);
    return node;
  }

  private parseConditional(): ExprNode {
    this.enter(this.peek().pos);
    const test = this.parseBinary(1);
    let node = test;
    if (this.isPunct('?')) {
      this.index++;
      const consequent = this.parseConditional();
      this.expectPunct(':');
      const alternate = this.parseConditional();
      node = Object.freeze({ type: 'Conditional', test, consequent, alternate, pos: test.pos });
    }
    this.nesting--;
    return node;
  }

  private parseBinary(minPrecedence: number): ExprNode {
    let left = this.parseUnary();
    for (;;) {
      const token = this.peek();
      const operator = this.binaryOperator(token);
      if (operator === undefined) return left;
      const precedence = PRECEDENCE.get(operator)!;
      if (precedence < minPrecedence) return left;
      this.index++;
      const right = this.parseBinary(precedence + 1);
      left =
        operator === '&&' || operator === '||' || operator === '??'
          ? Object.freeze({
              type: 'Logical',
              operator: operator as LogicalOperator,
              left,
              right,
              pos: token.pos,
            })
          : Object.freeze({
              type: 'Binary',
              operator: operator as BinaryOperator,
              left,
              right,
              pos: token.pos,
            });
    }
  }

  private binaryOperator(t: Token): string | undefined {
    if (t.type === 'punct') {
      const op = t.value as string;
      if (!PRECEDENCE.has(op)) return undefined;
      if (this.juel && (op === '===' || op === '!==')) {
        throw syntax(`'${op}' is not JUEL; use '${op === '===' ? '==' : '!='}' at position ${t.pos}`, t.pos);
      }
      return op;
    }
    if (this.juel && t.type === 'name') return JUEL_WORD_OPERATORS.get(t.value as string);
    return undefined;
  }

  private parseUnary(): ExprNode {
    const t = this.peek();
    let operator: UnaryOperator | undefined;
    if (t.type === 'punct' && (t.value === '!' || t.value === '-' || t.value === '+')) operator = t.value;
    else if (this.juel && t.type === 'name' && (t.value === 'not' || t.value === 'empty'))
      operator = t.value === 'not' ? '!' : 'empty';
    if (operator === undefined) return this.parsePostfix();
    this.index++;
    this.enter(t.pos);
    const argument = this.parseUnary();
    this.nesting--;
    return Object.freeze({ type: 'Unary', operator, argument, pos: t.pos });
  }

  private parsePostfix(): ExprNode {
    const start = this.peek().pos;
    let node = this.parsePrimary();
    let chained = false;
    for (;;) {
      const t = this.peek();
      if (t.type !== 'punct') break;
      if (t.value === '.') {
        this.index++;
        node = this.member(node, this.propertyName(), false, t.pos);
      } else if (t.value === '?.') {
        this.index++;
        chained = true;
        if (this.isPunct('[')) node = this.computedMember(node, true, t.pos);
        else if (this.isPunct('(')) node = this.call(node, true, t.pos);
        else node = this.member(node, this.propertyName(), true, t.pos);
      } else if (t.value === '[') {
        node = this.computedMember(node, false, t.pos);
      } else if (t.value === '(') {
        node = this.call(node, false, t.pos);
      } else {
        break;
      }
    }
    return chained ? Object.freeze({ type: 'Chain', expression: node, pos: start }) : node;
  }

  private member(object: ExprNode, property: string | ExprNode, optional: boolean, pos: number): MemberNode {
    return Object.freeze({ type: 'Member', object, property, optional, pos });
  }

  private propertyName(): string {
    const t = this.next();
    if (t.type !== 'name') throw this.unexpected(t);
    return this.allowedKey(t.value as string, t.pos);
  }

  private allowedKey(name: string, pos: number): string {
    if (isForbiddenProperty(name))
      throw expressionError('expression.forbidden', `Property '${name}' is forbidden (position ${pos})`, pos);
    return name;
  }

  private computedMember(object: ExprNode, optional: boolean, pos: number): MemberNode {
    this.expectPunct('[');
    const key = this.parseConditional();
    this.expectPunct(']');
    const property =
      key.type === 'Literal' && typeof key.value === 'string' ? this.allowedKey(key.value, key.pos) : key;
    return this.member(object, property, optional, pos);
  }

  private call(callee: ExprNode, optional: boolean, pos: number): CallNode {
    if (callee.type !== 'Identifier' && callee.type !== 'Member') {
      throw expressionError(
        'expression.forbidden_call',
        `Only named helpers and whitelisted methods can be called (position ${pos})`,
        pos,
      );
    }
    const args = this.list('(', ')', () => this.parseConditional());
    return Object.freeze({
      type: 'Call',
      callee: callee as IdentifierNode | MemberNode,
      args,
      optional,
      pos,
    });
  }

  /** Parses `open item, item, ... close` (trailing comma allowed, no holes), bounded in length. */
  private list<T>(open: string, close: string, item: () => T): readonly T[] {
    const start = this.expectPunct(open);
    const items: T[] = [];
    while (!this.isPunct(close)) {
      if (items.length >= EXPRESSION_LIMITS.maxLiteralItems) {
        throw expressionError(
          'expression.too_large',
          `More than ${EXPRESSION_LIMITS.maxLiteralItems} items in a list (position ${start.pos})`,
          start.pos,
        );
      }
      items.push(item());
      if (this.isPunct(',')) this.index++;
      else if (!this.isPunct(close)) throw this.unexpected(this.peek());
    }
    this.index++;
    return Object.freeze(items);
  }

  private parsePrimary(): ExprNode {
    const t = this.peek();
    switch (t.type) {
      case 'number':
      case 'string':
        this.index++;
        return Object.freeze({ type: 'Literal', value: t.value, pos: t.pos });
      case 'name':
        this.index++;
        return this.parseName(t);
      case 'eof':
        throw syntax('Unexpected end of expression', t.pos);
    }
    if (t.value === '(') {
      this.index++;
      if (this.isPunct(')'))
        throw syntax(`Unexpected '()' at position ${t.pos}: arrow functions are not supported`, t.pos);
      const inner = this.parseConditional();
      this.expectPunct(')');
      return inner;
    }
    if (t.value === '[') {
      const elements = this.list('[', ']', () => this.parseConditional());
      return Object.freeze({ type: 'Array', elements, pos: t.pos });
    }
    if (t.value === '{') {
      const properties = this.list('{', '}', () => this.parseProperty());
      return Object.freeze({ type: 'Object', properties, pos: t.pos });
    }
    throw this.unexpected(t);
  }

  private parseName(t: Token): ExprNode {
    const name = t.value as string;
    if (LITERALS.has(name)) return Object.freeze({ type: 'Literal', value: LITERALS.get(name), pos: t.pos });
    if (RESERVED_WORDS.has(name)) throw syntax(`'${name}' is not supported (position ${t.pos})`, t.pos);
    if (this.juel && JUEL_KEYWORDS.has(name)) throw this.unexpected(t);
    if (isForbiddenRoot(name))
      throw expressionError(
        'expression.forbidden',
        `Identifier '${name}' is forbidden (position ${t.pos})`,
        t.pos,
      );
    return Object.freeze({ type: 'Identifier', name, pos: t.pos });
  }

  private parseProperty(): { readonly key: string; readonly value: ExprNode } {
    this.enter(this.peek().pos);
    const t = this.next();
    let key: string;
    if (t.type === 'name' || t.type === 'string') key = t.value as string;
    else if (t.type === 'number') key = String(t.value);
    else throw this.unexpected(t);
    this.allowedKey(key, t.pos);
    let value: ExprNode;
    if (this.isPunct(':')) {
      this.index++;
      value = this.parseConditional();
    } else if (t.type === 'name') {
      value = this.parseName(t); // shorthand `{ a }`
      if (value.type !== 'Identifier') throw this.unexpected(this.peek());
    } else {
      throw this.unexpected(this.peek());
    }
    this.nesting--;
    return Object.freeze({ key, value });
  }

  private enter(pos: number): void {
    if (++this.nesting > EXPRESSION_LIMITS.maxNesting) {
      throw expressionError(
        'expression.too_deep',
        `Expression nests deeper than ${EXPRESSION_LIMITS.maxNesting} levels (position ${pos})`,
        pos,
      );
    }
  }

  private peek(): Token {
    return this.tokens[this.index];
  }

  private next(): Token {
    const t = this.tokens[this.index];
    if (t.type !== 'eof') this.index++;
    return t;
  }

  private isPunct(value: string): boolean {
    const t = this.tokens[this.index];
    return t.type === 'punct' && t.value === value;
  }

  private expectPunct(value: string): Token {
    const t = this.peek();
    if (t.type !== 'punct' || t.value !== value) throw this.unexpected(t, value);
    this.index++;
    return t;
  }

  private unexpected(t: Token, expected?: string): Error {
    const what = `Unexpected ${describe(t)} at position ${t.pos}`;
    return syntax(expected ? `${what}, expected '${expected}'` : what, t.pos);
  }
}
