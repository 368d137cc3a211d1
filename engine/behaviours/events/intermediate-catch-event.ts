/**
 * Intermediate timer catch event (§10.5.4): the token waits until the timer fires; the job executor
 * then completes the event and the token leaves. The timer is a job row, armed by the runner.
 */
import type { ElementBehaviour } from '../behaviour.js';

export const intermediateCatchEvent: ElementBehaviour = {
  activate: () => [{ kind: 'waitForTimer' }],
  complete: () => [{ kind: 'leave' }],
};
