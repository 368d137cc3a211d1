/**
 * None end event (§10.5.3): the token ends; when the scope holds no token any more, the scope
 * (process or subprocess) completes. Terminate end event: every other token of its own scope is
 * ended at once and the scope then completes normally. Inside an embedded subprocess it ends that
 * subprocess only, as Camunda 7 does; the spec's wording ("the process") is read as "its scope".
 */
import type { ElementBehaviour } from '../behaviour.js';

export const endEvent: ElementBehaviour = {
  activate: ({ node }) => [{ kind: node.terminate ? 'terminateScope' : 'consume' }],
};
