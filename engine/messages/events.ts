/**
 * Messages and signals from outside and between instances (BPMN 2.0 §10.5.1, Camunda 7's
 * correlation rules). A message goes to exactly one receiver: a waiting subscription that matches
 * the name and every given key (process instance, business key, correlation key), else a message
 * start event of a latest version (only when no instance or correlation key was named); no match,
 * or more than one, is an error. A signal goes to every waiting subscription with its name and
 * starts every process with a signal start event of that name. The instance is locked before its
 * subscription is read again, so an event is delivered once.
 */
import { ConflictError, NotFoundError, OptimisticLockError } from '../errors.js';
import * as subscriptions from '../store/subscription-repository.js';
import type { SubscriptionRow } from '../store/subscription-repository.js';
import { definitionById } from '../store/definition-repository.js';
import type { UnitOfWork } from '../runtime/unit-of-work.js';
import type { TokenRunner } from '../runtime/token-runner.js';

export interface CorrelationKeys {
  readonly businessKey?: string;
  readonly correlationKey?: string;
  readonly processInstanceId?: string;
}

export interface CorrelationResult {
  readonly processInstanceId: string;
  /** True when the message started a new instance at a message start event. */
  readonly started: boolean;
}

function describe(name: string, keys: CorrelationKeys): string {
  const given = Object.entries(keys).filter(([, value]) => value !== undefined);
  return `message '${name}'${given.length > 0 ? ` with ${given.map(([key, value]) => `${key} '${value}'`).join(', ')}` : ''}`;
}

async function startAt(work: UnitOfWork, runner: TokenRunner, start: SubscriptionRow, businessKey: string | null, variables: ReadonlyMap<string, unknown>) {
  const definition = await definitionById(work.session, start.definitionId);
  if (!definition) throw new OptimisticLockError('process_definitions', start.definitionId);
  return runner.startInstance({ definition, businessKey, variables }, start.elementId);
}

export async function correlateMessage(
  work: UnitOfWork,
  runner: TokenRunner,
  name: string,
  keys: CorrelationKeys,
  variables: ReadonlyMap<string, unknown>,
): Promise<CorrelationResult> {
  const { session } = work;
  const waiting = await subscriptions.findSubscriptions(session, { kind: 'message', name, ofInstances: true, ...keys });
  if (waiting.length > 1) {
    throw new ConflictError('message-ambiguous', `${describe(name, keys)} matches ${waiting.length} waiting subscriptions`, {
      processInstanceIds: [...new Set(waiting.map((sub) => sub.instanceId))],
    });
  }
  if (waiting.length === 1) {
    const instance = await work.load(waiting[0]!.instanceId!);
    const fresh = await subscriptions.readSubscription(session, waiting[0]!.id);
    if (!fresh) throw new OptimisticLockError('subscriptions', waiting[0]!.id); // delivered meanwhile: look again
    await runner.deliver(instance, fresh, variables);
    return { processInstanceId: instance.id, started: false };
  }
  if (keys.processInstanceId === undefined && keys.correlationKey === undefined) {
    const starts = await subscriptions.findSubscriptions(session, { kind: 'message', name, ofInstances: false });
    if (starts.length > 1) {
      throw new ConflictError('message-ambiguous', `${describe(name, keys)} would start ${starts.length} processes`, {});
    }
    if (starts.length === 1) {
      const instance = await startAt(work, runner, starts[0]!, keys.businessKey ?? null, variables);
      return { processInstanceId: instance.id, started: true };
    }
  }
  throw new NotFoundError('message-subscription', describe(name, keys));
}

/** Delivers a signal to every subscription with its name and starts its signal start events; returns how many it reached. */
export async function broadcastSignal(work: UnitOfWork, runner: TokenRunner, name: string, variables: ReadonlyMap<string, unknown>): Promise<number> {
  const { session } = work;
  const stored = await subscriptions.findSubscriptions(session, { kind: 'signal', name, ofInstances: true });
  const openedNow = [...work.all()].flatMap((instance) =>
    instance.subscriptionsOpenedNow().filter((sub) => sub.kind === 'signal' && sub.name === name),
  );
  let reached = 0;
  for (const subscription of [...stored, ...openedNow]) {
    const instance = await work.load(subscription.instanceId!);
    const fresh = openedNow.includes(subscription) ? subscription : await subscriptions.readSubscription(session, subscription.id);
    if (!fresh) continue;
    await runner.deliver(instance, fresh, variables);
    reached++;
  }
  for (const start of await subscriptions.findSubscriptions(session, { kind: 'signal', name, ofInstances: false })) {
    await startAt(work, runner, start, null, variables);
    reached++;
  }
  return reached;
}

/** Runs the tokens until they all wait, delivering the signals they throw on the way. */
export async function runToRest(work: UnitOfWork, runner: TokenRunner): Promise<void> {
  await runner.run();
  for (let thrown = runner.takeThrownSignals(); thrown.length > 0; thrown = runner.takeThrownSignals()) {
    for (const name of thrown) await broadcastSignal(work, runner, name, new Map());
    await runner.run();
  }
}
