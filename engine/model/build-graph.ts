/**
 * moddle definitions → one ProcessGraph per executable process.
 *
 * - A process is executable unless it says isExecutable="false" (Camunda 7 deploys a process with
 *   no isExecutable attribute; bpmn-moddle gives the attribute no default). A document with no
 *   executable process is an error ('no-executable-process').
 * - Flow nodes are taken from the process and, recursively, from every sub-process; a node's scope
 *   is its nearest enclosing sub-process (null at the process level).
 * - A sequence flow without an id gets `flow:<source>-><target>#<n>` (n counts the id-less flows
 *   between the same two nodes, from 1). incoming/outgoing come from the flows' sourceRef and
 *   targetRef, in document order (the <incoming>/<outgoing> children are not read).
 * - A flow must connect two flow nodes of the scope it is declared in ('invalid-flow'); a default
 *   flow must leave the element that names it ('invalid-default-flow').
 * - Timer, message and signal events (timer.ts, message-signal.ts): a timer, message or signal
 *   start event is allowed at the top level of a process (listed, by its definition, in
 *   timerStartEventIds, messageStartEventIds or signalStartEventIds) and as the start of an event
 *   sub-process; inside an embedded sub-process it is 'unsupported-element'. It is never taken for
 *   a none start event (not even when its definition is refused).
 * - Event sub-processes (triggeredByEvent="true", BPMN 2.0 §10.3.5): their start event may also be
 *   an error or escalation start event; it carries `interrupting` (isInterrupting, default true; an
 *   error start always interrupts, 'event-subprocess'). The start events of the event sub-processes
 *   of a scope are listed on its sub-process (eventSubprocessStartIds) or, at the top level, on the
 *   graph. validate.ts checks the rest of their shape.
 * - Multi-instance activities carry `multiInstance` (multi-instance.ts). Intermediate catch and boundary events
 *   carry `timer`, `message` or `signal`; a signal intermediate throw event carries `signal`; a
 *   receive task carries `message` (from its own messageRef). Every event definition element is
 *   checked for unsupported Camunda attributes like the event itself (unsupported-attributes.ts),
 *   also on an event that is refused.
 * - Boundary events (timer, message or signal alike) must name in attachedToRef an activity of their
 *   own scope that can carry one: task, userTask, manualTask, scriptTask, receiveTask, subProcess or
 *   callActivity ('boundary-event'; an activity the engine cannot run at all is already an error).
 *   cancelActivity defaults to true. Every node lists the boundary events attached to it
 *   (boundaryEventIds, in document order; [] for most).
 * - ProcessGraph.startEventId is the process's one none start event, or '' when it has none (it then
 *   has timer, message or signal start events only, see validate.ts): such a process cannot be
 *   started by a call to startProcess, only by its timers, messages or signals.
 * - needsVariables is true when the node evaluates an expression that reads variables: a condition
 *   on an outgoing flow, a name template, a timer, a message name or correlation key, a signal name,
 *   task attributes, a script or a call activity's mappings.
 * - Element families are read by user-task.ts, script-task.ts, call-activity.ts, timer.ts,
 *   message-signal.ts, conditions.ts and extension-properties.ts; what cannot run is reported by
 *   element-types.ts and unsupported-attributes.ts. The structural rules are in validate.ts.
 * Every problem is collected; the graph built alongside errors is incomplete and must not be used.
 */
import type { CompileOptions } from '../expressions/index.js';
import { compileAt, readsVariables, type ExpressionSite } from './compile.js';
import { buildCallActivity } from './call-activity.js';
import { buildCondition } from './conditions.js';
import { classify, eventDefinitions, eventTriggerOf, unsupportedMarkers, type EventTrigger } from './element-types.js';
import { readProperties } from './extension-properties.js';
import type { ElementType, FlowNode, ProcessGraph, SequenceFlow } from './graph.js';
import { buildMessage, buildSignal, type TriggerOptions } from './message-signal.js';
import { buildMultiInstance } from './multi-instance.js';
import { readDossierStatus, readProcedure, readStep } from './procedure.js';
import { attr, child, children, describe, type ModdleElement } from './moddle.js';
import type { Problems } from './problems.js';
import { computeReachable } from './reachability.js';
import { buildScriptTask } from './script-task.js';
import { buildTimer } from './timer.js';
import { checkAttributes } from './unsupported-attributes.js';
import { buildUserTask } from './user-task.js';

export interface BuildContext {
  readonly problems: Problems;
  /** Elements whose references did not resolve (already reported by load-xml.ts). */
  readonly unresolved: ReadonlySet<ModdleElement>;
  /** errorRef/escalationRef texts naming no element, which are the codes themselves. */
  readonly danglingCodes: ReadonlyMap<ModdleElement, string>;
  readonly options: CompileOptions;
}

/** A built graph plus the nodes whose surroundings could not be built (see validate.ts). */
export interface BuiltProcess {
  readonly graph: ProcessGraph;
  /**
   * Nodes that lost an outgoing / incoming sequence flow because the element at its other end is
   * unsupported (already an error), and nodes inside an unsupported container (in both sets).
   * Their structure is incomplete, so the structural checks that depend on it skip them.
   */
  readonly lostOutgoing: ReadonlySet<string>;
  readonly lostIncoming: ReadonlySet<string>;
}

type Draft<T> = { -readonly [K in keyof T]: T[K] };
type DraftNode = Draft<FlowNode> & { incoming: string[]; outgoing: string[]; boundaryEventIds: string[] };

/** Activities a boundary event can be attached to. */
const CAN_CARRY_BOUNDARY_EVENTS: ReadonlySet<ElementType> = new Set([
  'task',
  'serviceTask',
  'userTask',
  'manualTask',
  'scriptTask',
  'receiveTask',
  'subProcess',
  'callActivity',
]);

interface Placed {
  readonly el: ModdleElement;
  readonly scopeId: string | null;
}

export function buildProcessGraphs(definitions: ModdleElement, ctx: BuildContext): BuiltProcess[] {
  const processes = children(definitions, 'rootElements').filter((e) => e.$type === 'bpmn:Process');
  const executable = processes.filter((p) => p.get('isExecutable') !== false);
  if (executable.length === 0) {
    const why = processes.length === 0 ? 'contains no process' : 'has no process with isExecutable="true"';
    ctx.problems.error('no-executable-process', `The document ${why}; there is nothing to run.`, {
      elementId: definitions.id,
    });
    return [];
  }
  const graphs: BuiltProcess[] = [];
  for (const process of executable) {
    if (!process.id) {
      ctx.problems.error('missing-id', 'An executable process has no id; the id is the key the process is started by.');
      continue;
    }
    graphs.push(buildProcessGraph(process, process.id, ctx));
  }
  return graphs;
}

function buildProcessGraph(process: ModdleElement, processId: string, ctx: BuildContext): BuiltProcess {
  const { problems } = ctx;
  checkAttributes(process, processId, `process '${processId}'`, problems);
  const placedNodes: Placed[] = [];
  const placedFlows: Placed[] = [];
  collect(process, null, placedNodes, placedFlows);

  const scopeOf = new Map<string, string | null>();
  const nodes = new Map<string, DraftNode>();
  for (const { el, scopeId } of placedNodes) {
    const node = buildNode(el, scopeId, ctx);
    if (el.id) scopeOf.set(el.id, scopeId);
    if (node) nodes.set(node.id, node);
  }
  // Timer, message and signal start events, by their definition: one whose definition is refused
  // is still no none start event.
  const triggeredStarts: Record<EventTrigger['kind'], string[]> = { timer: [], message: [], signal: [], error: [], escalation: [] };
  const triggeredStartIds = new Set<string>();
  const eventSubprocessStartIds: string[] = [];
  for (const { el } of placedNodes) {
    const node = el.id ? nodes.get(el.id) : undefined;
    if (node?.type === 'boundaryEvent') attachBoundaryEvent(el, node, nodes, ctx);
    const trigger = node?.type === 'startEvent' ? eventTriggerOf(el) : undefined;
    if (!node || !trigger) continue;
    triggeredStartIds.add(node.id);
    if (node.scopeId === null) triggeredStarts[trigger.kind].push(node.id);
    const eventSubprocess = node.scopeId === null ? undefined : nodes.get(node.scopeId);
    if (eventSubprocess?.triggeredByEvent) {
      const owner = eventSubprocess.scopeId === null ? undefined : nodes.get(eventSubprocess.scopeId);
      if (owner) owner.eventSubprocessStartIds = [...(owner.eventSubprocessStartIds ?? []), node.id];
      else if (eventSubprocess.scopeId === null) eventSubprocessStartIds.push(node.id);
    }
  }

  const lostOutgoing = new Set<string>();
  const lostIncoming = new Set<string>();
  for (const node of nodes.values()) {
    if (node.scopeId !== null && nodes.get(node.scopeId)?.type !== 'subProcess') {
      lostOutgoing.add(node.id);
      lostIncoming.add(node.id);
    }
  }
  const flows = new Map<string, SequenceFlow>();
  const flowIdOf = new Map<ModdleElement, string>();
  const pairCount = new Map<string, number>();
  const dropped = new Set<string>();
  for (const { el, scopeId } of placedFlows) {
    const flow = buildFlow(el, scopeId, { scopeOf, flowIdOf, pairCount }, ctx);
    if (!flow) continue;
    const source = nodes.get(flow.sourceId);
    const target = nodes.get(flow.targetId);
    if (!source || !target) {
      // An end of the flow is an unsupported element: already reported.
      if (source) lostOutgoing.add(source.id);
      if (target) lostIncoming.add(target.id);
      dropped.add(flow.id);
      continue;
    }
    flows.set(flow.id, flow);
    source.outgoing.push(flow.id);
    target.incoming.push(flow.id);
  }

  for (const { el } of placedNodes) {
    const node = el.id ? nodes.get(el.id) : undefined;
    if (node) applyDefaultFlow(el, node, flowIdOf, dropped, problems);
  }

  for (const node of nodes.values()) {
    if (node.outgoing.some((id) => flows.get(id)?.condition !== undefined)) node.needsVariables = true;
    if (node.type === 'subProcess') {
      const starts = node.triggeredByEvent
        ? [...nodes.values()].filter((n) => n.type === 'startEvent' && n.scopeId === node.id).map((n) => n.id)
        : noneStartEventsIn(nodes, node.id, triggeredStartIds);
      if (starts.length === 1) node.startEventId = starts[0];
    }
  }
  const processStarts = noneStartEventsIn(nodes, null, triggeredStartIds);

  const frozenNodes = new Map<string, FlowNode>();
  for (const node of nodes.values()) {
    node.incoming = Object.freeze(node.incoming) as string[];
    node.outgoing = Object.freeze(node.outgoing) as string[];
    node.boundaryEventIds = Object.freeze(node.boundaryEventIds) as string[];
    if (node.eventSubprocessStartIds) node.eventSubprocessStartIds = Object.freeze(node.eventSubprocessStartIds);
    frozenNodes.set(node.id, Object.freeze(node));
  }
  const name = attr(process, 'name');
  const procedure = readProcedure(process, { problems, elementId: processId, label: `process '${processId}'` });
  const graph: ProcessGraph = Object.freeze({
    id: processId,
    ...(name ? { name } : {}),
    ...(procedure ? { procedure } : {}),
    nodes: frozenNodes,
    flows,
    startEventId: processStarts.length === 1 ? (processStarts[0] as string) : '',
    timerStartEventIds: Object.freeze(triggeredStarts.timer),
    messageStartEventIds: Object.freeze(triggeredStarts.message),
    signalStartEventIds: Object.freeze(triggeredStarts.signal),
    eventSubprocessStartIds: Object.freeze(eventSubprocessStartIds),
    reachable: computeReachable(frozenNodes, flows),
  });
  return { graph, lostOutgoing, lostIncoming };
}

/** Flow nodes and sequence flows of a container and of every container inside it, in document order. */
function collect(container: ModdleElement, scopeId: string | null, nodes: Placed[], flows: Placed[]): void {
  for (const el of children(container, 'flowElements')) {
    if (el.$type === 'bpmn:SequenceFlow') {
      flows.push({ el, scopeId });
      continue;
    }
    nodes.push({ el, scopeId });
    if (el.$instanceOf('bpmn:FlowElementsContainer')) {
      collect(el, el.id ?? `${scopeId ?? ''}/(${describe(el)} without id)`, nodes, flows);
    }
  }
}

function buildNode(el: ModdleElement, scopeId: string | null, ctx: BuildContext): DraftNode | undefined {
  const { problems } = ctx;
  const label = describe(el);
  const id = el.id;
  checkAttributes(el, id, label, problems);
  // Event definitions too (camunda:class on a messageEventDefinition, a signal payload), even on an
  // event that is refused: every Java delegate in the model is named.
  for (const definition of eventDefinitions(el)) checkAttributes(definition, id, label, problems);
  const kind = classify(el);
  if (kind.kind === 'ignored') return undefined;
  if (!id) {
    problems.error('missing-id', `A ${label} has no id; flow nodes need one.`, { elementId: scopeId ?? undefined });
    return undefined;
  }
  if (kind.kind === 'unsupported') {
    problems.error('unsupported-element', `${label}: ${kind.what} is not supported by this engine.`, { elementId: id });
    return undefined;
  }
  const trigger = kind.timer ? 'timer' : kind.message ? 'message' : kind.signal ? 'signal' : undefined;
  const startsEventSubprocess = kind.type === 'startEvent' && el.$parent?.get('triggeredByEvent') === true;
  if (kind.type === 'startEvent' && trigger && scopeId !== null && !startsEventSubprocess) {
    problems.error(
      'unsupported-element',
      `${label}: a ${trigger} start event inside a sub-process is not supported by this engine (${trigger} start events belong at the top level of a process or start an event sub-process).`,
      { elementId: id },
    );
    return undefined;
  }
  for (const marker of unsupportedMarkers(el)) {
    problems.error('unsupported-element', `${label}: ${marker} is not supported by this engine.`, { elementId: id });
  }

  const site: ExpressionSite = { problems, elementId: id, label, options: ctx.options };
  const node: DraftNode = {
    id,
    type: kind.type,
    scopeId,
    incoming: [],
    outgoing: [],
    boundaryEventIds: [],
    properties: readProperties(el, id, label, problems),
    needsVariables: false,
  };
  if (kind.terminate) node.terminate = true;
  if (kind.type === 'subProcess' && el.get('triggeredByEvent') === true) {
    node.triggeredByEvent = true;
    const starts = children(el, 'flowElements').filter((e) => e.$type === 'bpmn:StartEvent').length;
    if (starts !== 1) {
      problems.error('event-subprocess', `event ${label} has ${starts} start events; it needs exactly one, with the event that starts it.`, { elementId: id });
    }
  }
  if (startsEventSubprocess && eventDefinitions(el).length > 0) {
    node.interrupting = el.get('isInterrupting') !== false;
    if (kind.error && !node.interrupting) {
      problems.error('event-subprocess', `${label}: an error start event always interrupts its scope (isInterrupting="false" is not allowed).`, {
        elementId: id,
        attribute: 'isInterrupting',
      });
    }
  }
  if (kind.timer) {
    const timer = buildTimer(kind.timer, site, node.properties);
    if (timer) {
      node.timer = timer;
      node.needsVariables ||= readsVariables(timer.expression);
    }
  }
  const triggerOptions: TriggerOptions = {
    unresolved: ctx.unresolved,
    start: kind.type === 'startEvent' && !startsEventSubprocess,
    properties: node.properties,
  };
  if (kind.message) {
    const message = buildMessage(kind.message, site, triggerOptions);
    if (message) {
      node.message = message;
      node.needsVariables ||= readsVariables(message.name) || readsVariables(message.correlationKey);
    }
  }
  if (kind.signal) {
    const signal = buildSignal(kind.signal, site, triggerOptions);
    if (signal) {
      node.signal = signal;
      node.needsVariables ||= readsVariables(signal.name);
    }
  }
  if (kind.error) node.error = { code: throwCode(kind.error, 'errorRef', 'errorCode', ctx) };
  if (kind.escalation) node.escalation = { code: throwCode(kind.escalation, 'escalationRef', 'escalationCode', ctx) };
  if (kind.type === 'endEvent' && kind.error && node.error?.code === null) {
    problems.error('error-definition', `${label} throws no error code: give its errorEventDefinition an errorRef.`, { elementId: id, attribute: 'errorRef' });
  }
  if (kind.type === 'boundaryEvent') node.cancelActivity = el.get('cancelActivity') !== false;
  if (kind.type === 'boundaryEvent' && kind.error && !node.cancelActivity) {
    problems.error('boundary-event', `${label}: an error boundary event always interrupts its activity (cancelActivity="false" is not allowed).`, {
      elementId: id,
      attribute: 'cancelActivity',
    });
  }
  const step = readStep(el, site);
  if (step) node.step = step;
  const dossierStatus = readDossierStatus(el, site);
  if (dossierStatus !== undefined) node.dossierStatus = dossierStatus;
  const multiInstance = buildMultiInstance(el, site);
  if (multiInstance) {
    node.multiInstance = multiInstance;
    node.needsVariables = true;
  }
  const name = attr(el, 'name');
  if (name !== undefined && name !== '') {
    node.name = name;
    if (/[$#]\{/.test(name)) {
      const nameExpression = compileAt(site, 'name', name);
      if (nameExpression) {
        node.nameExpression = nameExpression;
        node.needsVariables ||= readsVariables(nameExpression);
      }
    }
  }
  switch (kind.type) {
    case 'userTask': {
      const { props, readsVariables: reads } = buildUserTask(el, site);
      node.userTask = props;
      node.needsVariables ||= reads;
      break;
    }
    case 'scriptTask': {
      const props = buildScriptTask(el, site);
      if (props) node.scriptTask = props;
      node.needsVariables = true;
      break;
    }
    case 'serviceTask': {
      const topic = attr(el, 'camunda:topic');
      if (topic === undefined || topic.trim() === '') {
        problems.error('external-task', `${label} is an external task without camunda:topic: no worker could fetch it.`, {
          elementId: id,
          attribute: 'camunda:topic',
        });
        break;
      }
      const externalTopic = compileAt(site, 'camunda:topic', topic.trim());
      if (externalTopic) {
        node.externalTopic = externalTopic;
        node.needsVariables ||= readsVariables(externalTopic);
      }
      break;
    }
    case 'receiveTask': {
      const message = buildMessage(el, site, triggerOptions);
      if (message) {
        node.message = message;
        node.needsVariables ||= readsVariables(message.name) || readsVariables(message.correlationKey);
      }
      break;
    }
    case 'callActivity': {
      const props = buildCallActivity(el, site);
      if (props) node.callActivity = props;
      node.needsVariables = true;
      break;
    }
    default:
      break;
  }
  return node;
}

interface FlowIndex {
  readonly scopeOf: ReadonlyMap<string, string | null>;
  readonly flowIdOf: Map<ModdleElement, string>;
  readonly pairCount: Map<string, number>;
}

function buildFlow(el: ModdleElement, scopeId: string | null, index: FlowIndex, ctx: BuildContext): SequenceFlow | undefined {
  const { problems } = ctx;
  const sourceId = child(el, 'sourceRef')?.id;
  const targetId = child(el, 'targetRef')?.id;
  let id = el.id;
  if (!id) {
    const pair = `${sourceId ?? '?'}->${targetId ?? '?'}`;
    const n = (index.pairCount.get(pair) ?? 0) + 1;
    index.pairCount.set(pair, n);
    id = `flow:${pair}#${n}`;
  }
  index.flowIdOf.set(el, id);
  const label = `sequenceFlow '${id}'`;
  checkAttributes(el, id, label, problems);
  const expression = child(el, 'conditionExpression');
  if (expression) checkAttributes(expression, id, label, problems);

  if (!sourceId || !targetId) {
    if (!ctx.unresolved.has(el)) {
      const missing = !sourceId ? 'sourceRef' : 'targetRef';
      problems.error('invalid-flow', `${label} has no ${missing}.`, { elementId: id, attribute: missing });
    }
    return undefined;
  }
  for (const [end, ref] of [
    ['sourceRef', sourceId],
    ['targetRef', targetId],
  ] as const) {
    if (!index.scopeOf.has(ref)) {
      problems.error('invalid-flow', `${label}: ${end} '${ref}' is not a flow node of this process.`, { elementId: id, attribute: end });
      return undefined;
    }
    if (index.scopeOf.get(ref) !== scopeId) {
      problems.error(
        'invalid-flow',
        `${label}: ${end} '${ref}' is in another (sub-)process; a sequence flow cannot cross a sub-process boundary.`,
        { elementId: id, attribute: end },
      );
      return undefined;
    }
  }
  const site: ExpressionSite = { problems, elementId: id, label, options: ctx.options };
  const condition = buildCondition(el, site);
  return Object.freeze({ id, sourceId, targetId, scopeId, ...(condition ? { condition } : {}) });
}

function applyDefaultFlow(
  el: ModdleElement,
  node: DraftNode,
  flowIdOf: ReadonlyMap<ModdleElement, string>,
  dropped: ReadonlySet<string>,
  problems: Problems,
): void {
  const defaultFlow = child(el, 'default');
  if (!defaultFlow) return;
  const flowId = flowIdOf.get(defaultFlow);
  if (flowId !== undefined && dropped.has(flowId)) return; // leads to an unsupported element: already reported
  if (flowId === undefined || !node.outgoing.includes(flowId)) {
    problems.error(
      'invalid-default-flow',
      `${describe(el)}: the default flow '${defaultFlow.id ?? flowId ?? '?'}' is not one of its outgoing sequence flows.`,
      { elementId: node.id, attribute: 'default' },
    );
    return;
  }
  node.defaultFlowId = flowId;
}

/**
 * The code an error or escalation definition names: the referenced element's errorCode/escalationCode
 * (its id when it has none), the reference text when it names no element, or null with no reference.
 */
function throwCode(definition: ModdleElement, ref: 'errorRef' | 'escalationRef', codeAttribute: string, ctx: BuildContext): string | null {
  const dangling = ctx.danglingCodes.get(definition);
  if (dangling !== undefined) return dangling;
  const target = definition.get(ref) as ModdleElement | undefined;
  if (!target) return null;
  const code = target.get(codeAttribute);
  return typeof code === 'string' && code !== '' ? code : (target.id ?? null);
}

/** The none start events of a scope (timer, message and signal start events are not counted). */
function noneStartEventsIn(nodes: ReadonlyMap<string, FlowNode>, scopeId: string | null, triggeredStartIds: ReadonlySet<string>): string[] {
  return [...nodes.values()]
    .filter((n) => n.type === 'startEvent' && !triggeredStartIds.has(n.id) && n.scopeId === scopeId)
    .map((n) => n.id);
}

/** Resolves a boundary event's attachedToRef and lists the event on its activity. */
function attachBoundaryEvent(el: ModdleElement, node: DraftNode, nodes: ReadonlyMap<string, DraftNode>, ctx: BuildContext): void {
  const { problems } = ctx;
  const label = `boundaryEvent '${node.id}'`;
  const ref = child(el, 'attachedToRef');
  const where = { elementId: node.id, attribute: 'attachedToRef' };
  if (!ref?.id) {
    // A reference to an element that does not exist is already reported by load-xml.ts.
    if (!ctx.unresolved.has(el)) problems.error('boundary-event', `${label} has no attachedToRef: it is attached to no activity.`, where);
    return;
  }
  const activity = nodes.get(ref.id);
  if (!activity) {
    // The element is one the engine cannot run (already reported) or is no flow node of this process.
    if (!ref.$instanceOf('bpmn:FlowNode') || !isInProcessOf(ref, el)) {
      problems.error('boundary-event', `${label}: attachedToRef '${ref.id}' is not an activity of this process.`, where);
    }
    return;
  }
  if (!CAN_CARRY_BOUNDARY_EVENTS.has(activity.type)) {
    problems.error(
      'boundary-event',
      `${label} is attached to ${activity.type} '${activity.id}'; a boundary event can only be attached to a task, userTask, manualTask, scriptTask, receiveTask, subProcess or callActivity.`,
      where,
    );
    return;
  }
  if (activity.scopeId !== node.scopeId) {
    problems.error(
      'boundary-event',
      `${label} is attached to ${activity.type} '${activity.id}', which is in another (sub-)process; a boundary event sits next to its activity.`,
      where,
    );
    return;
  }
  node.attachedToId = activity.id;
  activity.boundaryEventIds.push(node.id);
}

function isInProcessOf(target: ModdleElement, el: ModdleElement): boolean {
  const processOf = (start: ModdleElement): ModdleElement | undefined => {
    for (let cur: ModdleElement | undefined = start; cur; cur = cur.$parent) if (cur.$type === 'bpmn:Process') return cur;
    return undefined;
  };
  return processOf(target) !== undefined && processOf(target) === processOf(el);
}
