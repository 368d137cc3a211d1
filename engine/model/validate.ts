/**
 * Structural rules checked on a built ProcessGraph (BPMN 2.0 §10, Camunda 7 where it is stricter):
 * - A process, and every embedded sub-process, has exactly one none start event ('start-event'),
 *   except that a process with timer, message or signal start events (any number, next to the none
 *   start event or without one) may have no none start event: it is then started by those only (its
 *   startEventId is '', and startProcess refuses it). A start event has no incoming sequence flow
 *   ('start-event'); an end event has no outgoing one ('end-event'); a boundary event has no
 *   incoming one ('boundary-event': it is entered from its activity).
 * - One message name, or one signal name, waits in one place per scope, as in Camunda 7: two
 *   message start events of a process with the same message name, or two message events waiting on
 *   one activity (its boundary events, and a receive task's own message) with the same name, are a
 *   'message-definition' error on the later one; the same for signals ('signal-definition'). Only
 *   plain-text names are compared; an expression's value is not known before it runs.
 * - An element without an outgoing flow is an implicit end, which BPMN allows; for a gateway that is
 *   more likely a mistake, so it is warned about ('gateway-without-outgoing'), but it runs as in Camunda 7.
 * - A diverging exclusive or inclusive gateway (more than one outgoing flow) whose outgoing flows
 *   have no condition at all and which has no default flow does not choose anything
 *   ('missing-condition', on the gateway). Where some flows have conditions, a flow without one is
 *   taken as always true, as in Camunda 7 (warning 'unconditioned-flow').
 * - A default flow with a condition: the condition is ignored (warning 'default-flow-condition').
 * - Conditions on flows leaving a parallel gateway are ignored (warning 'ignored-condition').
 * - A node that no path from its scope's start events (none, timer, message and signal) reaches
 *   never runs (warning 'unreachable'); a path goes on from an activity (a receive task too) through
 *   its boundary events, whatever they wait for. Start and boundary events are never called
 *   unreachable themselves (a boundary event of an unreachable activity is covered by the warning
 *   on the activity); the nodes inside an unreachable sub-process are not listed again.
 * - An event sub-process (BPMN 2.0 §10.3.5) has a start event with a timer, message, signal,
 *   error or escalation definition (exactly one, build-graph.ts), no incoming or outgoing sequence flow and no boundary
 *   event ('event-subprocess'). It is started by its event, so it is never called unreachable.
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
  for (const scope of scopes) {
    if (scope.id !== null && graph.nodes.get(scope.id)?.triggeredByEvent) checkEventSubprocess(graph, graph.nodes.get(scope.id)!, problems);
    else checkStartEvents(graph, scope.id, scope.label, problems);
  }
  checkTriggerNames(graph, problems);
  for (const node of graph.nodes.values()) {
    checkFlowEnds(node, problems);
    if (!lostOutgoing.has(node.id)) checkGateway(graph, node, problems);
    if (node.type === 'eventBasedGateway' && !lostOutgoing.has(node.id)) checkEventBasedGateway(graph, node, problems);
  }
  const incomplete = [...lostOutgoing, ...lostIncoming].map((id) => graph.nodes.get(id)?.scopeId);
  const judged = scopes.filter((scope) => !incomplete.includes(scope.id));
  checkReachability(graph, judged, problems);
}

/**
 * Event-based gateway (BPMN 2.0 §10.6.6): at least two outgoing flows, each to an intermediate catch
 * event with a timer, message or signal, or to a receive task, that the gateway alone leads to;
 * conditions on its flows mean nothing ('event-based-gateway').
 */
function checkEventBasedGateway(graph: ProcessGraph, node: FlowNode, problems: Problems): void {
  const fail = (message: string) => problems.error('event-based-gateway', `eventBasedGateway '${node.id}' ${message}`, { elementId: node.id });
  if (node.outgoing.length < 2) fail(`has ${node.outgoing.length} outgoing flow(s); it needs at least two events to wait for.`);
  for (const flowId of node.outgoing) {
    const flow = graph.flows.get(flowId);
    const target = flow && graph.nodes.get(flow.targetId);
    if (!flow || !target) continue;
    if (flow.condition) fail(`has a condition on its flow '${flowId}'; the first event decides, not a condition.`);
    // A catch event whose own definition is refused is reported on its own; only the type counts here.
    const waits = target.type === 'intermediateCatchEvent' || target.type === 'receiveTask';
    if (!waits) fail(`leads to ${target.type} '${target.id}'; it may only lead to intermediate catch events and receive tasks.`);
    else if (target.incoming.length !== 1) fail(`leads to '${target.id}', which has other incoming flows; only the gateway may lead to it.`);
  }
}

/** Timer, message and signal start events of the process, and the start events of event sub-processes. */
function isTriggeredStart(graph: ProcessGraph, node: FlowNode): boolean {
  return (
    node.interrupting !== undefined ||
    graph.timerStartEventIds.includes(node.id) ||
    graph.messageStartEventIds.includes(node.id) ||
    graph.signalStartEventIds.includes(node.id)
  );
}

function checkStartEvents(graph: ProcessGraph, scopeId: string | null, label: string, problems: Problems): void {
  const inScope = [...graph.nodes.values()].filter((n) => n.type === 'startEvent' && n.scopeId === scopeId);
  const starts = inScope.filter((n) => !isTriggeredStart(graph, n));
  const triggeredStarts = inScope.filter((n) => isTriggeredStart(graph, n));
  const elementId = scopeId ?? graph.id;
  if (starts.length === 0 && triggeredStarts.length === 0) {
    const or = scopeId === null ? ' and no timer, message or signal start event' : '';
    problems.error('start-event', `${label} has no none start event${or}, so it cannot be started.`, { elementId });
  } else if (starts.length > 1) {
    problems.error(
      'start-event',
      `${label} has ${starts.length} none start events (${starts.map((s) => `'${s.id}'`).join(', ')}); it must have exactly one.`,
      { elementId },
    );
  }
}

function checkEventSubprocess(graph: ProcessGraph, node: FlowNode, problems: Problems): void {
  const fail = (message: string) => problems.error('event-subprocess', `event subProcess '${node.id}' ${message}`, { elementId: node.id });
  // How many start events it has is checked in build-graph.ts (a refused one is not in the graph).
  // Only a none start lacks `interrupting`.
  for (const start of [...graph.nodes.values()].filter((n) => n.type === 'startEvent' && n.scopeId === node.id)) {
    if (start.interrupting === undefined) fail(`starts with the none start event '${start.id}'; give it a timer, message, signal, error or escalation definition.`);
  }
  if (node.incoming.length > 0 || node.outgoing.length > 0) fail('has sequence flows; an event sub-process is started by its event and ends by itself.');
  if (node.boundaryEventIds.length > 0) fail(`has boundary events (${node.boundaryEventIds.join(', ')}); an event sub-process cannot carry any.`);
}

/**
 * Plain-text message and signal names that wait twice in one place: among the process's start
 * events, or on one activity (its own message and its boundary events' triggers).
 */
function checkTriggerNames(graph: ProcessGraph, problems: Problems): void {
  /** place → "message:name" / "signal:name" → the first node waiting for it there. */
  const waiting = new Map<string, Map<string, FlowNode>>();
  for (const node of graph.nodes.values()) {
    const place = placeOf(graph, node);
    if (place === undefined) continue;
    for (const kind of ['message', 'signal'] as const) {
      const name = node[kind]?.name;
      if (name?.language !== 'literal') continue;
      const here = waiting.get(place) ?? new Map<string, FlowNode>();
      waiting.set(place, here);
      const earlier = here.get(`${kind}:${name.source}`);
      if (!earlier) {
        here.set(`${kind}:${name.source}`, node);
        continue;
      }
      problems.error(
        `${kind}-definition`,
        `${node.type} '${node.id}' waits for the ${kind} '${name.source}', as ${earlier.type} '${earlier.id}' already does ${place}; ` +
          `a ${kind} name can wait only once there (which one would it reach?).`,
        { elementId: node.id, attribute: kind === 'message' ? 'messageRef' : 'signalRef' },
      );
    }
  }
}

/** Where a node's message or signal waits: "in process 'p'" for start events, "on userTask 't'" for an activity's. */
function placeOf(graph: ProcessGraph, node: FlowNode): string | undefined {
  if (node.type === 'startEvent' && node.scopeId === null) return `in process '${graph.id}'`;
  if (node.type === 'startEvent' && node.interrupting !== undefined) {
    const scope = graph.nodes.get(node.scopeId!)?.scopeId ?? null;
    return `in the event sub-processes of ${scope === null ? `process '${graph.id}'` : `subProcess '${scope}'`}`;
  }
  if (node.type === 'receiveTask') return `on ${node.type} '${node.id}'`;
  if (node.type === 'boundaryEvent' && node.attachedToId !== undefined) {
    return `on ${graph.nodes.get(node.attachedToId)?.type ?? 'activity'} '${node.attachedToId}'`;
  }
  return undefined;
}

function checkFlowEnds(node: FlowNode, problems: Problems): void {
  if (node.type === 'startEvent' && node.incoming.length > 0) {
    problems.error('start-event', `startEvent '${node.id}' has incoming sequence flows; a start event cannot be entered.`, {
      elementId: node.id,
    });
  }
  if (node.type === 'boundaryEvent' && node.incoming.length > 0) {
    problems.error(
      'boundary-event',
      `boundaryEvent '${node.id}' has incoming sequence flows (${node.incoming.join(', ')}); a boundary event is entered from the activity it is attached to.`,
      { elementId: node.id },
    );
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
    const inScope = [...graph.nodes.values()].filter((n) => n.type === 'startEvent' && n.scopeId === scope.id);
    const noneStarts = inScope.filter((n) => !isTriggeredStart(graph, n));
    // With several none start events (an error), which one runs is undefined: judge nothing.
    if (noneStarts.length > 1) continue;
    const starts = [...noneStarts, ...inScope.filter((n) => isTriggeredStart(graph, n))];
    if (starts.length === 0) continue;
    const reached = new Set<string>();
    for (const start of starts) for (const id of graph.reachable.get(start.id) ?? []) reached.add(id);
    const from =
      starts.length === 1 ? `start event '${(starts[0] as FlowNode).id}'` : `start events ${starts.map((s) => `'${s.id}'`).join(', ')}`;
    for (const node of graph.nodes.values()) {
      if (node.scopeId !== scope.id || reached.has(node.id)) continue;
      if (node.type === 'startEvent' || node.type === 'boundaryEvent' || node.triggeredByEvent) continue;
      if (insideUnreachable(graph, node, unreachable)) continue;
      unreachable.add(node.id);
      problems.warn('unreachable', `${node.type} '${node.id}' cannot be reached from ${from}; it never runs.`, {
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
