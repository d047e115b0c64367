import type { OrgItem } from './dashboardsApi';

/** A node of the org picker. */
export interface OrgNode {
  id: string;
  name: string;
  children: OrgNode[];
}

/** The orgs of the caller's scope as a tree (roots: orgs whose parent is not in the list), in path order. */
export function orgTree(orgs: OrgItem[]): OrgNode[] {
  const nodes = new Map(orgs.map((o) => [o.id, { id: o.id, name: o.name, children: [] as OrgNode[] }]));
  const roots: OrgNode[] = [];
  for (const o of [...orgs].sort((a, b) => a.path.localeCompare(b.path))) {
    const parent = o.parentId ? nodes.get(o.parentId) : undefined;
    (parent ? parent.children : roots).push(nodes.get(o.id)!);
  }
  return roots;
}
