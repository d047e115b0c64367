/** Unary operators; JUEL `not` is parsed as `!`, JUEL `empty` stays `empty`. */
export type UnaryOperator = '!' | '-' | '+' | 'empty';

/** Binary operators; JUEL keyword forms (`eq`, `lt`, `div`, `mod`, ...) are parsed to these symbols. */
export type BinaryOperator =
  '+' | '-' | '*' | '/' | '%' | '==' | '!=' | '===' | '!==' | '<' | '<=' | '>' | '>=';

/** Short-circuit operators; JUEL `and`/`or` are parsed to `&&`/`||`. */
export type LogicalOperator = '&&' | '||' | '??';

/** A literal value written in the source. */
export interface LiteralNode {
  readonly type: 'Literal';
  readonly value: string | number | boolean | null | undefined;
  readonly pos: number;
}

/** A root name, resolved through the scope (or, in call position, a helper name). */
export interface IdentifierNode {
  readonly type: 'Identifier';
  readonly name: string;
  readonly pos: number;
}

/** `[a, b]`. */
export interface ArrayNode {
  readonly type: 'Array';
  readonly elements: readonly ExprNode[];
  readonly pos: number;
}

/** `{ a: 1, 'b': x }`; keys are always static. */
export interface ObjectNode {
  readonly type: 'Object';
  readonly properties: readonly { readonly key: string; readonly value: ExprNode }[];
  readonly pos: number;
}

/**
 * `a.b`, `a['b']` (both a static `property` string), `a[expr]` (a computed
 * `property` node); `optional` marks `?.`.
 */
export interface MemberNode {
  readonly type: 'Member';
  readonly object: ExprNode;
  readonly property: string | ExprNode;
  readonly optional: boolean;
  readonly pos: number;
}

/** `helper(args)` (callee an Identifier) or `value.method(args)` (callee a Member). */
export interface CallNode {
  readonly type: 'Call';
  readonly callee: IdentifierNode | MemberNode;
  readonly args: readonly ExprNode[];
  readonly optional: boolean;
  readonly pos: number;
}

/** Wraps a member/call chain that contains `?.`: a short-circuit anywhere in it makes the whole chain missing. */
export interface ChainNode {
  readonly type: 'Chain';
  readonly expression: ExprNode;
  readonly pos: number;
}

/** `!a`, `-a`, `+a`, JUEL `empty a`. */
export interface UnaryNode {
  readonly type: 'Unary';
  readonly operator: UnaryOperator;
  readonly argument: ExprNode;
  readonly pos: number;
}

/** Arithmetic and comparison. */
export interface BinaryNode {
  readonly type: 'Binary';
  readonly operator: BinaryOperator;
  readonly left: ExprNode;
  readonly right: ExprNode;
  readonly pos: number;
}

/** `&&`, `||`, `??` (short-circuit). */
export interface LogicalNode {
  readonly type: 'Logical';
  readonly operator: LogicalOperator;
  readonly left: ExprNode;
  readonly right: ExprNode;
  readonly pos: number;
}

/** `test ? consequent : alternate`. */
export interface ConditionalNode {
  readonly type: 'Conditional';
  readonly test: ExprNode;
  readonly consequent: ExprNode;
  readonly alternate: ExprNode;
  readonly pos: number;
}

/**
 * A parsed expression. Trees returned by `parseExpression` are deeply frozen
 * and may be cached and shared; `pos` is the source offset of the node.
 */
export type ExprNode =
  | LiteralNode
  | IdentifierNode
  | ArrayNode
  | ObjectNode
  | MemberNode
  | CallNode
  | ChainNode
  | UnaryNode
  | BinaryNode
  | LogicalNode
  | ConditionalNode;
