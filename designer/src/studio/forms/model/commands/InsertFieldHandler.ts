import type { FormComponentCatalogueEntry, FormSchema } from '@safeflow/engine/forms';
import type { CommandHandler } from '../CommandStack';
import { acceptsFields, appendIndex, rowWrapperOf, type DesignerContext } from '../DesignerContext';
import { childNames, clone, mustNodeAt, normalizeIndexes, reorder, type NodePath } from '../schemaNodes';

/** `field.insert`: a component from the palette dropped into a container. */
export interface InsertFieldContext {
  /** The container: `[]` (root), a Card/Grid path, or an array's row path (`[..., 'list', '*']`). */
  parent: NodePath;
  component: FormComponentCatalogueEntry;
  /** Position among the container's children; default: at the end (before trailing helpers). */
  index?: number;
  /** Filled in by execute: the generated field name (kept for redo). */
  name?: string;
  /** Filled in when the field was wrapped in a table column: the column's name. */
  wrapper?: string;
  oldOrder?: string[];
}

/** Builds the node a component inserts: its snippet, with the component's default props merged under the snippet's. */
function nodeFor(c: FormComponentCatalogueEntry): FormSchema {
  const node = clone(c.snippet ?? { type: 'string', 'x-component': c.name });
  if (Object.keys(c.defaultProps).length)
    node['x-component-props'] = { ...clone(c.defaultProps), ...((node['x-component-props'] as Record<string, unknown>) ?? {}) };
  return node;
}

/** Inserts a palette component (a field with a generated stable name); revert removes it. */
export function insertFieldHandler(d: DesignerContext): CommandHandler<InsertFieldContext> {
  return {
    canExecute(ctx) {
      if (!ctx.component.group) return 'designer.not_in_palette';
      return acceptsFields(d, ctx.parent) ? undefined : 'designer.not_a_container';
    },
    execute(ctx) {
      const parent = mustNodeAt(d.state.schema, ctx.parent);
      ctx.oldOrder = childNames(parent);
      ctx.name ??= d.newName(ctx.component.name.split('.')[0]!);
      let node = nodeFor(ctx.component);
      let key = ctx.name;
      const wrapper = rowWrapperOf(d, ctx.parent);
      if (wrapper) {
        ctx.wrapper ??= d.newName('col');
        key = ctx.wrapper;
        node = { ...clone(wrapper), 'x-component-props': { title: node.title ?? ctx.name }, properties: { [ctx.name]: node } };
      }
      normalizeIndexes(node);
      const names = [...ctx.oldOrder];
      const at = Math.max(0, Math.min(ctx.index ?? appendIndex(d, parent), names.length));
      names.splice(at, 0, key);
      reorder(parent, names, { [key]: node });
    },
    revert(ctx) {
      reorder(mustNodeAt(d.state.schema, ctx.parent), ctx.oldOrder!);
    },
  };
}
