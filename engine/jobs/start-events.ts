/**
 * Start events with a trigger (§10.5.2): deploying a version arms a job for each of its timer start
 * events and opens a subscription for each message and signal start event, and removes those of
 * the version it replaces, as Camunda 7 does. Their expressions are evaluated without variables,
 * at deploy time.
 */
import type { ProcessGraph } from '../model/graph.js';
import type { SqlSession } from '../store/sql-session.js';
import type { DefinitionRow } from '../store/definition-repository.js';
import * as jobs from '../store/job-repository.js';
import * as subscriptions from '../store/subscription-repository.js';
import { WriteBatch } from '../store/write-batch.js';
import type { RuntimeServices } from '../runtime/unit-of-work.js';
import { firstFiring, TimerValueError } from '../runtime/timer-schedule.js';
import { DeploymentError } from '../errors.js';
import { ExpressionEvaluationError } from '../expressions/types.js';
import { withFeelBuiltins } from '../expressions/feel-builtins.js';

export async function armStartEvents(
  session: SqlSession,
  services: RuntimeServices,
  graphs: readonly ProcessGraph[],
  deployed: readonly DefinitionRow[],
  replaced: readonly (DefinitionRow | undefined)[],
): Promise<void> {
  const batch = new WriteBatch();
  const now = services.clock.now();
  graphs.forEach((graph, index) => {
    const previous = replaced[index];
    if (previous) {
      jobs.deleteStartJobsOfDefinition(batch, previous.id);
      subscriptions.deleteStartSubscriptions(batch, previous.id);
    }
    for (const elementId of [...graph.messageStartEventIds, ...graph.signalStartEventIds]) {
      const node = graph.nodes.get(elementId)!;
      const trigger = node.message ?? node.signal!;
      let name: unknown;
      try {
        name = trigger.name.evaluate({});
      } catch (error) {
        if (error instanceof ExpressionEvaluationError) {
          throw new DeploymentError([{ code: 'message-definition', elementId, message: `start event '${elementId}': ${error.message}` }]);
        }
        throw error;
      }
      subscriptions.insertSubscription(batch, {
        id: services.newId(),
        kind: node.message ? 'message' : 'signal',
        name: String(name),
        correlationKey: null,
        businessKey: null,
        definitionId: deployed[index]!.id,
        instanceId: null,
        tokenId: null,
        elementId,
        createdAt: now,
      });
    }
    for (const elementId of graph.timerStartEventIds) {
      const timer = graph.nodes.get(elementId)!.timer!;
      let schedule;
      try {
        schedule = firstFiring(timer, timer.expression.evaluate(withFeelBuiltins({}, { now, calendar: services.calendar })), now, services.calendar, services.workingDayHours);
      } catch (error) {
        if (error instanceof TimerValueError || error instanceof ExpressionEvaluationError) {
          throw new DeploymentError([{ code: 'timer-definition', elementId, message: `timer start event '${elementId}': ${error.message}` }]);
        }
        throw error;
      }
      jobs.insertJob(batch, {
        id: services.newId(),
        kind: 'timer',
        definitionId: deployed[index]!.id,
        instanceId: null,
        tokenId: null,
        elementId,
        dueAt: schedule.dueAt,
        repeat: schedule.repeat,
        retries: services.jobRetries,
        lastError: null,
        lockOwner: null,
        lockExpiresAt: null,
        createdAt: now,
        version: 0,
      });
    }
  });
  if (batch.size > 0) await batch.execute(session);
}
