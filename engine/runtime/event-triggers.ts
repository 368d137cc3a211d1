/**
 * What a waiting token waits for: timer jobs and message or signal subscriptions, armed for the
 * token or for a scope (`ownerId`: a sub-process token, or the instance for the process's event
 * sub-processes), and disarmed when the token leaves the element (BPMN 2.0 §13.5: a catch event,
 * a receive task, the events after an event-based gateway, an activity's boundary events, a
 * scope's event sub-process starts). Changes go to the instance context; the unit of work writes
 * them with the rest of the command.
 */
import type { FlowNode } from '../model/graph.js';
import type { TokenRow } from '../store/rows.js';
import { ProcessExecutionError } from '../errors.js';
import { behaviourContextIn } from './behaviour-context.js';
import type { InstanceContext } from './instance-context.js';
import { isLoopInstance } from './multi-instance.js';
import { firstFiring, nextFiring, TimerValueError, type TimerSchedule } from './timer-schedule.js';
import type { UnitOfWork } from './unit-of-work.js';

/** The events an event-based gateway waits for: the targets of its outgoing flows. */
export function eventsAfter(instance: InstanceContext, gateway: FlowNode): FlowNode[] {
  return gateway.outgoing.map((flowId) => instance.graph.nodes.get(instance.graph.flows.get(flowId)!.targetId)!);
}

/**
 * Arms the trigger of an event for a token: a timer job, or a message or signal subscription. An
 * event-based gateway arms the events after it, for its own token.
 */
export async function armEvent(work: UnitOfWork, instance: InstanceContext, token: TokenRow, eventNode: FlowNode, ownerId = token.id): Promise<void> {
  if (eventNode.type === 'eventBasedGateway') {
    for (const target of eventsAfter(instance, eventNode)) await armEvent(work, instance, token, target);
  } else if (eventNode.timer) {
    await armTimer(work, instance, token, eventNode, undefined, ownerId);
  } else if (eventNode.message || eventNode.signal) {
    await subscribe(work, instance, token, eventNode, ownerId);
  }
}

/**
 * Removes what a token waited for at this element: its own trigger (a catch event, a receive task,
 * the events after an event-based gateway), its external task, its boundary events' triggers
 * (a multi-instance activity's are its body's), and the triggers of a sub-process's event
 * sub-processes.
 */
export function disarmWaits(instance: InstanceContext, token: TokenRow, node: FlowNode): void {
  const disarm = (eventNode: FlowNode | undefined) => disarmTrigger(instance, token.id, eventNode);
  if (token.state !== 'multi') {
    if (node.type === 'intermediateCatchEvent' || node.type === 'receiveTask') disarm(node);
    if (node.type === 'serviceTask') instance.removeExternalTask(token.id, node.id);
    if (node.type === 'eventBasedGateway') for (const target of eventsAfter(instance, node)) disarm(target);
    if (token.state === 'scope') for (const startId of node.eventSubprocessStartIds ?? []) disarm(instance.graph.nodes.get(startId));
  }
  if (!isLoopInstance(instance, token)) for (const boundaryId of node.boundaryEventIds) disarm(instance.graph.nodes.get(boundaryId));
}

/** Removes the timer job or the subscription an event armed for `ownerId`. */
export function disarmTrigger(instance: InstanceContext, ownerId: string, eventNode: FlowNode | undefined): void {
  if (!eventNode) return;
  if (eventNode.timer) instance.disarmJob(ownerId, eventNode.id);
  else if (eventNode.message || eventNode.signal) instance.closeSubscription(ownerId, eventNode.id);
}

/** Opens the message or signal subscription of `eventNode` for the token (or the scope `ownerId`). */
async function subscribe(work: UnitOfWork, instance: InstanceContext, token: TokenRow, eventNode: FlowNode, ownerId: string): Promise<void> {
  if (eventNode.needsVariables) await instance.loadVariables(work.session);
  const context = behaviourContextIn(work, instance, token, eventNode);
  const trigger = eventNode.message ?? eventNode.signal!;
  const name = context.evaluate(trigger.name, eventNode.message ? 'message name' : 'signal name');
  const key = eventNode.message?.correlationKey ? context.evaluate(eventNode.message.correlationKey, 'correlationKey') : null;
  instance.openSubscription({
    id: work.services.newId(),
    kind: eventNode.message ? 'message' : 'signal',
    name: String(name),
    correlationKey: key == null ? null : String(key),
    businessKey: instance.row.businessKey,
    definitionId: instance.row.definitionId,
    instanceId: instance.id,
    tokenId: ownerId,
    elementId: eventNode.id,
    createdAt: work.now,
  });
}

/** Arms the timer of `timerNode` for the token (or the scope `ownerId`): the first firing, or the one after `previous`. */
export async function armTimer(
  work: UnitOfWork,
  instance: InstanceContext,
  token: TokenRow,
  timerNode: FlowNode,
  previous?: TimerSchedule,
  ownerId = token.id,
): Promise<void> {
  const timer = timerNode.timer!;
  const { calendar, workingDayHours } = work.services;
  let schedule: TimerSchedule;
  try {
    if (previous?.repeat) {
      schedule = nextFiring(previous.repeat, previous.dueAt, timer.workingTime, calendar, workingDayHours);
    } else {
      if (timerNode.needsVariables) await instance.loadVariables(work.session);
      const value = behaviourContextIn(work, instance, token, timerNode).evaluate(timer.expression, `timer (${timer.kind})`);
      schedule = firstFiring(timer, value, work.now, calendar, workingDayHours);
    }
  } catch (error) {
    if (error instanceof TimerValueError) throw new ProcessExecutionError('invalid-timer', timerNode.id, error.message);
    throw error;
  }
  instance.armJob({
    id: work.services.newId(),
    kind: 'timer',
    definitionId: instance.row.definitionId,
    instanceId: instance.id,
    tokenId: ownerId,
    elementId: timerNode.id,
    dueAt: schedule.dueAt,
    repeat: schedule.repeat,
    retries: work.services.jobRetries,
    lastError: null,
    lockOwner: null,
    lockExpiresAt: null,
    createdAt: work.now,
    version: 0,
  });
}
