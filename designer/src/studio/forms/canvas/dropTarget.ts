import type { FormDesignerSession } from '../useFormDesigner';
import { parentPath, type NodePath } from '../model/schemaNodes';
import { childNames, mustNodeAt } from '../model/schemaNodes';

/** Drag data type of a palette component (its name). */
export const COMPONENT_MIME = 'application/x-safeflow-component';
/** Drag data type of a canvas node (its path as JSON). */
export const NODE_MIME = 'application/x-safeflow-node';

/** What is being dragged. */
export type DragPayload = { component: string } | { node: NodePath };

/** Reads the payload of an HTML5 drag event (undefined when it is not ours). */
export function payloadOf(e: DragEvent): DragPayload | undefined {
  const dt = e.dataTransfer;
  if (!dt) return undefined;
  const component = dt.getData(COMPONENT_MIME);
  if (component) return { component };
  const node = dt.getData(NODE_MIME);
  if (node) return { node: JSON.parse(node) as NodePath };
  return undefined;
}

/** Whether a drag event carries a SafeFlow payload (types are readable during dragover, data is not). */
export function carriesPayload(e: DragEvent): boolean {
  const types = e.dataTransfer?.types ?? [];
  return types.includes(COMPONENT_MIME) || types.includes(NODE_MIME);
}

/**
 * Applies a drop at `index` of `parent`: a palette component is inserted, a
 * canvas node moved (its own old slot discounted when it moves down in the
 * same container). Returns the new node's path or the refusal code.
 */
export function performDrop(session: FormDesignerSession, payload: DragPayload, parent: NodePath, index: number): { path?: NodePath; refused?: string } {
  const d = session.designer;
  if ('component' in payload) {
    const r = session.run(() => d.insert(payload.component, parent, index));
    return r.ok ? { path: r.value } : { refused: r.code };
  }
  const from = parentPath(payload.node);
  let at = index;
  if (from.join('\u0000') === parent.join('\u0000')) {
    const old = childNames(mustNodeAt(d.state.schema, parent)).indexOf(payload.node[payload.node.length - 1]!);
    if (old >= 0 && old < index) at = index - 1;
  }
  const r = session.run(() => d.move(payload.node, parent, at));
  return r.ok ? { path: r.value } : { refused: r.code };
}

/** The drop zone under a screen point (pointer-event drags on touch screens), from its data attributes. */
export function dropZoneAt(x: number, y: number): { parent: NodePath; index: number } | undefined {
  const el = document.elementFromPoint(x, y)?.closest<HTMLElement>('[data-drop-parent]');
  if (!el) return undefined;
  return { parent: JSON.parse(el.dataset.dropParent!) as NodePath, index: Number(el.dataset.dropIndex) };
}
