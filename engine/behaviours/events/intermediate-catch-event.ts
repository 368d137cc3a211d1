/**
 * Intermediate catch event (§10.5.4) with a timer, a message or a signal: the token waits until the
 * event happens (the runner arms a job or opens a subscription), then the variables the message or
 * signal carries are set and the token leaves.
 */
import type { ElementBehaviour } from '../behaviour.js';

export const intermediateCatchEvent: ElementBehaviour = {
  activate: () => [{ kind: 'waitForEvent' }],
  complete: (_context, input) => [
    ...(input.eventVariables && input.eventVariables.size > 0 ? [{ kind: 'setVariables' as const, values: input.eventVariables }] : []),
    { kind: 'leave' as const },
  ],
};
