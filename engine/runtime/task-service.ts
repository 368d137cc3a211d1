/**
 * The engine's calls on user tasks (Camunda 7's task service): query, read, claim, unclaim,
 * assign, delegate, resolve and complete. Holder changes are one conditional update each
 * (store/task-claims.ts); completing runs the instance on until every token waits.
 * - claim: a task someone else holds is a ConflictError ('task-claimed-by-other');
 * - complete: a task whose delegation is pending is a ConflictError (Camunda 7: the delegate
 *   resolves it); with a userId, a task held by somebody else is a ConflictError, unless `override`
 *   says the caller may complete others' tasks (the API checks that permission); the history
 *   records who completed it;
 * - delegate: the holder (or, for an unheld task, nobody) becomes the owner, the delegate the
 *   assignee; resolve gives it back to the owner, with the delegate's variables.
 */
import type { TaskSpec } from '../behaviours/behaviour.js';
import { optionalDate, optionalText, requireText } from '../arguments.js';
import { ConflictError, NotFoundError } from '../errors.js';
import type { DelegationState, TaskRow, TaskView } from '../store/rows.js';
import { assignOpenTask, claimOpenTask, delegateOpenTask, resolveOpenTask, unclaimOpenTask, unclaimTaskFrom } from '../store/task-claims.js';
import { countOpenTasks, queryOpenTasks, readTaskView, type TaskFilter } from '../store/task-query.js';
import type { SqlSession } from '../store/sql-session.js';
import type { AccessFilters } from '../store/access-filter.js';
import { validateVariables } from '../store/variable-codec.js';
import { runToRest } from '../messages/events.js';
import type { CommandExecutor } from './command-executor.js';
import { runCommand } from './run-command.js';
import { TokenRunner } from './token-runner.js';
import { UnitOfWork, type RuntimeServices } from './unit-of-work.js';

/** An open user task: what the model made of its attributes (TaskSpec), and where it stands. */
export interface Task extends TaskSpec {
  readonly id: string;
  readonly elementId: string;
  readonly processInstanceId: string;
  readonly processDefinitionKey: string;
  readonly businessKey: string | null;
  /** The unit whose officers work it. */
  readonly unitId: string | null;
  readonly owner: string | null;
  readonly delegationState: DelegationState | null;
  readonly createdAt: Date;
}

export interface CompleteOptions {
  readonly variables?: Record<string, unknown>;
  readonly userId?: string;
  readonly override?: boolean;
  readonly guard?: (task: Task) => void;
}

export interface TaskPage {
  readonly items: readonly Task[];
  /** How many tasks match the filter, all pages together. */
  readonly total: number;
}

function toTask(row: TaskView): Task {
  return {
    id: row.id,
    elementId: row.elementId,
    name: row.name,
    processInstanceId: row.instanceId,
    processDefinitionKey: row.processDefinitionKey,
    businessKey: row.businessKey,
    unitId: row.unitId,
    assignee: row.assignee,
    owner: row.owner,
    delegationState: row.delegationState,
    candidateGroups: row.candidateGroups,
    candidateUsers: row.candidateUsers,
    dueDate: row.dueDate,
    followUpDate: row.followUpDate,
    priority: row.priority,
    formKey: row.formKey,
    createdAt: row.createdAt,
  };
}

/** The task, if it exists and is open; otherwise the error that says which it is not. */
export function requireOpen<T extends TaskRow>(task: T | undefined, taskId: string): T {
  if (!task) throw new NotFoundError('task', taskId);
  if (task.state !== 'created') throw new ConflictError('task-not-open', `Task '${taskId}' is ${task.state}`, { taskId, state: task.state });
  return task;
}

function checkFilter(filter: TaskFilter): void {
  optionalDate(filter.dueBefore, 'dueBefore');
  optionalDate(filter.dueAfter, 'dueAfter');
}

export class TaskService {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly services: RuntimeServices,
  ) {}

  private get now(): Date {
    return this.services.clock.now();
  }

  async query(filter: TaskFilter = {}): Promise<Task[]> {
    checkFilter(filter);
    return this.executor.read(async (session) => (await queryOpenTasks(session, filter, this.now)).map(toTask));
  }

  async page(filter: TaskFilter = {}): Promise<TaskPage> {
    checkFilter(filter);
    return this.executor.read(async (session) => {
      const items = (await queryOpenTasks(session, filter, this.now)).map(toTask);
      return { items, total: await countOpenTasks(session, filter, this.now) };
    });
  }

  /** An open task; with `access`, one the caller may not see is not found. */
  async get(taskId: string, options: { access?: AccessFilters } = {}): Promise<Task> {
    requireText(taskId, 'taskId');
    return this.executor.read(async (session) => {
      if (options.access) return toTask(await this.visibleTask(session, taskId, options.access));
      const row = await readTaskView(session, taskId);
      if (!row || row.state !== 'created') throw new NotFoundError('task', taskId);
      return toTask(row);
    });
  }

  /**
   * With `access`, the claim happens only if the task passes every filter, in the same conditional
   * update; a task that does not is not found (as `get` says), whoever holds it.
   */
  async claim(taskId: string, userId: string, options: { access?: AccessFilters } = {}): Promise<Task> {
    requireText(taskId, 'taskId');
    requireText(userId, 'userId');
    return this.executor.atomic(async (session) => {
      const claimed = await claimOpenTask(session, taskId, userId, this.now, options.access);
      if (claimed) return toTask(claimed);
      const task = options.access ? await this.visibleTask(session, taskId, options.access) : await this.openTask(session, taskId);
      if (task.assignee === userId) return toTask(task);
      throw new ConflictError('task-claimed-by-other', `Task '${taskId}' is already claimed by '${task.assignee}'`, { taskId, assignee: task.assignee });
    });
  }

  /**
   * Clears the task's assignee; a task nobody holds stays as it is. With `holder`, only that user's
   * hold is let go: a task somebody else holds by now is a ConflictError.
   */
  async unclaim(taskId: string, options: { userId?: string; holder?: string } = {}): Promise<Task> {
    requireText(taskId, 'taskId');
    const userId = optionalText(options.userId, 'userId');
    const holder = optionalText(options.holder, 'holder');
    return this.executor.atomic(async (session) => {
      const unclaimed = holder === null ? await unclaimOpenTask(session, taskId, userId, this.now) : await unclaimTaskFrom(session, taskId, holder, userId, this.now);
      if (unclaimed) return toTask(unclaimed);
      const task = await this.openTask(session, taskId);
      if (holder !== null && task.assignee !== null) {
        throw new ConflictError('task-claimed-by-other', `Task '${taskId}' is held by '${task.assignee}', not '${holder}'`, { taskId, assignee: task.assignee });
      }
      return toTask(task);
    });
  }

  /** Gives the task to `assignee` (null: to nobody), whoever held it. */
  async assign(taskId: string, assignee: string | null, options: { userId?: string } = {}): Promise<Task> {
    requireText(taskId, 'taskId');
    const to = optionalText(assignee, 'assignee');
    const userId = optionalText(options.userId, 'userId');
    return this.executor.atomic(async (session) => {
      const assigned = await assignOpenTask(session, taskId, to, userId, this.now);
      return toTask(assigned ?? (await this.openTask(session, taskId)));
    });
  }

  /** Hands a held task to the delegate; its holder becomes the owner. An unheld task is a ConflictError. */
  async delegate(taskId: string, delegate: string, options: { userId?: string } = {}): Promise<Task> {
    requireText(taskId, 'taskId');
    requireText(delegate, 'userId');
    const userId = optionalText(options.userId, 'userId');
    return this.executor.atomic(async (session) => {
      const delegated = await delegateOpenTask(session, taskId, delegate, userId, this.now);
      if (delegated) return toTask(delegated);
      await this.openTask(session, taskId);
      throw new ConflictError('task-not-claimed', `Task '${taskId}' is held by nobody; claim or assign it before delegating`, { taskId });
    });
  }

  /** Gives a delegated task back to its owner, storing the delegate's variables. No pending delegation: a ConflictError. */
  async resolve(taskId: string, options: { userId?: string; variables?: Record<string, unknown> } = {}): Promise<Task> {
    requireText(taskId, 'taskId');
    const userId = optionalText(options.userId, 'userId');
    const variables = validateVariables(options.variables);
    return this.executor.execute(async (session) => {
      const resolved = await resolveOpenTask(session, taskId, userId, this.now);
      if (!resolved) {
        await this.openTask(session, taskId);
        throw new ConflictError('task-not-delegated', `Task '${taskId}' has no pending delegation to resolve`, { taskId });
      }
      if (Object.keys(variables).length > 0) {
        await runCommand(session, this.services, userId, async (work) => {
          const instance = await work.load(resolved.instanceId);
          for (const [name, value] of Object.entries(variables)) instance.setVariable(name, value);
        });
      }
      return toTask(resolved);
    });
  }

  /**
   * Completes the task with the given variables and runs the instance on until every token waits.
   * With a userId, a task held by somebody else is a ConflictError unless `override` is set.
   * `guard` sees the open task once it is locked, before anything changes; what it throws ends the
   * command with nothing changed. It runs inside the command's transaction, so it must decide from
   * the task alone (no engine calls, no queries).
   */
  async complete(taskId: string, options: CompleteOptions = {}): Promise<void> {
    requireText(taskId, 'taskId');
    const variables = validateVariables(options.variables);
    const userId = optionalText(options.userId, 'userId');
    await this.executor.execute(async (session) => {
      const work = new UnitOfWork(session, this.services);
      const loaded = await work.loadByTask(taskId);
      const task = requireOpen(loaded?.task, taskId);
      const instance = loaded!.instance;
      options.guard?.(toTask({ ...task, processDefinitionKey: instance.row.definitionKey, businessKey: instance.row.businessKey }));
      if (userId !== null && task.assignee !== null && task.assignee !== userId && !options.override) {
        throw new ConflictError('task-claimed-by-other', `Task '${taskId}' is claimed by '${task.assignee}', not '${userId}'`, {
          taskId,
          assignee: task.assignee,
        });
      }
      if (task.delegationState === 'pending') {
        throw new ConflictError('task-delegation-pending', `Task '${taskId}' is delegated to '${task.assignee}'; it is resolved, not completed, until then`, {
          taskId,
          assignee: task.assignee,
        });
      }
      const token = instance.tokens.get(task.tokenId)!; // loadByTask made sure an open task's token waits
      instance.updateTask(task, { state: 'completed', endedAt: work.now, endedBy: userId ?? task.assignee });
      const runner = new TokenRunner(work, userId ?? task.assignee);
      await runner.completeWaiting(instance, token, { variables: new Map(Object.entries(variables)) });
      await runToRest(work, runner);
      await work.flush();
    });
  }

  private async openTask(session: SqlSession, taskId: string): Promise<TaskView> {
    return requireOpen(await readTaskView(session, taskId), taskId);
  }

  /** The open task if it passes `access`; otherwise not found. */
  private async visibleTask(session: SqlSession, taskId: string, access: AccessFilters): Promise<TaskView> {
    const [row] = await queryOpenTasks(session, { taskId, access, limit: 1 }, this.now);
    if (!row) throw new NotFoundError('task', taskId);
    return row;
  }
}

