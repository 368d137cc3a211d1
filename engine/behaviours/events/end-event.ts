/**
 * End events (§10.5.3). None: the token ends; when the scope holds no token any more, the scope
 * (process or subprocess) completes. Terminate: every other token of its own scope is ended at once
 * and the scope then completes normally; inside an embedded subprocess it ends that subprocess only,
 * as Camunda 7 does (the spec's "the process" is read as "its scope"). Error: the error goes to the
 * nearest enclosing activity (subprocess, call activity) with a matching error boundary event, which
 * ends that activity; an error nobody catches fails the command (an incident when a job ran it).
 * Escalation: the nearest matching escalation boundary event catches it; the token ends either way.
 */
import type { ElementBehaviour } from '../behaviour.js';

export const endEvent: ElementBehaviour = {
  activate({ node }) {
    if (node.error) return [{ kind: 'throwError', code: node.error.code }];
    if (node.escalation) return [{ kind: 'throwEscalation', code: node.escalation.code }, { kind: 'consume' }];
    return [{ kind: node.terminate ? 'terminateScope' : 'consume' }];
  },
};
