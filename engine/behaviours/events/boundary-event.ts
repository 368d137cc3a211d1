/**
 * Timer boundary event (§10.5.5). The runner arms the timers of an activity's boundary events when
 * the activity starts waiting and disarms them when it ends. When one fires, an interrupting event
 * (cancelActivity, the default) terminates the activity first; a non-interrupting one leaves it
 * running (a cycle arms the next firing). Either way a new token starts here and leaves at once.
 */
import type { ElementBehaviour } from '../behaviour.js';

export const boundaryEvent: ElementBehaviour = {
  activate: () => [{ kind: 'leave' }],
};
