/**
 * Which BPMN elements the engine can run. Everything else is refused at deploy with
 * 'unsupported-element' naming the element type, because running a model with an element
 * skipped or misread would silently change the procedure.
 *
 * Supported: none start event, and a timer start event (one timerEventDefinition; build-graph.ts
 * refuses it inside a sub-process); none or terminate end event; none intermediate throw event (a
 * pass-through); timer intermediate catch event; timer boundary event (interrupting or not, on the
 * activities listed in build-graph.ts); task, user task, manual task, script task; exclusive,
 * parallel and inclusive gateways; embedded sub-process; call activity.
 * Refused: any event with another event definition (message, signal, error, escalation,
 * conditional, compensation, cancel, link) or with more than one, intermediate catch and boundary
 * events without a timer, service, send, receive and business rule tasks, event-based and complex
 * gateways, event sub-processes, transactions, ad-hoc sub-processes, multi-instance and standard
 * loops, compensation handlers.
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
    }
  | { readonly kind: 'ignored' }
  | { readonly kind: 'unsupported'; readonly what: string };

const PLAIN: Readonly<Record<string, ElementType>> = {
  'bpmn:Task': 'task',
  'bpmn:UserTask': 'userTask',
  'bpmn:ManualTask': 'manualTask',
  'bpmn:ScriptTask': 'scriptTask',
  'bpmn:ExclusiveGateway': 'exclusiveGateway',
  'bpmn:ParallelGateway': 'parallelGateway',
  'bpmn:InclusiveGateway': 'inclusiveGateway',
  'bpmn:CallActivity': 'callActivity',
};

const IGNORED = new Set(['bpmn:DataObject', 'bpmn:DataObjectReference', 'bpmn:DataStoreReference']);

export function classify(el: ModdleElement): Classification {
  const type = el.$type;
  const plain = PLAIN[type];
  if (plain) return { kind: 'node', type: plain };
  if (IGNORED.has(type)) return { kind: 'ignored' };

  const definitions = eventDefinitions(el).map((d) => xmlName(d.$type));
  const timer = timerDefinitionOf(el);
  switch (type) {
    case 'bpmn:StartEvent':
      if (definitions.length === 0) return { kind: 'node', type: 'startEvent' };
      return timer ? { kind: 'node', type: 'startEvent', timer } : unsupportedEvent('startEvent', definitions);
    case 'bpmn:IntermediateThrowEvent':
      return definitions.length === 0
        ? { kind: 'node', type: 'intermediateThrowEvent' }
        : unsupportedEvent('intermediateThrowEvent', definitions);
    case 'bpmn:EndEvent':
      if (definitions.length === 0) return { kind: 'node', type: 'endEvent' };
      if (definitions.length === 1 && definitions[0] === 'terminateEventDefinition') {
        return { kind: 'node', type: 'endEvent', terminate: true };
      }
      return unsupportedEvent('endEvent', definitions);
    case 'bpmn:IntermediateCatchEvent':
    case 'bpmn:BoundaryEvent': {
      const kind = type === 'bpmn:BoundaryEvent' ? 'boundaryEvent' : 'intermediateCatchEvent';
      if (timer) return { kind: 'node', type: kind, timer };
      return definitions.length === 0
        ? { kind: 'unsupported', what: `${kind} without an event definition` }
        : unsupportedEvent(kind, definitions);
    }
    case 'bpmn:SubProcess':
      return el.get('triggeredByEvent') === true
        ? { kind: 'unsupported', what: 'event subProcess (triggeredByEvent="true")' }
        : { kind: 'node', type: 'subProcess' };
    default:
      return { kind: 'unsupported', what: xmlName(type) };
  }
}

/** Markers on an activity that change how it runs and that the engine cannot honour. */
export function unsupportedMarkers(el: ModdleElement): string[] {
  const found: string[] = [];
  const loop = child(el, 'loopCharacteristics');
  if (loop) {
    found.push(
      loop.$type === 'bpmn:MultiInstanceLoopCharacteristics'
        ? `multi-instance (multiInstanceLoopCharacteristics, isSequential=${String(loop.get('isSequential') === true)})`
        : `loop (${xmlName(loop.$type)})`,
    );
  }
  if (el.get('isForCompensation') === true) found.push('compensation handler (isForCompensation="true")');
  return found;
}

/** The timerEventDefinition of an event whose only event definition is a timer. */
export function timerDefinitionOf(el: ModdleElement): ModdleElement | undefined {
  const definitions = eventDefinitions(el);
  const [only] = definitions;
  return definitions.length === 1 && only?.$type === 'bpmn:TimerEventDefinition' ? only : undefined;
}

function eventDefinitions(el: ModdleElement): ModdleElement[] {
  return [...children(el, 'eventDefinitions'), ...children(el, 'eventDefinitionRef')];
}

function unsupportedEvent(kind: string, definitions: readonly string[]): Classification {
  const what = definitions.length === 0 ? kind : `${kind} with ${definitions.join(' + ')}`;
  return { kind: 'unsupported', what };
}
