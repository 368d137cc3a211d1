/**
 * Who catches a thrown BPMN error or escalation (BPMN 2.0 §10.5.6): the boundary events of the
 * enclosing subprocesses, from the inside out, then of the call activity that started the instance,
 * and so on up through the callers. On one activity a boundary event for the exact code wins over
 * one without a code (which catches every code).
 */
import type { FlowNode } from '../model/graph.js';
import type { TokenRow } from '../store/rows.js';
import type { InstanceContext } from './instance-context.js';
import type { UnitOfWork } from './unit-of-work.js';

export interface Catcher {
  readonly instance: InstanceContext;
  /** The token of the activity the catching boundary event is attached to. */
  readonly activityToken: TokenRow;
  readonly boundary: FlowNode;
}

type Kind = 'error' | 'escalation';

function matchingBoundary(instance: InstanceContext, activityToken: TokenRow, kind: Kind, code: string | null): FlowNode | undefined {
  const activity = instance.graph.nodes.get(activityToken.elementId);
  const boundaries = (activity?.boundaryEventIds ?? []).map((id) => instance.graph.nodes.get(id)!);
  const caught = (boundary: FlowNode) => (kind === 'error' ? boundary.error : boundary.escalation);
  return (
    boundaries.find((boundary) => code !== null && caught(boundary)?.code === code) ??
    boundaries.find((boundary) => caught(boundary) !== undefined && caught(boundary)!.code === null)
  );
}

/** `ownBoundaries`: the token's own activity is asked first (an error an external worker reports). */
export async function findCatcher(
  work: UnitOfWork,
  instance: InstanceContext,
  token: TokenRow,
  kind: Kind,
  code: string | null,
  ownBoundaries = false,
): Promise<Catcher | undefined> {
  if (ownBoundaries) {
    const boundary = matchingBoundary(instance, token, kind, code);
    if (boundary) return { instance, activityToken: token, boundary };
  }
  let current = instance;
  let scopeId = token.scopeTokenId;
  for (;;) {
    if (scopeId !== null) {
      const scopeToken = current.tokens.get(scopeId);
      if (!scopeToken) return undefined;
      const boundary = matchingBoundary(current, scopeToken, kind, code);
      if (boundary) return { instance: current, activityToken: scopeToken, boundary };
      scopeId = scopeToken.scopeTokenId;
      continue;
    }
    const { parentInstanceId, parentTokenId } = current.row;
    if (!parentInstanceId || !parentTokenId) return undefined;
    const parent = await work.load(parentInstanceId);
    const callToken = parent.tokens.get(parentTokenId);
    if (!callToken) return undefined;
    const boundary = matchingBoundary(parent, callToken, kind, code);
    if (boundary) return { instance: parent, activityToken: callToken, boundary };
    current = parent;
    scopeId = callToken.scopeTokenId;
  }
}
