import type { FormSchema } from '@safeflow/engine/forms';
import type { CommandHandler } from '../CommandStack';
import { isHelper, type DesignerContext } from '../DesignerContext';
import { childNames, dataPath, mustNodeAt, nodeAt, outline, parentPath, reorder, type NodePath } from '../schemaNodes';

/** `field.remove`: deletes a node, or — when it (or a field inside it) was published — deprecates it (hidden). */
export interface RemoveFieldContext {
  path: NodePath;
  mode?: 'delete' | 'deprecate';
  oldOrder?: string[];
  node?: FormSchema;
  oldDisplay?: unknown;
  oldDeprecated?: unknown;
}

/** Whether the node at `path` or any field inside it is in the latest published version. */
export function holdsPublished(d: DesignerContext, path: NodePath): boolean {
  const published = new Set(d.state.published);
  if (published.size === 0) return false;
  const node = nodeAt(d.state.schema, path);
  if (!node) return false;
  if (node.type !== 'void' && published.has(dataPath(d.state.schema, path))) return true;
  return outline(d.state.schema).some((n) => n.path.length > path.length && path.every((s, i) => n.path[i] === s) && n.dataPath && published.has(n.dataPath));
}

/**
 * Removes a node. Published fields are never deleted (old submissions must
 * still render): they get `x-display: 'hidden'` and `x-deprecated: true`.
 * Refuses helpers (`designer.helper`).
 */
export function removeFieldHandler(d: DesignerContext): CommandHandler<RemoveFieldContext> {
  return {
    canExecute(ctx) {
      const node = nodeAt(d.state.schema, ctx.path);
      if (!node || ctx.path.length === 0) return 'designer.node_missing';
      return isHelper(d, node) ? 'designer.helper' : undefined;
    },
    execute(ctx) {
      ctx.mode ??= holdsPublished(d, ctx.path) ? 'deprecate' : 'delete';
      const parent = mustNodeAt(d.state.schema, parentPath(ctx.path));
      const name = ctx.path[ctx.path.length - 1]!;
      const node = parent.properties![name]!;
      if (ctx.mode === 'deprecate') {
        ctx.oldDisplay = node['x-display'];
        ctx.oldDeprecated = node['x-deprecated'];
        node['x-display'] = 'hidden';
        node['x-deprecated'] = true;
        return;
      }
      ctx.node = node;
      ctx.oldOrder = childNames(parent);
      reorder(
        parent,
        ctx.oldOrder.filter((n) => n !== name),
      );
    },
    revert(ctx) {
      const parent = mustNodeAt(d.state.schema, parentPath(ctx.path));
      const name = ctx.path[ctx.path.length - 1]!;
      if (ctx.mode === 'deprecate') {
        const node = parent.properties![name]!;
        for (const [k, v] of [['x-display', ctx.oldDisplay], ['x-deprecated', ctx.oldDeprecated]] as const) {
          if (v === undefined) delete node[k];
          else node[k] = v;
        }
        return;
      }
      reorder(parent, ctx.oldOrder!, { [name]: ctx.node! });
    },
  };
}
