/**
 * Message and signal triggers: a messageEventDefinition (or a receive task's own messageRef) →
 * MessageTrigger, a signalEventDefinition → SignalTrigger.
 * - messageRef names a <message>, signalRef a <signal>. The trigger's name is that element's `name`
 *   attribute, not its id: Camunda 7 correlates messages and broadcasts signals by name. The name is
 *   compiled like any attribute: plain text is a literal, `${...}` / `#{...}` JUEL, `=...` FEEL.
 * - No messageRef / signalRef, a reference to an element of another kind, or a referenced element
 *   without a name (or with a blank one) is a 'message-definition' / 'signal-definition' error on
 *   the event or task (attribute messageRef / signalRef): it would wait for, or throw, nothing. A
 *   receive task without messageRef is one too (Camunda 7 would wait for an API trigger this engine
 *   does not offer). A reference to no element at all is reported once, by load-xml.ts
 *   ('unresolved-reference').
 * - On a start event the name must be plain text: the start event's subscription exists from the
 *   deploy on, when there are no variables to evaluate an expression with (Camunda 7 refuses an
 *   expression in a message start event's name too). Elsewhere the name is evaluated when the
 *   subscription opens (catch, boundary, receive task) or when the signal is thrown.
 * - correlationKey: <camunda:property name="correlationKey" value="..."/> on a message event or a
 *   receive task, compiled like the name (attribute 'correlationKey'). It is evaluated when the
 *   subscription opens, and a correlating call must then name the same key. It is refused
 *   ('message-definition') when empty, and on a message start event, which starts a new instance and
 *   has nothing to correlate with. On a signal event it is ignored with a warning
 *   ('ignored-attribute'): a signal reaches every subscriber.
 */
import type { CompiledExpression } from '../expressions/types.js';
import { compileAt, type ExpressionSite } from './compile.js';
import type { MessageTrigger, SignalTrigger } from './graph.js';
import { attr, child, xmlName, type ModdleElement } from './moddle.js';

export interface TriggerOptions {
  /** Elements whose references did not resolve (already reported by load-xml.ts). */
  readonly unresolved: ReadonlySet<ModdleElement>;
  /** The trigger belongs to a start event: a plain-text name, and no correlation key. */
  readonly start: boolean;
  /** The element's camunda:properties (correlationKey is read from them). */
  readonly properties: Readonly<Record<string, string>>;
}

interface Kind {
  readonly what: 'message' | 'signal';
  readonly ref: 'messageRef' | 'signalRef';
  readonly type: 'bpmn:Message' | 'bpmn:Signal';
  readonly code: 'message-definition' | 'signal-definition';
  /** Why the name matters, completing "… has no name; …". */
  readonly byName: string;
}

const MESSAGE: Kind = {
  what: 'message',
  ref: 'messageRef',
  type: 'bpmn:Message',
  code: 'message-definition',
  byName: 'messages are correlated by name',
};
const SIGNAL: Kind = {
  what: 'signal',
  ref: 'signalRef',
  type: 'bpmn:Signal',
  code: 'signal-definition',
  byName: 'signals are broadcast by name',
};

/**
 * The message a messageEventDefinition, or a receive task (holder = the task), waits for.
 * Undefined when it cannot be built (the problem is reported).
 */
export function buildMessage(holder: ModdleElement, site: ExpressionSite, options: TriggerOptions): MessageTrigger | undefined {
  const name = buildName(holder, MESSAGE, site, options);
  const key = options.properties.correlationKey;
  if (key === undefined) return name ? Object.freeze({ name }) : undefined;
  const { problems, elementId, label } = site;
  const where = { elementId, attribute: 'correlationKey' };
  if (options.start) {
    problems.error(
      'message-definition',
      `${label}: a message start event starts a new instance, so there is nothing to correlate with; remove camunda:property correlationKey.`,
      where,
    );
    return undefined;
  }
  if (key.trim() === '') {
    problems.error('message-definition', `${label}: camunda:property correlationKey is empty; give the key (e.g. \${dossierCode}) or remove it.`, where);
    return undefined;
  }
  const correlationKey = compileAt(site, 'correlationKey', key.trim());
  if (!name || !correlationKey) return undefined;
  return Object.freeze({ name, correlationKey });
}

/** The signal a signalEventDefinition waits for or throws. Undefined when it cannot be built (reported). */
export function buildSignal(definition: ModdleElement, site: ExpressionSite, options: TriggerOptions): SignalTrigger | undefined {
  if (options.properties.correlationKey !== undefined) {
    site.problems.warn(
      'ignored-attribute',
      `${site.label}: camunda:property correlationKey is ignored: a signal reaches every subscriber; correlation keys apply to messages.`,
      { elementId: site.elementId, attribute: 'correlationKey' },
    );
  }
  const name = buildName(definition, SIGNAL, site, options);
  return name ? Object.freeze({ name }) : undefined;
}

function buildName(holder: ModdleElement, kind: Kind, site: ExpressionSite, options: TriggerOptions): CompiledExpression | undefined {
  const { problems, elementId, label } = site;
  const where = { elementId, attribute: kind.ref };
  const target = child(holder, kind.ref);
  if (!target) {
    if (options.unresolved.has(holder)) return undefined; // a reference to no element: already reported
    const text = holder.$type.endsWith('EventDefinition')
      ? `${label}: its ${xmlName(holder.$type)} has no ${kind.ref}, so it names no ${kind.what}; ${kind.ref} must name a <${kind.what}> element.`
      : `${label} has no ${kind.ref}, so it would wait for nothing; ${kind.ref} must name the <${kind.what}> it waits for.`;
    problems.error(kind.code, text, where);
    return undefined;
  }
  if (!target.$instanceOf(kind.type)) {
    problems.error(kind.code, `${label}: ${kind.ref} '${target.id ?? '?'}' is a ${xmlName(target.$type)}, not a <${kind.what}>.`, where);
    return undefined;
  }
  const text = attr(target, 'name');
  if (text === undefined || text.trim() === '') {
    problems.error(kind.code, `${label}: ${kind.what} '${target.id ?? '?'}' has no name; ${kind.byName}, so it needs one.`, where);
    return undefined;
  }
  const name = compileAt(site, kind.ref, text);
  if (name && options.start && name.language !== 'literal') {
    problems.error(
      kind.code,
      `${label}: the ${kind.what} name '${text}' is an expression; a start event's ${kind.what} name must be plain text (its subscription exists from the deploy on, when there are no variables).`,
      where,
    );
    return undefined;
  }
  return name;
}
