import { fieldKind, itemsSchema, orderedProperties, type FieldKind, type FormSchema } from './FormSchema';

/**
 * One field of a schema laid over concrete values: array rows are expanded
 * (one row node per item of the submitted array), void containers keep their
 * place in `address` but not in `path` — exactly Formily's addressing.
 */
export interface FieldNode {
  /** The schema of this node (for a row: the array's `items` schema). */
  schema: FormSchema;
  /** Property name, or the row index for array rows. */
  name: string;
  kind: FieldKind;
  /** Formily address (includes void containers), e.g. `card1.hasFire`. */
  address: string;
  /** Data path (excludes void containers), e.g. `hasFire`, `items.0.note`. */
  path: string;
  /** Path segments of `path`. */
  segments: string[];
  parent?: FieldNode;
  /** Required through the parent's draft-07 `required: [names]` array. */
  requiredByParent: boolean;
  /** True for the synthetic object node of one array row. */
  isRow: boolean;
  children: FieldNode[];
}

function join(base: string, name: string): string {
  return base ? `${base}.${name}` : name;
}

function getIn(values: unknown, segments: string[]): unknown {
  let cur = values;
  for (const s of segments) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[s];
  }
  return cur;
}

function childrenOf(
  parent: FieldNode | undefined,
  schema: FormSchema,
  baseAddress: string,
  baseSegments: string[],
  values: unknown,
): FieldNode[] {
  const requiredNames = Array.isArray(schema.required)
    ? schema.required.filter((x): x is string => typeof x === 'string')
    : [];
  const out: FieldNode[] = [];
  for (const [name, child] of orderedProperties(schema)) {
    const kind = fieldKind(child);
    const segments = kind === 'void' ? baseSegments : [...baseSegments, name];
    const node: FieldNode = {
      schema: child,
      name,
      kind,
      address: join(baseAddress, name),
      path: segments.join('.'),
      segments,
      parent,
      requiredByParent: requiredNames.includes(name),
      isRow: false,
      children: [],
    };
    node.children = expand(node, values);
    out.push(node);
  }
  return out;
}

function expand(node: FieldNode, values: unknown): FieldNode[] {
  if (node.kind === 'object' || node.kind === 'void')
    return childrenOf(node, node.schema, node.address, node.segments, values);
  if (node.kind === 'array') {
    const rows = getIn(values, node.segments);
    const items = itemsSchema(node.schema)!;
    if (!Array.isArray(rows)) return [];
    return rows.map((_, i) => {
      const segments = [...node.segments, String(i)];
      const row: FieldNode = {
        schema: items,
        name: String(i),
        kind: 'object',
        address: join(node.address, String(i)),
        path: segments.join('.'),
        segments,
        parent: node,
        requiredByParent: false,
        isRow: true,
        children: [],
      };
      row.children = childrenOf(row, items, row.address, segments, values);
      return row;
    });
  }
  return [];
}

const staticNodes = new WeakMap<FormSchema, FieldNode[]>();

function hasArrays(nodes: FieldNode[]): boolean {
  return nodes.some((n) => n.kind === 'array' || hasArrays(n.children));
}

/**
 * The top-level field nodes of a root object schema over `values`. Nodes of
 * a schema without array fields do not depend on the values and are cached
 * per schema object (schemas are treated as immutable); callers must not
 * mutate the returned nodes.
 */
export function collectFieldNodes(schema: FormSchema, values: unknown): FieldNode[] {
  const cached = staticNodes.get(schema);
  if (cached) return cached;
  const nodes = childrenOf(undefined, schema, '', [], values);
  if (!hasArrays(nodes)) staticNodes.set(schema, nodes);
  return nodes;
}

/** Depth-first, parents before children. */
export function* eachFieldNode(nodes: FieldNode[]): Generator<FieldNode> {
  for (const n of nodes) {
    yield n;
    yield* eachFieldNode(n.children);
  }
}

/** Reads a data path (segments) from a values tree; undefined when absent. */
export function readPath(values: unknown, segments: string[]): unknown {
  return getIn(values, segments);
}
