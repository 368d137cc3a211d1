/**
 * Parallel gateway (§10.6.4). Diverging: a token on every outgoing flow; conditions are ignored.
 * Converging: the gateway fires once a token has arrived on each incoming flow, consuming one token
 * per flow (the oldest first); extra tokens on one flow wait for the next firing. Commands on one
 * instance are serialised by its row lock, so concurrent arrivals fire it exactly once.
 */
import type { BehaviourContext, Effect, ElementBehaviour } from '../behaviour.js';

function tryFire(context: BehaviourContext): readonly Effect[] {
  const { node, token } = context;
  const waiting = [...context.otherTokensInScope().filter((t) => t.elementId === node.id && t.state === 'joining'), token];
  const consumed: string[] = [];
  for (const flowId of node.incoming) {
    const arrived = waiting.find((t) => t.arrivedVia === flowId);
    if (!arrived) return [];
    consumed.push(arrived.id);
  }
  return [{ kind: 'join', consumedTokenIds: consumed, flowIds: node.outgoing }];
}

export const parallelGateway: ElementBehaviour = {
  activate(context) {
    if (context.node.incoming.length <= 1) return [{ kind: 'leave', flowIds: context.node.outgoing }];
    const fired = tryFire(context);
    return fired.length > 0 ? fired : [{ kind: 'joinWait' }];
  },
  onEvent: (context) => tryFire(context),
};
