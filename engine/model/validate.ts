/**
 * Structural rules checked on a built ProcessGraph (BPMN 2.0 §10, Camunda 7 where it is stricter):
 * - A process, and every embedded sub-process, has exactly one none start event ('start-event');
 *   a start event has no incoming sequence flow ('start-event'); an end event has no outgoing one
 *   ('end-event').
 * - An element without an outgoing flow is an implicit end, which BPMN allows; for a gateway that is
 *   more likely a mistake, so it is warned about ('gateway-without-outgoing'), but it runs as in Camunda 7.
 * - A diverging exclusive or inclusive gateway (more than one outgoing flow) whose outgoing flows
 *   have no condition at all and which has no default flow does not choose anything
 *   ('missing-condition', on the gateway). Where some flows have conditions, a flow without one is
 *   taken as always true, as in Camunda 7 (warning 'unconditioned-flow').
 * - A default flow with a condition: the condition is ignored (warning 'default-flow-condition').
 * - Conditions on flows leaving a parallel gateway are ignored (warning 'ignored-condition').
 * - A node that no path from its scope's start event reaches never runs (warning 'unreachable');
 *   the nodes inside an unreachable sub-process are not listed again.
 * Nodes next to an unsupported element (already an error) have an incomplete set of flows; the
 * gateway rules skip a node that lost an outgoing flow, and reachability is not judged in a scope that contains one, so
 * the report does not add consequences of one problem as problems of their own.
 */
import type { BuiltProcess } from './build-graph.js';
import type { FlowNode, ProcessGraph } from './graph.js';
import type { Problems } from './problems.js';

export function validateGraph({ graph, lostOutgoing, lostIncoming }: BuiltProcess, problems: Problems): void {
  const scopes: { id: string | null; label: string }[] = [{ id: null, label: `process '${graph.id}'` }];
  for (const node of graph.nodes.values()) {
    if (node.type === 'subProcess') scopes.push({ id: node.id, label: `subProcess '${node.id}'` });
  }
  for (const scope of scopes) checkStartEvents(graph, scope.id, scope.label, problems);
  for (const node of graph.nodes.values()) {
    checkFlowEnds(node, problems);
    if (!lostOutgoing.has(node.id)) checkGateway(graph, node, problems);
  }
  const incomplete = [...lostOutgoing, ...lostIncoming].map((id) => graph.nodes.get(id)?.scopeId);
  const judged = scopes.filter((scope) => !incomplete.includes(scope.id));
  checkReachability(graph, judged, problems);
}

function checkStartEvents(graph: ProcessGraph, scopeId: string | null, label: string, problems: Problems): void {
  const starts = [...graph.nodes.values()].filter((n) => n.type === 'startEvent' && n.scopeId === scopeId);
  const elementId = scopeId ?? graph.id;
  if (starts.length === 0) {
    problems.error('start-event', `${label} has no none start event, so it cannot be started.`, { elementId });
  } else if (starts.length > 1) {
    problems.error(
      'start-event',
      `${label} has ${starts.length} none start events (${starts.map((s) => `'${s.id}'`).join(', ')}); it must have exactly one.`,
      { elementId },
    );
  }
}

function checkFlowEnds(node: FlowNode, problems: Problems): void {
  if (node.type === 'startEvent' && node.incoming.length > 0) {
    problems.error('start-event', `startEvent '${node.id}' has incoming sequence flows; a start event cannot be entered.`, {
      elementId: node.id,
    });
  }
  if (node.type === 'endEvent' && node.outgoing.length > 0) {
    problems.error('end-event', `endEvent '${node.id}' has outgoing sequence flows; an end event cannot be left.`, {
      elementId: node.id,
    });
  }
}

function checkGateway(graph: ProcessGraph, node: FlowNode, problems: Problems): void {
  const isGateway = node.type === 'exclusiveGateway' || node.type === 'inclusiveGateway' || node.type === 'parallelGateway';
  if (!isGateway) {
    warnDefaultWithCondition(graph, node, problems);
    return;
  }
  if (node.outgoing.length === 0) {
    problems.warn(
      'gateway-without-outgoing',
      `${node.type} '${node.id}' has no outgoing sequence flow; a token reaching it ends there.`,
      { elementId: node.id },
    );
    return;
  }
  if (node.type === 'parallelGateway') {
    for (const flowId of node.outgoing) {
      if (graph.flows.get(flowId)?.condition) {
        problems.warn('ignored-condition', `sequenceFlow '${flowId}' leaves parallelGateway '${node.id}'; its condition is ignored.`, {
          elementId: flowId,
        });
      }
    }
    return;
  }
  warnDefaultWithCondition(graph, node, problems);
  if (node.outgoing.length < 2) return;
  const unconditioned = node.outgoing.filter((flowId) => flowId !== node.defaultFlowId && !graph.flows.get(flowId)?.condition);
  // A condition that failed to compile is already reported; do not call it missing too.
  const failed = node.outgoing.filter((flowId) => problems.hasErrorOn(flowId, ['conditionExpression', 'language']));
  if (failed.length > 0) return;
  if (unconditioned.length === node.outgoing.length) {
    problems.error(
      'missing-condition',
      `The diverging ${node.type} '${node.id}' has no condition on any outgoing flow (${node.outgoing.join(', ')}) and no default flow; ` +
        (node.type === 'inclusiveGateway' ? 'use a parallel gateway to take them all, or add conditions.' : 'add conditions or a default flow.'),
      { elementId: node.id },
    );
    return;
  }
  for (const flowId of unconditioned) {
    problems.warn(
      'unconditioned-flow',
      `sequenceFlow '${flowId}' leaves the diverging ${node.type} '${node.id}' without a condition and is not its default flow; it is always taken${node.type === 'exclusiveGateway' ? ' when reached in document order' : ''}.`,
      { elementId: flowId },
    );
  }
}

function warnDefaultWithCondition(graph: ProcessGraph, node: FlowNode, problems: Problems): void {
  if (node.defaultFlowId && graph.flows.get(node.defaultFlowId)?.condition) {
    problems.warn(
      'default-flow-condition',
      `sequenceFlow '${node.defaultFlowId}' is the default flow of '${node.id}' and has a condition; the condition is ignored.`,
      { elementId: node.defaultFlowId },
    );
  }
}

function checkReachability(graph: ProcessGraph, scopes: readonly { id: string | null }[], problems: Problems): void {
  const unreachable = new Set<string>();
  for (const scope of scopes) {
    if (scope.id !== null && unreachable.has(scope.id)) continue;
    const starts = [...graph.nodes.values()].filter((n) => n.type === 'startEvent' && n.scopeId === scope.id);
    if (starts.length !== 1) continue;
    const start = starts[0] as FlowNode;
    const reached = graph.reachable.get(start.id) ?? new Set<string>();
    for (const node of graph.nodes.values()) {
      if (node.scopeId !== scope.id || node.id === start.id || reached.has(node.id)) continue;
      if (insideUnreachable(graph, node, unreachable)) continue;
      unreachable.add(node.id);
      problems.warn('unreachable', `${node.type} '${node.id}' cannot be reached from start event '${start.id}'; it never runs.`, {
        elementId: node.id,
      });
    }
  }
}

function insideUnreachable(graph: ProcessGraph, node: FlowNode, unreachable: ReadonlySet<string>): boolean {
  for (let scope = node.scopeId; scope !== null; scope = graph.nodes.get(scope)?.scopeId ?? null) {
    if (unreachable.has(scope)) return true;
  }
  return false;
}
