/**
 * For each node, the ids of the nodes it can reach by following sequence flows within its own
 * scope (a sub-process is one node at the level that contains it; its inside is a scope of its
 * own). A node is in its own set only when it lies on a cycle. An activity (a receive task too)
 * leads to its boundary events as well as along its outgoing flows (a timer, message or signal may
 * arrive while a token waits in it), so its set holds its boundary events and whatever they lead
 * to. The inclusive gateway join uses these sets to decide whether a token elsewhere in the scope
 * can still arrive. Timer, message and signal start events are starts like the none start event
 * (validate.ts judges reachability from all of them).
 */
import type { FlowNode, SequenceFlow } from './graph.js';

export function computeReachable(
  nodes: ReadonlyMap<string, FlowNode>,
  flows: ReadonlyMap<string, SequenceFlow>,
): ReadonlyMap<string, ReadonlySet<string>> {
  const next = new Map<string, string[]>();
  for (const node of nodes.values()) {
    const targets: string[] = [];
    for (const flowId of node.outgoing) {
      const flow = flows.get(flowId);
      const target = flow && nodes.get(flow.targetId);
      if (target && target.scopeId === node.scopeId) targets.push(target.id);
    }
    for (const boundaryId of node.boundaryEventIds) {
      if (nodes.get(boundaryId)?.scopeId === node.scopeId) targets.push(boundaryId);
    }
    next.set(node.id, targets);
  }
  const reachable = new Map<string, ReadonlySet<string>>();
  for (const id of nodes.keys()) {
    const seen = new Set<string>();
    const queue = [...(next.get(id) ?? [])];
    while (queue.length > 0) {
      const current = queue.pop() as string;
      if (seen.has(current)) continue;
      seen.add(current);
      queue.push(...(next.get(current) ?? []));
    }
    reachable.set(id, seen);
  }
  return reachable;
}
