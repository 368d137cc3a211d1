/**
 * Camunda 7 attributes and extension elements that this engine cannot run. A model that relies on
 * one of them would deploy and then silently do less than it says (a Java delegate never called, a
 * listener never fired, an input mapping never applied), so each is an 'unsupported-attribute'
 * error naming the element and the attribute. Attributes whose absence changes no outcome
 * (asynchronous continuations, job priorities, tenant ids, generated-form metadata) are warnings
 * ('ignored-attribute'). Unknown attributes in the Camunda namespace are reported by load-xml.ts.
 *
 * BPMN-level: resource assignments (potentialOwner, humanPerformer, performer) are refused (use
 * camunda:assignee / camunda:candidateGroups); start or completion quantities above 1 are refused;
 * a receive task with instantiate="true" is refused (use a message start event); data associations
 * and ioSpecification are ignored with a warning (Camunda 7 ignores them too).
 * Message and signal event definitions are checked like their event (with the event's id): Java
 * delegates on a messageEventDefinition are refused, and so is camunda:in / camunda:out on a
 * signalEventDefinition (a signal payload: signals carry no variables from the model here).
 */
import { attr, children, child, extensionValues, xmlName, type ModdleElement } from './moddle.js';
import type { Problems } from './problems.js';

const REFUSED: Readonly<Record<string, string>> = {
  'camunda:class': 'Java delegate classes cannot run here',
  'camunda:delegateExpression': 'delegate expressions resolve Java beans, which cannot run here',
  'camunda:expression': 'method expressions on Java beans cannot run here',
  'camunda:formHandlerClass': 'Java form handlers cannot run here',
  'camunda:variableMappingClass': 'Java variable mapping delegates cannot run here',
  'camunda:variableMappingDelegateExpression': 'Java variable mapping delegates cannot run here',
  'camunda:caseRef': 'calling a CMMN case is not supported',
  'camunda:resource': 'scripts and expressions loaded from a deployment resource are not supported',
  'camunda:decisionRef': 'DMN decisions are not supported',
  'camunda:initiator': 'setting the initiator variable is not supported',
};

const IGNORED: Readonly<Record<string, string>> = {
  'camunda:async': 'every step runs inside the command that reached it; there are no asynchronous continuations',
  'camunda:asyncBefore': 'every step runs inside the command that reached it; there are no asynchronous continuations',
  'camunda:asyncAfter': 'every step runs inside the command that reached it; there are no asynchronous continuations',
  'camunda:jobPriority': 'job priorities are not used',
  'camunda:taskPriority': 'external task priorities are not used',
  'camunda:candidateStarterGroups': 'start permissions come from role permissions, not from the model',
  'camunda:candidateStarterUsers': 'start permissions come from role permissions, not from the model',
  'camunda:calledElementTenantId': 'there are no tenants',
  'camunda:formRef': 'Camunda Forms references are not resolved; use camunda:formKey',
};

const REFUSED_EXTENSIONS: Readonly<Record<string, string>> = {
  'camunda:ExecutionListener': 'execution listeners (Java classes, bean expressions, scripts) cannot run here',
  'camunda:TaskListener': 'task listeners (Java classes, bean expressions, scripts) cannot run here',
  'camunda:InputOutput': 'input/output parameter mappings are not supported',
  'camunda:Connector': 'connectors are not supported',
  'camunda:Field': 'field injection into Java delegates is not supported',
  'camunda:ErrorEventDefinition': 'error event definitions on external tasks are not supported',
};

const IGNORED_EXTENSIONS: Readonly<Record<string, string>> = {
  'camunda:FailedJobRetryTimeCycle': 'job retries are configured on the engine, not per element',
  'camunda:FormData': 'generated task forms are not built from the model; use camunda:formKey',
  'camunda:FormProperty': 'generated task forms are not built from the model; use camunda:formKey',
  'camunda:PotentialStarter': 'start permissions come from role permissions, not from the model',
};

/** Checks one element (flow node, sequence flow, process, event definition, expression). */
export function checkAttributes(el: ModdleElement, elementId: string | undefined, label: string, problems: Problems): void {
  for (const [name, why] of Object.entries(REFUSED)) {
    const value = attr(el, name);
    if (value === undefined) continue;
    problems.error('unsupported-attribute', `${label}: ${name}="${value}" is not supported: ${why}.`, { elementId, attribute: name });
  }
  for (const [name, why] of Object.entries(IGNORED)) {
    const value = attr(el, name);
    if (value === undefined || value === 'false') continue;
    problems.warn('ignored-attribute', `${label}: ${name}="${value}" is ignored: ${why}.`, { elementId, attribute: name });
  }
  for (const ext of extensionValues(el)) {
    const attribute = `camunda:${xmlName(ext.$type)}`;
    if ((ext.$type === 'camunda:In' || ext.$type === 'camunda:Out') && el.$type === 'bpmn:SignalEventDefinition') {
      problems.error(
        'unsupported-attribute',
        `${label}: ${attribute} on the signalEventDefinition (a signal payload) is not supported: a signal thrown from a model carries no variables.`,
        { elementId, attribute },
      );
      continue;
    }
    if ((ext.$type === 'camunda:In' || ext.$type === 'camunda:Out') && el.$type !== 'bpmn:CallActivity') {
      problems.warn('ignored-attribute', `${label}: ${attribute} is ignored: variable mappings apply to call activities only.`, {
        elementId,
        attribute,
      });
      continue;
    }
    const refused = REFUSED_EXTENSIONS[ext.$type];
    if (refused) {
      problems.error('unsupported-attribute', `${label}: ${attribute}${listenerDetail(ext)} is not supported: ${refused}.`, {
        elementId,
        attribute,
      });
      continue;
    }
    const ignored = IGNORED_EXTENSIONS[ext.$type];
    if (ignored) problems.warn('ignored-attribute', `${label}: ${attribute} is ignored: ${ignored}.`, { elementId, attribute });
  }
  checkBpmnActivityAttributes(el, elementId, label, problems);
}

function checkBpmnActivityAttributes(el: ModdleElement, elementId: string | undefined, label: string, problems: Problems): void {
  if (!el.$instanceOf('bpmn:Activity')) return;
  if (el.$type === 'bpmn:ReceiveTask' && el.get('instantiate') === true) {
    problems.error(
      'unsupported-attribute',
      `${label}: instantiate="true" is not supported: a receive task does not start the process; use a message start event.`,
      { elementId, attribute: 'instantiate' },
    );
  }
  for (const resource of children(el, 'resources')) {
    const attribute = xmlName(resource.$type);
    problems.error(
      'unsupported-attribute',
      `${label}: ${attribute} is not supported; assign tasks with camunda:assignee, camunda:candidateUsers or camunda:candidateGroups.`,
      { elementId, attribute },
    );
  }
  for (const name of ['startQuantity', 'completionQuantity']) {
    const value = Number(el.get(name) ?? 1);
    if (value > 1) {
      problems.error('unsupported-attribute', `${label}: ${name}="${value}" is not supported (only 1).`, { elementId, attribute: name });
    }
  }
  const data = [
    ...children(el, 'dataInputAssociations'),
    ...children(el, 'dataOutputAssociations'),
    ...(child(el, 'ioSpecification') ? [child(el, 'ioSpecification') as ModdleElement] : []),
  ];
  for (const item of data) {
    const attribute = xmlName(item.$type);
    problems.warn('ignored-attribute', `${label}: ${attribute} is ignored; map variables with camunda:in/camunda:out.`, {
      elementId,
      attribute,
    });
  }
}

/** ' (event "start", camunda:class "org.example.Listener")' for a listener, '' otherwise. */
function listenerDetail(ext: ModdleElement): string {
  const parts: string[] = [];
  const event = attr(ext, 'event');
  if (event) parts.push(`event "${event}"`);
  for (const name of ['class', 'delegateExpression', 'expression']) {
    const value = attr(ext, name);
    if (value) parts.push(`camunda:${name} "${value}"`);
  }
  if (child(ext, 'script')) parts.push('camunda:script');
  return parts.length === 0 ? '' : ` (${parts.join(', ')})`;
}
