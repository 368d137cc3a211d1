/**
 * Intermediate throw event (§10.5.4): a none event is a milestone the token passes; a signal event
 * broadcasts its signal (to every waiting subscription and signal start event, in the same
 * command) and the token goes on; an escalation event raises its escalation (see end-event.ts) and
 * the token goes on unless an interrupting boundary event caught it.
 */
import type { ElementBehaviour } from '../behaviour.js';

export const intermediateThrowEvent: ElementBehaviour = {
  activate(context) {
    const { signal, escalation } = context.node;
    if (escalation) return [{ kind: 'throwEscalation', code: escalation.code }, { kind: 'leave' }];
    if (!signal) return [{ kind: 'leave' }];
    return [{ kind: 'throwSignal', name: String(context.evaluate(signal.name, 'signal name')) }, { kind: 'leave' }];
  },
};
