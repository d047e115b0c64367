import type { FormSchema } from '@safeflow/engine/forms';
import type { CommandHandler } from '../CommandStack';
import { acceptsFields, isHelper, rowWrapperOf, type DesignerContext } from '../DesignerContext';
import { childNames, isWithin, mustNodeAt, nodeAt, parentPath, reorder, type NodePath } from '../schemaNodes';

/** `field.move`: reorder within a container or reparent into another (Card, Grid, an array's row). */
export interface MoveFieldContext {
  path: NodePath;
  newParent: NodePath;
  /** Position among the new parent's children (after the node left its old place). */
  index: number;
  oldOrder?: string[];
  newOrder?: string[];
  node?: FormSchema;
}

/**
 * Moves a node; refuses helpers (`designer.helper`), moves into itself
 * (`designer.move_into_self`), non-containers and table rows (a table's
 * fields live in columns: move the column, `designer.table_column`).
 */
export function moveFieldHandler(d: DesignerContext): CommandHandler<MoveFieldContext> {
  return {
    canExecute(ctx) {
      const node = nodeAt(d.state.schema, ctx.path);
      if (!node || ctx.path.length === 0) return 'designer.node_missing';
      if (isHelper(d, node)) return 'designer.helper';
      if (isWithin(ctx.newParent, ctx.path)) return 'designer.move_into_self';
      if (!acceptsFields(d, ctx.newParent)) return 'designer.not_a_container';
      const from = parentPath(ctx.path);
      const sameParent = from.join('\u0000') === ctx.newParent.join('\u0000');
      if (!sameParent && (rowWrapperOf(d, ctx.newParent) || rowWrapperOf(d, from))) return 'designer.table_column';
      return undefined;
    },
    execute(ctx) {
      const name = ctx.path[ctx.path.length - 1]!;
      const oldParent = mustNodeAt(d.state.schema, parentPath(ctx.path));
      const newParent = mustNodeAt(d.state.schema, ctx.newParent);
      ctx.node = oldParent.properties![name]!;
      ctx.oldOrder = childNames(oldParent);
      ctx.newOrder = childNames(newParent);
      const rest = ctx.oldOrder.filter((n) => n !== name);
      if (oldParent === newParent) {
        rest.splice(Math.max(0, Math.min(ctx.index, rest.length)), 0, name);
        reorder(oldParent, rest);
        return;
      }
      reorder(oldParent, rest);
      const names = [...ctx.newOrder];
      names.splice(Math.max(0, Math.min(ctx.index, names.length)), 0, name);
      reorder(newParent, names, { [name]: ctx.node });
    },
    revert(ctx) {
      const oldParent = mustNodeAt(d.state.schema, parentPath(ctx.path));
      const newParent = mustNodeAt(d.state.schema, ctx.newParent);
      const name = ctx.path[ctx.path.length - 1]!;
      if (oldParent !== newParent) reorder(newParent, ctx.newOrder!);
      reorder(oldParent, ctx.oldOrder!, { [name]: ctx.node! });
    },
  };
}

/** The path a node has after a move (for selection). */
export function movedPath(ctx: MoveFieldContext): NodePath {
  return [...ctx.newParent, ctx.path[ctx.path.length - 1]!];
}
