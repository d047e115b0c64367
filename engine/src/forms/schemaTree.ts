import { itemsSchema, orderedProperties, type FormSchema } from './FormSchema';

/** A schema node with its JSON location, independent of any values (array rows appear once, as `*`). */
export interface SchemaTreeNode {
  schema: FormSchema;
  name: string;
  /** JSON path of the node in the schema document, e.g. `properties.rows.items.properties.qty`. */
  jsonPath: string;
  /** Formily address with `*` for array rows, e.g. `card.rows.*.qty`. */
  address: string;
  /** Data path with `*` for array rows, e.g. `rows.*.qty` (void containers omitted). */
  path: string;
  isVoid: boolean;
}

function join(a: string, b: string): string {
  return a ? `${a}.${b}` : b;
}

/** Every property node of a schema, parents first. */
export function schemaTree(root: FormSchema): SchemaTreeNode[] {
  const out: SchemaTreeNode[] = [];
  const visit = (schema: FormSchema, jsonPath: string, address: string, path: string) => {
    for (const [name, child] of orderedProperties(schema)) {
      const isVoid = child.type === 'void';
      const node: SchemaTreeNode = {
        schema: child,
        name,
        jsonPath: join(jsonPath, `properties.${name}`),
        address: join(address, name),
        path: isVoid ? path : join(path, name),
        isVoid,
      };
      out.push(node);
      visit(child, node.jsonPath, node.address, node.path);
      const items = child.type === 'array' ? itemsSchema(child) : undefined;
      if (items)
        visit(
          items,
          `${node.jsonPath}.items${Array.isArray(child.items) ? '[0]' : ''}`,
          join(node.address, '*'),
          join(node.path, '*'),
        );
    }
  };
  visit(root, '', '', '');
  return out;
}
