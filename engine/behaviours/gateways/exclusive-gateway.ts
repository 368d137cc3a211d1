/**
 * Exclusive gateway (§10.6.2). Diverging: the first outgoing flow in document order whose
 * condition holds is taken (a flow without a condition counts as true, as in Camunda 7); when none
 * holds, the default flow; with neither, the command fails and nothing is stored. Converging: each
 * arriving token passes through on its own (no synchronisation).
 */
import type { ElementBehaviour } from '../behaviour.js';

export const exclusiveGateway: ElementBehaviour = {
  activate: (context) => [{ kind: 'leave', flowIds: context.selectFlows('first') }],
};
