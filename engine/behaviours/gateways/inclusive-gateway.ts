/**
 * Inclusive gateway (§10.6.3). Diverging: every outgoing flow whose condition holds (a flow
 * without a condition counts as true); the default flow when none holds; with neither, the command
 * fails. Converging, as Camunda 7 does it: the join waits until no other token of its scope can
 * still reach it by sequence flows, then fires once for all the tokens waiting there. The runner
 * asks waiting joins again (onEvent) whenever the tokens of the command have come to rest, so a
 * token that ends elsewhere releases the join.
 */
import type { BehaviourContext, Effect, ElementBehaviour } from '../behaviour.js';

function tryFire(context: BehaviourContext): readonly Effect[] {
  const { node, graph, token } = context;
  const others = context.otherTokensInScope();
  const joining = others.filter((t) => t.elementId === node.id && t.state === 'joining');
  const canStillArrive = others.some(
    (t) =>
      !(t.elementId === node.id && t.state === 'joining') &&
      (t.elementId === node.id || graph.reachable.get(t.elementId)?.has(node.id) === true),
  );
  if (canStillArrive) return [];
  return [{ kind: 'join', consumedTokenIds: [token.id, ...joining.map((t) => t.id)], flowIds: context.selectFlows('all') }];
}

export const inclusiveGateway: ElementBehaviour = {
  activate(context) {
    if (context.node.incoming.length <= 1) return [{ kind: 'leave', flowIds: context.selectFlows('all') }];
    return [{ kind: 'joinWait' }];
  },
  onEvent: (context) => tryFire(context),
};
