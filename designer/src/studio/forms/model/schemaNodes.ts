import { orderedProperties, type FormSchema } from '@safeflow/engine/forms';

/**
 * Where a node sits in the schema document: property names from the root,
 * with `*` for an array's row schema (`items`). `[]` is the root.
 * E.g. `['section1', 'list1', '*', 'qty']`.
 */
export type NodePath = readonly string[];

/** JSON copy (works on Vue proxies, where structuredClone does not). */
export function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

/** The node at `path`, or undefined. */
export function nodeAt(root: FormSchema, path: NodePath): FormSchema | undefined {
  let node: FormSchema | undefined = root;
  for (const seg of path) {
    if (!node) return undefined;
    if (seg === '*') {
      const items: FormSchema | FormSchema[] | undefined = node.items;
      node = Array.isArray(items) ? items[0] : items;
    } else node = node.properties?.[seg];
  }
  return node;
}

/** The node at `path`; throws `designer.node_missing` when absent. */
export function mustNodeAt(root: FormSchema, path: NodePath): FormSchema {
  const n = nodeAt(root, path);
  if (!n) throw new Error(`designer.node_missing: ${path.join('.')}`);
  return n;
}

/** The container whose `properties` hold `path`'s node: the parent node (the row schema for `*` paths). */
export function parentPath(path: NodePath): NodePath {
  return path.slice(0, -1);
}

/** Child names in display order. */
export function childNames(node: FormSchema): string[] {
  return orderedProperties(node).map(([name]) => name);
}

/**
 * Rewrites `node.properties` in the order of `names` (keys not named are
 * dropped) and numbers `x-index` 0..n-1, so Formily and the JSON view agree.
 */
export function reorder(node: FormSchema, names: string[], extra: Record<string, FormSchema> = {}): void {
  const old = { ...(node.properties ?? {}), ...extra };
  const next: Record<string, FormSchema> = {};
  names.forEach((name, i) => {
    const child = old[name]!;
    child['x-index'] = i;
    next[name] = child;
  });
  node.properties = next;
}

/** Whether `ancestor` is `path` itself or one of its ancestors. */
export function isWithin(path: NodePath, ancestor: NodePath): boolean {
  return ancestor.length <= path.length && ancestor.every((s, i) => path[i] === s);
}

/** The data path of a node (void containers dropped, rows as `*`), as linkage and submissions address fields. */
export function dataPath(root: FormSchema, path: NodePath): string {
  const out: string[] = [];
  let node: FormSchema | undefined = root;
  for (const seg of path) {
    if (seg === '*') {
      node = nodeAt(node!, ['*']);
      out.push('*');
      continue;
    }
    node = node?.properties?.[seg];
    if (node && node.type !== 'void') out.push(seg);
  }
  return out.join('.');
}

/** One node of the outline tree. */
export interface OutlineNode {
  path: NodePath;
  name: string;
  schema: FormSchema;
  /** Data path (void containers omitted); '' for void nodes. */
  dataPath: string;
  depth: number;
}

/** Every node in document order (parents first), rows' fields under their array with `*` in the path. */
export function outline(root: FormSchema): OutlineNode[] {
  const out: OutlineNode[] = [];
  const visit = (node: FormSchema, path: NodePath, depth: number) => {
    for (const [name, child] of orderedProperties(node)) {
      const p = [...path, name];
      out.push({ path: p, name, schema: child, dataPath: child.type === 'void' ? '' : dataPath(root, p), depth });
      visit(child, p, depth + 1);
      if (child.type === 'array' && nodeAt(child, ['*'])) visit(nodeAt(child, ['*'])!, [...p, '*'], depth + 1);
    }
  };
  visit(root, [], 0);
  return out;
}

/** Numbers every container's children `x-index` 0..n-1 in display order (recursively, rows included). */
export function normalizeIndexes(node: FormSchema): void {
  if (node.properties) {
    reorder(node, childNames(node));
    for (const c of Object.values(node.properties)) normalizeIndexes(c);
  }
  const items = node.items;
  if (items && !Array.isArray(items)) normalizeIndexes(items);
}
