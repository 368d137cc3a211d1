/** None intermediate throw event (§10.5.4): a milestone the token passes through. */
import type { ElementBehaviour } from '../behaviour.js';

export const intermediateThrowEvent: ElementBehaviour = {
  activate: () => [{ kind: 'leave' }],
};
