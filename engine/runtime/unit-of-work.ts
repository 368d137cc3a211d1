/**
 * The instances one command works on: loaded (and locked) on first use, created when the command
 * starts a process, and written back together by flush() at the end of the command's transaction.
 */
import type { SqlSession } from '../store/sql-session.js';
import type { DefinitionRow } from '../store/definition-repository.js';
import type { InstanceRow, TaskRow, TokenRow } from '../store/rows.js';
import * as store from '../store/instance-repository.js';
import { WriteBatch } from '../store/write-batch.js';
import { NotFoundError, OptimisticLockError } from '../errors.js';
import { InstanceContext } from './instance-context.js';
import type { DefinitionRegistry } from './definition-registry.js';
import type { Clock, IdGenerator } from './clock.js';
import type { WorkingCalendar } from '../calendar/index.js';
import { legalDueDate } from '../procedures/legal-due-date.js';

export interface RuntimeServices {
  readonly clock: Clock;
  readonly newId: IdGenerator;
  readonly definitions: DefinitionRegistry;
  /** Element activations one command may run before it is stopped as a loop that never waits. */
  readonly maxStepsPerCommand: number;
  /** Working time, for durations marked to count it. */
  readonly calendar: WorkingCalendar;
  readonly workingDayHours: number;
  /** How often a failing job is tried before it becomes an incident. */
  readonly jobRetries: number;
}

export interface NewInstance {
  readonly definition: DefinitionRow;
  readonly businessKey: string | null;
  /** The unit the dossier belongs to; a called instance takes its caller's. */
  readonly unitId?: string | null;
  readonly variables: ReadonlyMap<string, unknown>;
  readonly parent?: { readonly instanceId: string; readonly tokenId: string };
}

export class UnitOfWork {
  /** One instant for the whole command: everything it records happened "now". */
  readonly now: Date;
  private readonly instances = new Map<string, InstanceContext>();

  constructor(
    readonly session: SqlSession,
    readonly services: RuntimeServices,
  ) {
    this.now = services.clock.now();
  }

  /** Locks the instance row first, then reads its tokens (see ARCHITECTURE.md on READ COMMITTED). */
  async load(instanceId: string): Promise<InstanceContext> {
    const known = this.instances.get(instanceId);
    if (known) return known;
    const row = await store.lockInstance(this.session, instanceId);
    if (!row) throw new NotFoundError('process-instance', instanceId);
    return this.adopt(row, row.state === 'active' ? await store.readTokens(this.session, instanceId) : []);
  }

  /**
   * Locks the instance of a task, reads the task, then the instance's tokens. Undefined when the
   * task does not exist. A task read before the lock was granted may be out of date: when its token
   * no longer waits at its element, the command is retried (OptimisticLockError); any other change
   * shows when the task's versioned update fails at the end of the command.
   */
  async loadByTask(taskId: string): Promise<{ instance: InstanceContext; task: TaskRow } | undefined> {
    let locked = await store.lockInstanceWithTask(this.session, taskId);
    if (!locked) {
      const row = await store.lockInstanceOfTask(this.session, taskId);
      const task = row && (await store.readTask(this.session, taskId));
      if (!row || !task) return undefined;
      locked = { instance: row, task };
    }
    const { instance: row } = locked;
    const instance = this.instances.get(row.id) ?? (await this.adopt(row, row.state === 'active' ? await store.readTokens(this.session, row.id) : []));
    const task = instance.trackTask(locked.task);
    const token = instance.tokens.get(task.tokenId);
    if (task.state === 'created' && (!token || token.elementId !== task.elementId || token.state !== 'waiting')) {
      throw new OptimisticLockError('tasks', task.id);
    }
    return { instance, task };
  }

  private async adopt(row: InstanceRow, tokens: readonly TokenRow[]): Promise<InstanceContext> {
    const graph = await this.services.definitions.graphOf(this.session, row.definitionId, row.definitionKey);
    const instance = new InstanceContext(row, graph, false, tokens, this.services.newId);
    this.instances.set(row.id, instance);
    return instance;
  }

  async create(spec: NewInstance): Promise<InstanceContext> {
    const { definition } = spec;
    const graph = await this.services.definitions.graphOf(this.session, definition.id, definition.key);
    const legalDue = legalDueDate(graph.procedure, this.now, this.services.calendar);
    const instance = new InstanceContext(
      {
        id: this.services.newId(),
        definitionId: definition.id,
        definitionKey: definition.key,
        definitionVersion: definition.version,
        businessKey: spec.businessKey,
        unitId: spec.unitId ?? null,
        dossierStatus: null,
        dueDate: legalDue,
        originalDueDate: legalDue,
        pausedAt: null,
        state: 'active',
        parentInstanceId: spec.parent?.instanceId ?? null,
        parentTokenId: spec.parent?.tokenId ?? null,
        startedAt: this.now,
        endedAt: null,
        version: 0,
      },
      graph,
      true,
      [],
      this.services.newId,
    );
    for (const [name, value] of spec.variables) instance.setVariable(name, value);
    this.instances.set(instance.id, instance);
    return instance;
  }

  all(): IterableIterator<InstanceContext> {
    return this.instances.values();
  }

  /** Writes every change of the command in one batch (with `more`, writes of the caller's own). */
  async flush(more?: (batch: WriteBatch) => void): Promise<void> {
    const batch = new WriteBatch();
    for (const instance of this.instances.values()) instance.collectWrites(batch);
    more?.(batch);
    await batch.execute(this.session);
  }
}
