import type { FormComponentCatalogueEntry, FormSchema, LinkageRule } from '@safeflow/engine/forms';
import { childNames, nodeAt, outline, type NodePath } from './schemaNodes';

/** The document the designer edits: the form schema without compiled linkage, and the linkage rules as data. */
export interface DesignerState {
  /** Root schema (`type: 'object'`); every container's children carry `x-index` 0..n-1. */
  schema: FormSchema;
  linkage: LinkageRule[];
  /** Data paths of the fields of the latest published version: removing one deprecates it (hidden) instead. */
  published: string[];
}

/** What every command handler works with: the state (possibly a Vue proxy), the component catalogue and a name generator. */
export interface DesignerContext {
  state: DesignerState;
  components: ReadonlyMap<string, FormComponentCatalogueEntry>;
  /** A field name not used anywhere in the document yet, from a component-derived prefix. */
  newName(prefix: string): string;
}

/** Components that are parts of another (array add/remove buttons, table columns): not moved or removed on their own. */
export function isHelper(ctx: DesignerContext, node: FormSchema): boolean {
  const c = typeof node['x-component'] === 'string' ? ctx.components.get(node['x-component']) : undefined;
  return node.type === 'void' && !!node['x-component'] && !c?.group && node['x-component'] !== 'ArrayTable.Column';
}

/** The catalogue entry of a node's component, if any. */
export function entryOf(ctx: DesignerContext, node: FormSchema | undefined): FormComponentCatalogueEntry | undefined {
  const name = node?.['x-component'];
  return typeof name === 'string' ? ctx.components.get(name) : undefined;
}

/**
 * Whether fields may be dropped into the node at `path`: the root, a
 * `fields` container (Card, FormGrid...), or an array's row (`…, '*'`) when
 * the array `accepts: 'rows'`.
 */
export function acceptsFields(ctx: DesignerContext, path: NodePath): boolean {
  if (path.length === 0) return true;
  if (path[path.length - 1] === '*') return entryOf(ctx, nodeAt(ctx.state.schema, path.slice(0, -1)))?.accepts === 'rows';
  return entryOf(ctx, nodeAt(ctx.state.schema, path))?.accepts === 'fields';
}

/** The wrapper fields get in this container's rows (ArrayTable columns), if any. */
export function rowWrapperOf(ctx: DesignerContext, path: NodePath): FormSchema | undefined {
  if (path[path.length - 1] !== '*') return undefined;
  return entryOf(ctx, nodeAt(ctx.state.schema, path.slice(0, -1)))?.rowWrapper;
}

/** The index a drop "at the end" lands on: before trailing helpers such as a row's remove button. */
export function appendIndex(ctx: DesignerContext, parent: FormSchema): number {
  const names = childNames(parent);
  let i = names.length;
  while (i > 0) {
    const child = parent.properties![names[i - 1]!]!;
    const helper = isHelper(ctx, child) || (child['x-component'] === 'ArrayTable.Column' && Object.values(child.properties ?? {}).every((c) => isHelper(ctx, c)));
    if (!helper) break;
    i--;
  }
  return i;
}

/** Every property name in the document (names are unique document-wide). */
export function allNames(schema: FormSchema): Set<string> {
  return new Set(outline(schema).map((n) => n.name));
}

/** A name generator: `<prefix>_<4 base-36 chars>`, unique within the current document. `random` is injectable for tests. */
export function nameGenerator(getSchema: () => FormSchema, random: () => number = Math.random): (prefix: string) => string {
  return (prefix) => {
    const base = prefix.replace(/[^A-Za-z0-9]+/g, '').toLowerCase() || 'field';
    const taken = allNames(getSchema());
    for (;;) {
      const name = `${base}_${Math.floor(random() * 36 ** 4).toString(36).padStart(4, '0')}`;
      if (!taken.has(name)) return name;
    }
  };
}
