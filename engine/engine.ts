/**
 * The engine as a library: createEngine() opens the database, brings the schema up to date and
 * returns the calls below. Each call is one command in one transaction (Camunda 7's command
 * pattern): a failed call stores nothing.
 */
import { createHash } from 'node:crypto';
import { openDatabase, DEFAULT_DATABASE_URL, type Database } from './store/database.js';
import { migrate } from './store/migrator.js';
import { CommandExecutor, isUniqueViolation } from './runtime/command-executor.js';
import { DefinitionRegistry } from './runtime/definition-registry.js';
import { UnitOfWork, type RuntimeServices } from './runtime/unit-of-work.js';
import { systemClock, randomIds, type Clock, type IdGenerator } from './runtime/clock.js';
import * as instances from './store/instance-repository.js';
import * as definitions from './store/definition-repository.js';
import type { TaskFilter } from './store/task-query.js';
import type { HistoryEntry } from './store/history-repository.js';
import { validateVariables } from './store/variable-codec.js';
import { loadModel, ModelValidationError } from './model/index.js';
import type { ModelProblem } from './model/graph.js';
import { DeploymentError, InvalidInputError, NotFoundError } from './errors.js';
import { CalendarService, type HolidayInput, type HolidayRow } from './calendar/calendar-service.js';
import type { WorkingTimeConfig } from './calendar/index.js';
import { JobExecutor, type JobExecutorOptions } from './jobs/job-executor.js';
import * as jobs from './store/job-repository.js';
import type { JobRow } from './store/job-repository.js';
import { subscriptionsOf } from './store/subscription-repository.js';
import * as externalTaskStore from './store/external-task-repository.js';
import type { ExternalTaskRow } from './store/external-task-repository.js';
import * as external from './external/external-tasks.js';
import { armStartEvents } from './jobs/start-events.js';
import { broadcastSignal, correlateMessage, type CorrelationKeys, type CorrelationResult } from './messages/events.js';
import { runCommand } from './runtime/run-command.js';
import { TaskService, type CompleteOptions, type Task, type TaskPage } from './runtime/task-service.js';
import { InstanceService, type ProcessInstance, type ProcessInstanceSummary, type StartOptions } from './runtime/instance-service.js';
import type { AccessFilter, AccessFilters } from './store/access-filter.js';
import type { InstanceFilter } from './store/instance-query.js';
import { definitionStatistics, type ElementStatistics } from './store/definition-statistics.js';
import { optionalText, requireText } from './arguments.js';
import { randomUUID } from 'node:crypto';

export interface EngineOptions {
  /** 'sqlite:<file>' (default sqlite:data/motcua.sqlite), 'sqlite::memory:' or 'postgres://…'. */
  readonly databaseUrl?: string;
  readonly clock?: Clock;
  readonly idGenerator?: IdGenerator;
  /** Element activations one call may run before it fails as a loop that never waits (default 10,000). */
  readonly maxStepsPerCommand?: number;
  /** Job executor settings (lease length, batch size, retry delay). */
  readonly jobs?: JobExecutorOptions & { readonly retries?: number };
}

/** A token (or a start event) waiting for a message or a signal. */
export interface EventSubscription {
  readonly id: string;
  readonly kind: 'message' | 'signal';
  readonly name: string;
  readonly correlationKey: string | null;
  readonly processInstanceId: string | null;
  readonly definitionId: string;
  readonly elementId: string;
}

/** An external task as a worker sees it. */
export interface ExternalTask {
  readonly id: string;
  readonly topicName: string;
  readonly processInstanceId: string;
  readonly elementId: string;
  readonly businessKey: string | null;
  readonly workerId: string | null;
  readonly lockExpirationTime: Date | null;
  readonly retries: number | null;
  readonly errorMessage: string | null;
  /** The instance's variables when the task was fetched. */
  readonly variables: Readonly<Record<string, unknown>>;
}

/** A timer waiting to fire, or an external task; with `retries` 0 it is an incident. */
export interface Job {
  readonly kind: 'timer' | 'external-task';
  readonly id: string;
  readonly processInstanceId: string | null;
  readonly definitionId: string | null;
  readonly elementId: string;
  readonly dueAt: Date;
  readonly retries: number;
  readonly lastError: string | null;
}

function externalTaskIncident(row: ExternalTaskRow): Job {
  return {
    kind: 'external-task',
    id: row.id,
    processInstanceId: row.instanceId,
    definitionId: null,
    elementId: row.elementId,
    dueAt: row.lockExpiresAt ?? row.createdAt,
    retries: row.retries ?? 0,
    lastError: row.errorMessage,
  };
}

function toJob(row: JobRow): Job {
  return {
    kind: 'timer',
    id: row.id,
    processInstanceId: row.instanceId,
    definitionId: row.definitionId,
    elementId: row.elementId,
    dueAt: row.dueAt,
    retries: row.retries,
    lastError: row.lastError,
  };
}

export interface DeployedDefinition {
  readonly id: string;
  readonly key: string;
  readonly version: number;
  readonly name: string | null;
}

export interface DeploymentResult {
  readonly deploymentId: string;
  readonly definitions: readonly DeployedDefinition[];
  /** True when identical XML was deployed before: nothing new was stored. */
  readonly duplicate: boolean;
  readonly warnings: readonly ModelProblem[];
}

export interface ProcessDefinition {
  readonly id: string;
  readonly key: string;
  readonly version: number;
  readonly name: string | null;
  readonly deploymentId: string;
  readonly createdAt: Date;
}

function toProcessDefinition(row: definitions.DefinitionRow): ProcessDefinition {
  return { id: row.id, key: row.key, version: row.version, name: row.name, deploymentId: row.deploymentId, createdAt: row.createdAt };
}

export type { TaskFilter, HistoryEntry, Task, TaskPage, ProcessInstance, ProcessInstanceSummary, StartOptions, AccessFilter, AccessFilters, CompleteOptions, InstanceFilter, ElementStatistics };

export class Engine {
  private readonly executor: CommandExecutor;
  private readonly services: RuntimeServices;
  private readonly jobExecutor: JobExecutor;
  private readonly calendars: CalendarService;
  private readonly tasks: TaskService;
  private readonly instances: InstanceService;
  private calendarRefresh: NodeJS.Timeout | undefined;

  constructor(
    private readonly database: Database,
    options: EngineOptions,
  ) {
    this.executor = new CommandExecutor(database);
    const clock = options.clock ?? systemClock;
    this.calendars = new CalendarService(this.executor, clock);
    const calendars = this.calendars;
    this.services = {
      clock,
      newId: options.idGenerator ?? randomIds,
      definitions: new DefinitionRegistry(),
      maxStepsPerCommand: options.maxStepsPerCommand ?? 10_000,
      calendar: calendars.calendar,
      get workingDayHours() {
        return calendars.calendar.config.workingDayHours;
      },
      jobRetries: options.jobs?.retries ?? 3,
    };
    this.tasks = new TaskService(this.executor, this.services);
    this.instances = new InstanceService(this.executor, this.services);
    this.jobExecutor = new JobExecutor(this.executor, this.services, `node-${randomUUID()}`, options.jobs);
  }

  get dialect(): Database['dialect'] {
    return this.database.dialect;
  }

  /** The engine's clock (tests set it; everything the engine records is by it). */
  get clock(): Clock {
    return this.services.clock;
  }

  /**
   * Runs work of another store on the engine's database (through `sequelize`) so that on SQLite it
   * never overlaps one of the engine's commands, whose connection would otherwise block on it.
   */
  runExclusive<T>(work: () => Promise<T>): Promise<T> {
    return this.executor.exclusive(work);
  }

  /**
   * Reads with a statement of another store's (`$1`, `$2`… placeholders; values are strings,
   * numbers, null, and on PostgreSQL also booleans and Dates) on the engine's own connections:
   * prepared and without Sequelize, for hot read paths such as authenticating every request.
   */
  query<T>(text: string, params: readonly unknown[] = []): Promise<T[]> {
    return this.executor.read((session) => session.allDynamic<T>(text, params));
  }

  /** The Sequelize instance, for the administrative stores built on the same database. */
  get sequelize(): Database['sequelize'] {
    return this.database.sequelize;
  }

  /**
   * Checks the model and stores a new version of each executable process in it. Deploying XML
   * identical to the latest versions stores nothing and returns those versions.
   */
  async deploy(xml: string, options: { name?: string } = {}): Promise<DeploymentResult> {
    requireText(xml, 'xml');
    const name = optionalText(options.name, 'name');
    const model = await checkedModel(xml);
    const hash = createHash('sha256').update(xml).digest('hex');
    const result = await this.executor.execute(async (session) => {
      const latest = await Promise.all(model.processes.map((graph) => definitions.latestDefinition(session, graph.id)));
      if (latest.every((row) => row?.resourceHash === hash)) {
        const rows = latest.map((row) => row!);
        return { deploymentId: rows[0]!.deploymentId, rows, duplicate: true };
      }
      const deploymentId = this.services.newId();
      const now = this.services.clock.now();
      await definitions.insertDeployment(session, deploymentId, name, now);
      const rows = [];
      for (const [index, graph] of model.processes.entries()) {
        const row = {
          id: this.services.newId(),
          key: graph.id,
          version: (latest[index]?.version ?? 0) + 1,
          name: graph.name ?? null,
          deploymentId,
          resourceHash: hash,
          createdAt: now,
        };
        await definitions.insertDefinition(session, row, xml);
        rows.push(row);
      }
      await armStartEvents(session, this.services, model.processes, rows, latest);
      return { deploymentId, rows, duplicate: false };
    }, isUniqueViolation); // another server deployed the same key at the same moment: count again
    result.rows.forEach((row, index) => this.services.definitions.remember(row.id, model.processes[index]!));
    return {
      deploymentId: result.deploymentId,
      definitions: result.rows.map(({ id, key, version, name: processName }) => ({ id, key, version, name: processName })),
      duplicate: result.duplicate,
      warnings: model.warnings,
    };
  }

  /**
   * Checks a model exactly as deploy does and stores nothing: the processes it would deploy and
   * its warnings, or a DeploymentError naming every problem (so that several files can be checked
   * before any is deployed).
   */
  async checkModel(xml: string): Promise<{ processes: { key: string; name: string | null }[]; warnings: readonly ModelProblem[] }> {
    requireText(xml, 'xml');
    const model = await checkedModel(xml);
    return { processes: model.processes.map((graph) => ({ key: graph.id, name: graph.name ?? null })), warnings: model.warnings };
  }

  /** Starts the latest version of the process with this key and runs it until every token waits. */
  startProcess(key: string, options: StartOptions = {}): Promise<{ id: string; state: ProcessInstance['state'] }> {
    return this.instances.start(key, options);
  }

  /** One instance with its variables and where its tokens are; with `access`, one the caller may not see is not found. */
  getProcessInstance(id: string, options: { access?: AccessFilter } = {}): Promise<ProcessInstance> {
    return this.instances.get(id, options);
  }

  /** One page of instances matching the filter (newest first by default), and how many match in all. */
  queryProcessInstances(filter: InstanceFilter = {}): Promise<{ items: ProcessInstanceSummary[]; total: number }> {
    return this.instances.page(filter);
  }

  /** Open tasks matching the filter (at most `limit`, default 1000). */
  queryTasks(filter: TaskFilter = {}): Promise<Task[]> {
    return this.tasks.query(filter);
  }

  /** One page of open tasks matching the filter, and how many match in all. */
  queryTaskPage(filter: TaskFilter = {}): Promise<TaskPage> {
    return this.tasks.page(filter);
  }

  /** An open task; with `access` (one filter, or several that must all hold), one the caller may not see is not found. */
  getTask(taskId: string, options: { access?: AccessFilters } = {}): Promise<Task> {
    return this.tasks.get(taskId, options);
  }

  /**
   * Makes the user the task's assignee. Claiming a task someone else holds is a ConflictError. With
   * `access`, only a task that passes the filters is claimed, in the same statement; any other is not found.
   */
  claimTask(taskId: string, userId: string, options: { access?: AccessFilters } = {}): Promise<Task> {
    return this.tasks.claim(taskId, userId, options);
  }

  /** Clears the task's assignee; a task nobody holds stays as it is. With `holder`, only that user's hold goes. */
  unclaimTask(taskId: string, options: { userId?: string; holder?: string } = {}): Promise<Task> {
    return this.tasks.unclaim(taskId, options);
  }

  /** Gives the task to `assignee` (null: to nobody), whoever held it. */
  assignTask(taskId: string, assignee: string | null, options: { userId?: string } = {}): Promise<Task> {
    return this.tasks.assign(taskId, assignee, options);
  }

  /** Hands a held task to the delegate, who gives it back with resolveTask. */
  delegateTask(taskId: string, delegate: string, options: { userId?: string } = {}): Promise<Task> {
    return this.tasks.delegate(taskId, delegate, options);
  }

  resolveTask(taskId: string, options: { userId?: string; variables?: Record<string, unknown> } = {}): Promise<Task> {
    return this.tasks.resolve(taskId, options);
  }

  /**
   * Completes the task with the given variables and runs the instance on until every token waits.
   * With a userId, a task claimed by somebody else is a ConflictError unless `override` is set.
   * `guard` checks the locked task before anything changes (see TaskService.complete).
   */
  completeTask(taskId: string, options: CompleteOptions = {}): Promise<void> {
    return this.tasks.complete(taskId, options);
  }

  /** Running instances per definition key, among those the caller may see (`access`), counted in SQL. */
  countRunningInstancesByKey(options: { access?: AccessFilter } = {}): Promise<Map<string, number>> {
    return this.instances.runningByKey(options);
  }

  /** Ends a running instance from outside: its tasks and called instances are terminated; the reason is recorded. */
  terminateProcessInstance(id: string, options: { userId?: string; reason?: string } = {}): Promise<void> {
    return this.instances.terminate(id, options);
  }

  /** Everything that happened to the instance, in order. */
  getHistory(processInstanceId: string, options: { access?: AccessFilter } = {}): Promise<HistoryEntry[]> {
    return this.instances.history(processInstanceId, options);
  }

  /** Every version of every process (or of one key), or only the latest of each. */
  async listProcessDefinitions(options: { key?: string; latestOnly?: boolean } = {}): Promise<ProcessDefinition[]> {
    return this.executor.read(async (session) => (await definitions.listDefinitions(session, options)).map(toProcessDefinition));
  }

  async getProcessDefinition(id: string): Promise<ProcessDefinition> {
    requireText(id, 'id');
    return this.executor.read(async (session) => {
      const row = await definitions.definitionById(session, id);
      if (!row) throw new NotFoundError('process-definition', id);
      return toProcessDefinition(row);
    });
  }

  /**
   * Per element of a deployed version: tokens waiting there, overdue tasks and incidents of its
   * running instances (those the access filter lets the caller see), counted in SQL.
   */
  async definitionStatistics(id: string, options: { access?: AccessFilter } = {}): Promise<ElementStatistics[]> {
    requireText(id, 'id');
    return this.executor.read(async (session) => {
      if (!(await definitions.definitionById(session, id))) throw new NotFoundError('process-definition', id);
      return definitionStatistics(session, id, this.services.clock.now(), options.access);
    });
  }

  /** The BPMN XML the definition was deployed from. */
  async getProcessDefinitionXml(id: string): Promise<string> {
    requireText(id, 'id');
    return this.executor.read(async (session) => {
      const xml = await definitions.definitionXml(session, id);
      if (xml === undefined) throw new NotFoundError('process-definition', id);
      return xml;
    });
  }

  /**
   * Delivers a message to the one waiting subscription that matches its name and the given keys,
   * or starts the process whose message start event has that name. None or several: an error.
   */
  async correlateMessage(
    name: string,
    options: CorrelationKeys & { variables?: Record<string, unknown> } = {},
  ): Promise<CorrelationResult> {
    requireText(name, 'name');
    const variables = validateVariables(options.variables);
    const keys: CorrelationKeys = {
      businessKey: optionalText(options.businessKey, 'businessKey') ?? undefined,
      correlationKey: optionalText(options.correlationKey, 'correlationKey') ?? undefined,
      processInstanceId: optionalText(options.processInstanceId, 'processInstanceId') ?? undefined,
    };
    return this.executor.execute((session) =>
      runCommand(session, this.services, null, (work, runner) => correlateMessage(work, runner, name, keys, new Map(Object.entries(variables)))),
    );
  }

  /** Delivers a signal to every waiting subscription and signal start event of that name; returns how many it reached. */
  async broadcastSignal(name: string, options: { variables?: Record<string, unknown> } = {}): Promise<number> {
    requireText(name, 'name');
    const variables = validateVariables(options.variables);
    return this.executor.execute((session) =>
      runCommand(session, this.services, null, (work, runner) => broadcastSignal(work, runner, name, new Map(Object.entries(variables)))),
    );
  }

  /** Open message and signal subscriptions: of one instance, or all (start events included). */
  async querySubscriptions(filter: { processInstanceId?: string } = {}): Promise<EventSubscription[]> {
    return this.executor.read(async (session) =>
      (await subscriptionsOf(session, filter.processInstanceId)).map((row) => ({
        id: row.id,
        kind: row.kind,
        name: row.name,
        correlationKey: row.correlationKey,
        processInstanceId: row.instanceId,
        definitionId: row.definitionId,
        elementId: row.elementId,
      })),
    );
  }

  /** Fires every job due by the engine's clock (also those falling due meanwhile); returns how many fired. */
  runDueJobs(): Promise<number> {
    return this.jobExecutor.runDueJobs();
  }

  /**
   * Fires due jobs in the background, polling every `pollMs` (default 1 s). The holiday table is
   * reloaded every minute meanwhile, so what an admin edits on another server counts here too.
   */
  startJobExecutor(options: { pollMs?: number } = {}): void {
    this.jobExecutor.start(options.pollMs ?? 1000);
    this.calendarRefresh ??= setInterval(() => void this.calendars.refresh().catch(() => undefined), 60_000).unref();
  }

  async stopJobExecutor(): Promise<void> {
    if (this.calendarRefresh) clearInterval(this.calendarRefresh);
    this.calendarRefresh = undefined;
    await this.jobExecutor.stop();
  }

  /** Reloads the holiday table and the working-time settings (another server may have changed them). */
  refreshCalendar(): Promise<void> {
    return this.calendars.refresh();
  }

  /** The holidays, substitute days off and swapped working days of a year (pre-filled on first use). */
  listHolidays(year: number): Promise<HolidayRow[]> {
    return this.calendars.listHolidays(year);
  }

  /** Adds a day off or a swapped working day; deadlines computed afterwards count it. */
  addHoliday(entry: HolidayInput, options: { replace?: boolean } = {}): Promise<HolidayRow> {
    return this.calendars.addHoliday(entry, options);
  }

  removeHoliday(date: string): Promise<HolidayRow> {
    return this.calendars.removeHoliday(date);
  }

  getWorkingTimeConfig(): WorkingTimeConfig {
    return this.calendars.workingTimeConfig;
  }

  setWorkingTimeConfig(changes: Partial<WorkingTimeConfig>): Promise<WorkingTimeConfig> {
    return this.calendars.setWorkingTimeConfig(changes);
  }

  /** Timer jobs waiting to fire (incidents included), soonest first. */
  async queryJobs(filter: { processInstanceId?: string; elementId?: string } = {}): Promise<Job[]> {
    return this.executor.read(async (session) => (await jobs.queryJobs(session, filter)).map(toJob));
  }

  /** Timer jobs and external tasks whose retries are used up: they run no more until an admin retries them. */
  async listIncidents(): Promise<Job[]> {
    return this.executor.read(async (session) => [
      ...(await jobs.readIncidents(session)).map(toJob),
      ...(await externalTaskStore.readExternalTaskIncidents(session)).map(externalTaskIncident),
    ]);
  }

  /** Gives an incident its retries back: a timer is due now, an external task can be fetched again. */
  async retryIncident(jobId: string): Promise<void> {
    requireText(jobId, 'jobId');
    const retried = await this.executor.atomic(
      async (session) =>
        (await jobs.retryIncident(session, jobId, this.services.jobRetries, this.services.clock.now())) ||
        (await externalTaskStore.retryExternalTaskIncident(session, jobId, this.services.jobRetries)),
    );
    if (!retried) throw new NotFoundError('incident', jobId);
  }

  /**
   * Leases up to `maxTasks` free external tasks of the topics to the worker, each for its topic's
   * `lockDuration` (ms), with the variables of their instances.
   */
  async fetchAndLockExternalTasks(options: {
    workerId: string;
    maxTasks: number;
    topics: readonly { topicName: string; lockDuration: number }[];
  }): Promise<ExternalTask[]> {
    const workerId = requireText(options.workerId, 'workerId');
    if (!Number.isInteger(options.maxTasks) || options.maxTasks < 1) throw new InvalidInputError('maxTasks', 'must be a whole number ≥ 1');
    if (!Array.isArray(options.topics) || options.topics.length === 0) throw new InvalidInputError('topics', 'must name at least one topic');
    options.topics.forEach((topic, index) => {
      requireText(topic.topicName, `topics[${index}].topicName`);
      if (!Number.isFinite(topic.lockDuration) || topic.lockDuration <= 0) {
        throw new InvalidInputError(`topics[${index}].lockDuration`, 'must be a positive number of milliseconds');
      }
    });
    const locked = await this.executor.atomic((session) =>
      externalTaskStore.lockExternalTasks(session, workerId, options.topics, options.maxTasks, this.services.clock.now()),
    );
    return this.executor.read(async (session) => {
      const result: ExternalTask[] = [];
      for (const task of locked) {
        result.push({
          id: task.id,
          topicName: task.topic,
          processInstanceId: task.instanceId,
          elementId: task.elementId,
          businessKey: task.businessKey,
          workerId: task.workerId,
          lockExpirationTime: task.lockExpiresAt,
          retries: task.retries,
          errorMessage: task.errorMessage,
          variables: Object.fromEntries(await instances.readVariables(session, task.instanceId)),
        });
      }
      return result;
    });
  }

  /** The worker holding the task completes it: its variables are set and the instance runs on. */
  async completeExternalTask(taskId: string, options: { workerId: string; variables?: Record<string, unknown> }): Promise<void> {
    requireText(taskId, 'taskId');
    const workerId = requireText(options.workerId, 'workerId');
    const variables = new Map(Object.entries(validateVariables(options.variables)));
    await this.executor.execute((session) =>
      runCommand(session, this.services, workerId, (work, runner) => external.completeExternalTask(work, runner, taskId, workerId, variables)),
    );
  }

  /**
   * The worker reports a failure: the task keeps `retries` tries and is fetched again after
   * `retryTimeout` ms; with retries 0 it is an incident.
   */
  async failExternalTask(
    taskId: string,
    options: { workerId: string; errorMessage?: string; retries: number; retryTimeout?: number },
  ): Promise<void> {
    requireText(taskId, 'taskId');
    const workerId = requireText(options.workerId, 'workerId');
    if (!Number.isInteger(options.retries) || options.retries < 0) throw new InvalidInputError('retries', 'must be a whole number ≥ 0');
    const retryTimeout = options.retryTimeout ?? 0;
    if (!Number.isFinite(retryTimeout) || retryTimeout < 0) throw new InvalidInputError('retryTimeout', 'must be milliseconds ≥ 0');
    await this.executor.execute(async (session) => {
      const work = new UnitOfWork(session, this.services);
      await external.heldTask(work, taskId, workerId);
      const availableAt = new Date(work.now.getTime() + retryTimeout);
      await externalTaskStore.failExternalTask(session, taskId, workerId, options.retries, options.errorMessage ?? null, availableAt);
    });
  }

  /** The worker answers with a BPMN error: the task's own error boundary events catch it first. */
  async throwExternalTaskError(
    taskId: string,
    options: { workerId: string; errorCode: string; variables?: Record<string, unknown> },
  ): Promise<void> {
    requireText(taskId, 'taskId');
    const workerId = requireText(options.workerId, 'workerId');
    const errorCode = requireText(options.errorCode, 'errorCode');
    const variables = new Map(Object.entries(validateVariables(options.variables)));
    await this.executor.execute((session) =>
      runCommand(session, this.services, workerId, (work, runner) =>
        external.throwExternalTaskError(work, runner, taskId, workerId, errorCode, variables),
      ),
    );
  }

  async close(): Promise<void> {
    await this.stopJobExecutor();
    await this.executor.close();
    await this.database.close();
  }
}

async function checkedModel(xml: string) {
  try {
    return await loadModel(xml);
  } catch (error) {
    if (error instanceof ModelValidationError) throw new DeploymentError(error.problems);
    throw error;
  }
}

/** Opens (and migrates) the database and returns a ready engine. */
export async function createEngine(options: EngineOptions = {}): Promise<Engine> {
  const database = await openDatabase(options.databaseUrl ?? DEFAULT_DATABASE_URL);
  try {
    await migrate(database);
  } catch (error) {
    await database.close();
    throw error;
  }
  const engine = new Engine(database, options);
  try {
    await engine.refreshCalendar();
  } catch (error) {
    await engine.close();
    throw error;
  }
  return engine;
}
