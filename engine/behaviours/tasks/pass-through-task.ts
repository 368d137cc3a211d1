/**
 * Manual task and abstract task (§10.3.3): the engine has nothing to do, so the token passes on.
 * Camunda 7 treats both the same way.
 */
import type { ElementBehaviour } from '../behaviour.js';

export const passThroughTask: ElementBehaviour = {
  activate: () => [{ kind: 'leave' }],
};
