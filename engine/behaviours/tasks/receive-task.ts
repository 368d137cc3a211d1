/**
 * Receive task (§10.3.3): waits for its message like a message catch event; the message's
 * variables are set on the instance and the token leaves. Boundary events may attach to it.
 */
import { intermediateCatchEvent } from '../events/intermediate-catch-event.js';
import type { ElementBehaviour } from '../behaviour.js';

export const receiveTask: ElementBehaviour = intermediateCatchEvent;
