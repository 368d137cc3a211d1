/**
 * Which BPMN elements the engine can run. Everything else is refused at deploy with
 * 'unsupported-element' naming the element type (and the event definition), because running a
 * model with an element skipped or misread would silently change the procedure.
 *
 * Supported:
 * - start events: none; timer, message or signal (exactly one such definition; build-graph.ts
 *   refuses them inside an embedded sub-process); inside an event sub-process also error and
 *   escalation (the events that start it);
 * - end events: none or terminate;
 * - intermediate throw events: none (a pass-through) or signal (broadcasts the signal);
 * - intermediate catch events and boundary events: timer, message or signal (exactly one
 *   definition; boundary events interrupting or not, on the activities listed in build-graph.ts);
 * - task, user task, manual task, script task, receive task (waits for its messageRef);
 * - exclusive, parallel and inclusive gateways; embedded sub-process; event sub-process
 *   (triggeredByEvent="true"); call activity;
 * - multi-instance activities (multiInstanceLoopCharacteristics, read by multi-instance.ts).
 * The message and signal names and the correlation key are read by message-signal.ts.
 * Refused: message intermediate throw and message end events (sending a message needs a send
 * implementation the engine does not have), signal end events (not yet: a signal intermediate
 * throw event before a none end event does the same), every other event definition
 * (error, escalation, conditional, compensation, cancel, link, terminate outside an end event), an
 * event with more than one definition, intermediate catch and boundary events without one;
 * service tasks other than external tasks (camunda:type="external"), send and business rule tasks; complex gateways;
 * transactions, ad-hoc sub-processes; standard loops; compensation handlers.
 * Data objects and data stores are accepted and ignored: they have no behaviour.
 */
import type { ElementType } from './graph.js';
import { child, children, xmlName, type ModdleElement } from './moddle.js';

export type Classification =
  | {
      readonly kind: 'node';
      readonly type: ElementType;
      readonly terminate?: boolean;
      /** Timer events: the timerEventDefinition element. */
      readonly timer?: ModdleElement;
      /** Message events: the messageEventDefinition element (receive tasks carry messageRef themselves). */
      readonly message?: ModdleElement;
      /** Signal events: the signalEventDefinition element. */
      readonly signal?: ModdleElement;
      /** Error events: the errorEventDefinition element. */
      readonly error?: ModdleElement;
      /** Escalation events: the escalationEventDefinition element. */
      readonly escalation?: ModdleElement;
    }
  | { readonly kind: 'ignored' }
  | { readonly kind: 'unsupported'; readonly what: string };

const PLAIN: Readonly<Record<string, ElementType>> = {
  'bpmn:Task': 'task',
  'bpmn:UserTask': 'userTask',
  'bpmn:ManualTask': 'manualTask',
  'bpmn:ScriptTask': 'scriptTask',
  'bpmn:ReceiveTask': 'receiveTask',
  'bpmn:ExclusiveGateway': 'exclusiveGateway',
  'bpmn:ParallelGateway': 'parallelGateway',
  'bpmn:InclusiveGateway': 'inclusiveGateway',
  'bpmn:CallActivity': 'callActivity',
  'bpmn:EventBasedGateway': 'eventBasedGateway',
};

const IGNORED = new Set(['bpmn:DataObject', 'bpmn:DataObjectReference', 'bpmn:DataStoreReference']);

export function classify(el: ModdleElement): Classification {
  const type = el.$type;
  const plain = PLAIN[type];
  if (plain) return { kind: 'node', type: plain };
  if (IGNORED.has(type)) return { kind: 'ignored' };

  const definitions = eventDefinitions(el).map((d) => xmlName(d.$type));
  const trigger = eventTriggerOf(el);
  switch (type) {
    case 'bpmn:ServiceTask':
      return el.get('camunda:type') === 'external'
        ? { kind: 'node', type: 'serviceTask' }
        : { kind: 'unsupported', what: 'serviceTask (only external tasks run here: camunda:type="external" with camunda:topic)' };
    case 'bpmn:StartEvent': {
      if (definitions.length === 0) return { kind: 'node', type: 'startEvent' };
      const startsEventSubprocess = el.$parent?.get('triggeredByEvent') === true;
      return trigger && (WAITING.has(trigger.kind) || startsEventSubprocess) ? triggered('startEvent', trigger) : unsupportedEvent('startEvent', definitions);
    }
    case 'bpmn:IntermediateThrowEvent':
      if (definitions.length === 0) return { kind: 'node', type: 'intermediateThrowEvent' };
      if (trigger?.kind === 'signal' || trigger?.kind === 'escalation') return triggered('intermediateThrowEvent', trigger);
      return unsupportedEvent('intermediateThrowEvent', definitions);
    case 'bpmn:EndEvent':
      if (definitions.length === 0) return { kind: 'node', type: 'endEvent' };
      if (definitions.length === 1 && definitions[0] === 'terminateEventDefinition') {
        return { kind: 'node', type: 'endEvent', terminate: true };
      }
      if (trigger?.kind === 'error' || trigger?.kind === 'escalation') return triggered('endEvent', trigger);
      return unsupportedEvent('endEvent', definitions);
    case 'bpmn:IntermediateCatchEvent':
    case 'bpmn:BoundaryEvent': {
      const kind = type === 'bpmn:BoundaryEvent' ? 'boundaryEvent' : 'intermediateCatchEvent';
      if (trigger && (kind === 'boundaryEvent' || WAITING.has(trigger.kind))) return triggered(kind, trigger);
      return definitions.length === 0
        ? { kind: 'unsupported', what: `${kind} without an event definition` }
        : unsupportedEvent(kind, definitions);
    }
    case 'bpmn:SubProcess':
      return { kind: 'node', type: 'subProcess' };
    default:
      return { kind: 'unsupported', what: xmlName(type) };
  }
}

/** Markers on an activity that change how it runs and that the engine cannot honour. */
export function unsupportedMarkers(el: ModdleElement): string[] {
  const found: string[] = [];
  const loop = child(el, 'loopCharacteristics');
  if (loop && loop.$type !== 'bpmn:MultiInstanceLoopCharacteristics') found.push(`loop (${xmlName(loop.$type)})`);
  if (el.get('isForCompensation') === true) found.push('compensation handler (isForCompensation="true")');
  return found;
}

/** What an event waits for or throws, when its only event definition is a timer, message or signal. */
export interface EventTrigger {
  readonly kind: 'timer' | 'message' | 'signal' | 'error' | 'escalation';
  readonly definition: ModdleElement;
}

/** Triggers a start or intermediate catch event can wait for (errors and escalations are only caught on boundaries). */
const WAITING = new Set<EventTrigger['kind']>(['timer', 'message', 'signal']);

const TRIGGER_KINDS: Readonly<Record<string, EventTrigger['kind']>> = {
  'bpmn:TimerEventDefinition': 'timer',
  'bpmn:MessageEventDefinition': 'message',
  'bpmn:SignalEventDefinition': 'signal',
  'bpmn:ErrorEventDefinition': 'error',
  'bpmn:EscalationEventDefinition': 'escalation',
};

/** The timer, message or signal definition of an event that has exactly one event definition. */
export function eventTriggerOf(el: ModdleElement): EventTrigger | undefined {
  const definitions = eventDefinitions(el);
  const [only] = definitions;
  const kind = only && definitions.length === 1 ? TRIGGER_KINDS[only.$type] : undefined;
  return only && kind ? { kind, definition: only } : undefined;
}

function triggered(type: ElementType, { kind, definition }: EventTrigger): Classification {
  switch (kind) {
    case 'timer':
      return { kind: 'node', type, timer: definition };
    case 'message':
      return { kind: 'node', type, message: definition };
    case 'signal':
      return { kind: 'node', type, signal: definition };
    case 'error':
      return { kind: 'node', type, error: definition };
    case 'escalation':
      return { kind: 'node', type, escalation: definition };
  }
}

/** An event's event definitions (contained, then referenced), in document order; [] for other elements. */
export function eventDefinitions(el: ModdleElement): ModdleElement[] {
  return [...children(el, 'eventDefinitions'), ...children(el, 'eventDefinitionRef')];
}

/** Why an event definition cannot run where it is, when there is more to say than "not supported". */
const WHY: Readonly<Record<string, string>> = {
  'intermediateThrowEvent with messageEventDefinition':
    'sending a message needs a send implementation, a Java delegate or connector in Camunda 7, which this engine does not have',
  'endEvent with messageEventDefinition':
    'sending a message needs a send implementation, a Java delegate or connector in Camunda 7, which this engine does not have',
  'endEvent with signalEventDefinition':
    'throw the signal with a signal intermediate throw event followed by a none end event',
};

function unsupportedEvent(kind: string, definitions: readonly string[]): Classification {
  const what = definitions.length === 0 ? kind : `${kind} with ${definitions.join(' + ')}`;
  const why = WHY[what];
  return { kind: 'unsupported', what: why ? `${what} (${why})` : what };
}
