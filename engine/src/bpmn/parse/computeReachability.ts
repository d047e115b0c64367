import type { ActivityDraft } from './buildActivity';

/**
 * For every inclusive gateway, the flow nodes of its container from which it
 * can still be reached along sequence flows (Camunda's inclusive-join rule).
 * A boundary event's path counts for its host activity: a token waiting in a
 * task could still leave through the boundary event towards the gateway.
 */
export function computeReachability(drafts: Map<string, ActivityDraft>): void {
  for (const gateway of drafts.values()) {
    if (gateway.kind !== 'inclusiveGateway') continue;
    const reach = new Set<string>();
    const stack = gateway.incoming.map((f) => f.sourceId);
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (reach.has(id)) continue;
      reach.add(id);
      const node = drafts.get(id);
      if (!node) continue;
      for (const f of node.incoming) stack.push(f.sourceId);
      if (node.kind === 'boundaryEvent' && node.attachedToId !== undefined) stack.push(node.attachedToId);
    }
    gateway.reachableFrom = reach;
  }
}
