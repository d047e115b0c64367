import type { CommandHandler } from '../CommandStack';
import type { DesignerContext } from '../DesignerContext';
import { clone, mustNodeAt, nodeAt, type NodePath } from '../schemaNodes';

/** Schema keys the property panel and validation tab may set (structure keys are changed by other commands). */
const STRUCTURAL = new Set(['properties', 'items', 'x-index']);

/** `field.update`: sets schema keys of one node (`undefined` deletes the key). */
export interface UpdateFieldContext {
  path: NodePath;
  set: Record<string, unknown>;
  old?: Record<string, unknown>;
}

/** Sets keys of a node (title, description, x-component-props, enum, required, x-validator...); revert restores the old values. */
export function updateFieldHandler(d: DesignerContext): CommandHandler<UpdateFieldContext> {
  return {
    canExecute(ctx) {
      if (!nodeAt(d.state.schema, ctx.path)) return 'designer.node_missing';
      return Object.keys(ctx.set).some((k) => STRUCTURAL.has(k)) ? 'designer.structural_key' : undefined;
    },
    execute(ctx) {
      const node = mustNodeAt(d.state.schema, ctx.path);
      ctx.old = {};
      for (const [k, v] of Object.entries(ctx.set)) {
        ctx.old[k] = clone(node[k]);
        if (v === undefined) delete node[k];
        else node[k] = clone(v);
      }
    },
    revert(ctx) {
      const node = mustNodeAt(d.state.schema, ctx.path);
      for (const [k, v] of Object.entries(ctx.old!)) {
        if (v === undefined) delete node[k];
        else node[k] = v;
      }
    },
  };
}
