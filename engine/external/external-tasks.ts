/**
 * What external workers do with external tasks (Camunda 7's external task API): complete a task
 * they hold, report a failure, or answer with a BPMN error. Each is one command: the instance is
 * locked, the task read again and the worker's lease checked (held by this worker, not expired by
 * the engine's clock); the token leaving the task removes its row, so a task finishes once.
 */
import { ConflictError, NotFoundError } from '../errors.js';
import * as externalTasks from '../store/external-task-repository.js';
import type { ExternalTaskRow } from '../store/external-task-repository.js';
import type { InstanceContext } from '../runtime/instance-context.js';
import type { UnitOfWork } from '../runtime/unit-of-work.js';
import type { TokenRunner } from '../runtime/token-runner.js';

/** The task (read again once its instance is locked) and that instance, if `workerId` holds the lease now. */
export async function heldTask(
  work: UnitOfWork,
  taskId: string,
  workerId: string,
): Promise<{ task: ExternalTaskRow; instance: InstanceContext }> {
  const first = await externalTasks.readExternalTask(work.session, taskId);
  if (!first) throw new NotFoundError('external-task', taskId);
  const instance = await work.load(first.instanceId);
  const task = await externalTasks.readExternalTask(work.session, taskId);
  if (!task) throw new NotFoundError('external-task', taskId);
  if (task.workerId !== workerId || !task.lockExpiresAt || task.lockExpiresAt.getTime() <= work.now.getTime()) {
    throw new ConflictError('external-task-not-locked', `External task '${taskId}' is not locked by worker '${workerId}'`, {
      taskId,
      workerId: task.workerId,
      lockExpiresAt: task.lockExpiresAt,
    });
  }
  return { task, instance };
}

export async function completeExternalTask(
  work: UnitOfWork,
  runner: TokenRunner,
  taskId: string,
  workerId: string,
  variables: ReadonlyMap<string, unknown>,
): Promise<ExternalTaskRow> {
  const { task, instance } = await heldTask(work, taskId, workerId);
  const token = instance.tokens.get(task.tokenId);
  if (token && token.elementId === task.elementId) await runner.completeWaiting(instance, token, { variables });
  return task;
}

export async function throwExternalTaskError(
  work: UnitOfWork,
  runner: TokenRunner,
  taskId: string,
  workerId: string,
  errorCode: string,
  variables: ReadonlyMap<string, unknown>,
): Promise<ExternalTaskRow> {
  const { task, instance } = await heldTask(work, taskId, workerId);
  const token = instance.tokens.get(task.tokenId);
  for (const [name, value] of variables) instance.setVariable(name, value);
  if (token && token.elementId === task.elementId) await runner.externalTaskError(instance, token, errorCode);
  return task;
}
