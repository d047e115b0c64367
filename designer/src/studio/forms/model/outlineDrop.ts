import { acceptsFields, type DesignerContext } from './DesignerContext';
import { childNames, mustNodeAt, parentPath, type NodePath } from './schemaNodes';

/** Where on an outline row a dragged node was dropped: its upper half, or its lower half. */
export type OutlineDropPosition = 'before' | 'after';

/** The `field.move` arguments for a drop in the outline tree. */
export interface OutlineMove {
  newParent: NodePath;
  index: number;
}

const same = (a: NodePath, b: NodePath) => a.join('\u0000') === b.join('\u0000');

/**
 * Turns a drop of `dragged` onto the outline row of `target` into a move:
 * on the upper half, before the target (in the target's container); on the
 * lower half of a container that takes fields (a Card, a section), into it
 * as its last child; on the lower half of a field, after it. `undefined`
 * for a drop onto the node itself. The index counts the new container's
 * children after the dragged node left its place (as `field.move` does).
 */
export function outlineMove(d: DesignerContext, dragged: NodePath, target: NodePath, position: OutlineDropPosition): OutlineMove | undefined {
  if (same(dragged, target)) return undefined;
  const draggedName = dragged[dragged.length - 1]!;
  if (position === 'after' && acceptsFields(d, target)) {
    const names = childNames(mustNodeAt(d.state.schema, target)).filter((n) => !(same(parentPath(dragged), target) && n === draggedName));
    return { newParent: target, index: names.length };
  }
  const parent = parentPath(target);
  const names = childNames(mustNodeAt(d.state.schema, parent)).filter((n) => !(same(parentPath(dragged), parent) && n === draggedName));
  const at = names.indexOf(target[target.length - 1]!);
  return { newParent: parent, index: position === 'before' ? at : at + 1 };
}
