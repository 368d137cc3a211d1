/**
 * Embedded subprocess (§10.3.5): on arrival the token becomes the subprocess's scope and a child
 * token starts at its none start event. When the scope holds no token any more (every path has
 * reached an end event, or a terminate end event ended the rest), the subprocess completes and
 * its token leaves along the outgoing flows. Variables are the process instance's (no local scope).
 */
import type { ElementBehaviour } from '../behaviour.js';

export const subProcess: ElementBehaviour = {
  activate(context) {
    const startEventId = context.node.startEventId;
    if (!startEventId) throw new Error(`${context.node.id} has no start event`);
    return [{ kind: 'enterScope', startEventId }];
  },
  complete: () => [{ kind: 'leave' }],
};
