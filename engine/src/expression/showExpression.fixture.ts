import type { ExprNode } from './ExprNode';

/** Renders a tree fully parenthesised, so tests can state precedence and associativity as text. */
export function showExpression(node: ExprNode): string {
  switch (node.type) {
    case 'Literal':
      return typeof node.value === 'string' ? `'${node.value}'` : String(node.value);
    case 'Identifier':
      return node.name;
    case 'Array':
      return `[${node.elements.map(showExpression).join(', ')}]`;
    case 'Object':
      return `{${node.properties.map((p) => `${p.key}: ${showExpression(p.value)}`).join(', ')}}`;
    case 'Member': {
      const dot = node.optional ? '?.' : '.';
      return typeof node.property === 'string'
        ? `${showExpression(node.object)}${dot}${node.property}`
        : `${showExpression(node.object)}${node.optional ? '?.' : ''}[${showExpression(node.property)}]`;
    }
    case 'Call':
      return `${showExpression(node.callee)}${node.optional ? '?.' : ''}(${node.args.map(showExpression).join(', ')})`;
    case 'Chain':
      return `chain(${showExpression(node.expression)})`;
    case 'Unary':
      return `(${node.operator}${node.operator === 'empty' ? ' ' : ''}${showExpression(node.argument)})`;
    case 'Binary':
    case 'Logical':
      return `(${showExpression(node.left)} ${node.operator} ${showExpression(node.right)})`;
    case 'Conditional':
      return `(${showExpression(node.test)} ? ${showExpression(node.consequent)} : ${showExpression(node.alternate)})`;
  }
}
