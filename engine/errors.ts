/**
 * The engine's typed errors. Each has a stable `code` that the HTTP layer maps to a status and a
 * problem+json body; callers branch on the class or the code, never on the message.
 */
import type { ModelProblem } from './model/graph.js';

export abstract class MotcuaError extends Error {
  abstract readonly code: string;
}

/** A process definition, instance or task that does not exist. */
export class NotFoundError extends MotcuaError {
  override readonly name = 'NotFoundError';
  readonly code = 'not-found';
  constructor(
    readonly entity: 'process-definition' | 'process-instance' | 'task' | 'deployment' | 'incident' | 'message-subscription' | 'external-task',
    readonly id: string,
  ) {
    super(`${entity} '${id}' does not exist`);
  }
}

export type ConflictReason =
  | 'task-claimed-by-other'
  | 'task-not-open'
  | 'task-not-claimed'
  | 'task-not-delegated'
  | 'task-delegation-pending'
  | 'instance-not-active'
  | 'message-ambiguous'
  | 'external-task-not-locked'
  | 'concurrent-modification';

/** The command does not fit the stored state: somebody else got there first. */
export class ConflictError extends MotcuaError {
  override readonly name = 'ConflictError';
  readonly code: ConflictReason;
  constructor(reason: ConflictReason, message: string, readonly details: Readonly<Record<string, unknown>> = {}) {
    super(message);
    this.code = reason;
  }
}

/** A deployment that failed its checks; nothing of it was stored. */
export class DeploymentError extends MotcuaError {
  override readonly name = 'DeploymentError';
  readonly code = 'invalid-model';
  constructor(readonly problems: readonly ModelProblem[]) {
    super(
      `The model cannot be deployed: ${problems
        .slice(0, 5)
        .map((p) => (p.elementId ? `${p.elementId}: ${p.message}` : p.message))
        .join('; ')}${problems.length > 5 ? `; and ${problems.length - 5} more` : ''}`,
    );
  }
}

export type ExecutionFailure =
  | 'no-outgoing-flow'
  | 'step-limit-exceeded'
  | 'expression-failed'
  | 'called-process-not-found'
  | 'invalid-task-attribute'
  | 'invalid-timer'
  | 'multi-instance'
  | 'uncaught-error';

/** Running the model failed at an element; the command was rolled back and nothing of it stored. */
export class ProcessExecutionError extends MotcuaError {
  override readonly name = 'ProcessExecutionError';
  readonly code: ExecutionFailure;
  constructor(failure: ExecutionFailure, readonly elementId: string, message: string) {
    super(`${elementId}: ${message}`);
    this.code = failure;
  }
}

/** Bad input from the caller (variables that cannot be stored, an empty user id...). */
export class InvalidInputError extends MotcuaError {
  override readonly name = 'InvalidInputError';
  readonly code = 'invalid-input';
  constructor(readonly field: string, reason: string) {
    super(`${field}: ${reason}`);
  }
}

/** An optimistic-lock check failed; the command executor retries the command. */
export class OptimisticLockError extends MotcuaError {
  override readonly name = 'OptimisticLockError';
  readonly code = 'concurrent-modification';
  constructor(readonly table: string, readonly id: string) {
    super(`${table} row '${id}' was changed by another command`);
  }
}
