/**
 * Who catches a thrown BPMN error or escalation (BPMN 2.0 §10.5.6), from the inside out: in each
 * enclosing scope first the error/escalation start events of its event sub-processes, then the
 * boundary events of the scope's activity (of a multi-instance activity's body, not of one of its
 * instances); at the top of an instance the event sub-processes of the process, then the call
 * activity that started the instance, and so on up through the callers. Among the candidates of
 * one place, one for the exact code wins over one without a code (which catches every code).
 */
import type { FlowNode } from '../model/graph.js';
import type { TokenRow } from '../store/rows.js';
import type { InstanceContext } from './instance-context.js';
import { isLoopInstance } from './multi-instance.js';
import type { UnitOfWork } from './unit-of-work.js';

export type Catcher =
  | {
      readonly instance: InstanceContext;
      /** The token of the activity the catching boundary event is attached to. */
      readonly activityToken: TokenRow;
      readonly boundary: FlowNode;
    }
  | {
      readonly instance: InstanceContext;
      /** The scope whose event sub-process catches: a sub-process's token, or null for the process. */
      readonly scopeToken: TokenRow | null;
      /** The catching event sub-process's start event. */
      readonly start: FlowNode;
    };

type Kind = 'error' | 'escalation';

function bestMatch(candidates: readonly FlowNode[], kind: Kind, code: string | null): FlowNode | undefined {
  const caught = (event: FlowNode) => (kind === 'error' ? event.error : event.escalation);
  return (
    candidates.find((event) => code !== null && caught(event)?.code === code) ??
    candidates.find((event) => caught(event) !== undefined && caught(event)!.code === null)
  );
}

function matchingBoundary(instance: InstanceContext, activityToken: TokenRow, kind: Kind, code: string | null): FlowNode | undefined {
  if (isLoopInstance(instance, activityToken)) return undefined; // the body's boundary events catch
  const activity = instance.graph.nodes.get(activityToken.elementId);
  return bestMatch((activity?.boundaryEventIds ?? []).map((id) => instance.graph.nodes.get(id)!), kind, code);
}

/** The event sub-process start events of a scope (a sub-process token, or the process when null). */
export function eventSubprocessStartsOf(instance: InstanceContext, scopeToken: TokenRow | null): readonly string[] {
  if (scopeToken === null) return instance.graph.eventSubprocessStartIds;
  if (scopeToken.state !== 'scope') return [];
  return instance.graph.nodes.get(scopeToken.elementId)?.eventSubprocessStartIds ?? [];
}

function matchingEventSubprocess(instance: InstanceContext, scopeToken: TokenRow | null, kind: Kind, code: string | null): FlowNode | undefined {
  return bestMatch(eventSubprocessStartsOf(instance, scopeToken).map((id) => instance.graph.nodes.get(id)!), kind, code);
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
    const owner = isLoopInstance(instance, token) ? instance.tokens.get(token.scopeTokenId!)! : token;
    const boundary = matchingBoundary(instance, owner, kind, code);
    if (boundary) return { instance, activityToken: owner, boundary };
  }
  let current = instance;
  let scopeId = token.scopeTokenId;
  for (;;) {
    const scopeToken = scopeId === null ? null : current.tokens.get(scopeId);
    if (scopeToken === undefined) return undefined;
    const start = matchingEventSubprocess(current, scopeToken, kind, code);
    if (start) return { instance: current, scopeToken, start };
    if (scopeToken !== null) {
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
