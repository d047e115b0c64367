/** Binding power of binary and logical operators (higher binds tighter); all left-associative. */
export const PRECEDENCE: ReadonlyMap<string, number> = new Map([
  ['??', 1],
  ['||', 2],
  ['&&', 3],
  ['==', 4],
  ['!=', 4],
  ['===', 4],
  ['!==', 4],
  ['<', 5],
  ['<=', 5],
  ['>', 5],
  ['>=', 5],
  ['+', 6],
  ['-', 6],
  ['*', 7],
  ['/', 7],
  ['%', 7],
]);

/** JUEL keyword operators and the symbolic operator each one parses to. */
export const JUEL_WORD_OPERATORS: ReadonlyMap<string, string> = new Map([
  ['and', '&&'],
  ['or', '||'],
  ['eq', '=='],
  ['ne', '!='],
  ['lt', '<'],
  ['gt', '>'],
  ['le', '<='],
  ['ge', '>='],
  ['div', '/'],
  ['mod', '%'],
]);

/** Words that are operators in JUEL and so cannot be names there. */
export const JUEL_KEYWORDS: ReadonlySet<string> = new Set([...JUEL_WORD_OPERATORS.keys(), 'not', 'empty']);

/** Names that are literals in both dialects. */
export const LITERALS: ReadonlyMap<string, boolean | null | undefined> = new Map<
  string,
  boolean | null | undefined
>([
  ['true', true],
  ['false', false],
  ['null', null],
  ['undefined', undefined],
]);
