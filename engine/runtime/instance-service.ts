/**
 * The engine's calls on process instances: start, read (one, or a filtered page), terminate from
 * outside with a reason, and the history. A caller's access filter (store/access-filter.ts) applies
 * to a single read as to a list: an instance the caller may not see is "not found".
 */
import { optionalText, requireText } from '../arguments.js';
import { ConflictError, NotFoundError } from '../errors.js';
import type { AccessFilter } from '../store/access-filter.js';
import * as definitions from '../store/definition-repository.js';
import { readHistory, type HistoryEntry } from '../store/history-repository.js';
import * as instances from '../store/instance-repository.js';
import { countActiveByKey, countInstances, instanceVisible, queryInstances, type InstanceFilter } from '../store/instance-query.js';
import type { InstanceRow } from '../store/rows.js';
import type { SqlSession } from '../store/sql-session.js';
import { validateVariables } from '../store/variable-codec.js';
import type { CommandExecutor } from './command-executor.js';
import { runCommand } from './run-command.js';
import type { RuntimeServices } from './unit-of-work.js';

export interface ProcessInstanceSummary {
  readonly id: string;
  readonly key: string;
  readonly version: number;
  readonly definitionId: string;
  readonly businessKey: string | null;
  /** The unit the dossier belongs to. */
  readonly unitId: string | null;
  /** The dossier status the model last set (motcua:dossierStatus, DOMAIN.md's codes), or null. */
  readonly dossierStatus: number | null;
  /** The legal due date (ngày hẹn trả), later by the working time the dossier's clock was paused; or null. */
  readonly dueDate: Date | null;
  /** The legal due date as computed at start (statistics compare with it). */
  readonly originalDueDate: Date | null;
  /** Since when the clock is paused (status 5 or 6), or null. */
  readonly pausedAt: Date | null;
  readonly state: 'active' | 'completed' | 'terminated';
  readonly parentInstanceId: string | null;
  readonly startedAt: Date;
  readonly endedAt: Date | null;
}

export interface ProcessInstance extends ProcessInstanceSummary {
  /** One entry per token that waits or moves (a multi-instance body is not one): the element it is at. */
  readonly activeElementIds: readonly string[];
  readonly variables: Readonly<Record<string, unknown>>;
}

export interface StartOptions {
  readonly variables?: Record<string, unknown>;
  readonly businessKey?: string;
  readonly unitId?: string;
  /** Who starts it, recorded in the history. */
  readonly userId?: string;
}

function toSummary(row: InstanceRow): ProcessInstanceSummary {
  return {
    id: row.id,
    key: row.definitionKey,
    version: row.definitionVersion,
    definitionId: row.definitionId,
    businessKey: row.businessKey,
    unitId: row.unitId,
    dossierStatus: row.dossierStatus,
    dueDate: row.dueDate,
    originalDueDate: row.originalDueDate,
    pausedAt: row.pausedAt,
    state: row.state,
    parentInstanceId: row.parentInstanceId,
    startedAt: row.startedAt,
    endedAt: row.endedAt,
  };
}

export class InstanceService {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly services: RuntimeServices,
  ) {}

  /** Starts the latest version of the process with this key and runs it until every token waits. */
  async start(key: string, options: StartOptions = {}): Promise<{ id: string; state: ProcessInstance['state'] }> {
    requireText(key, 'key');
    const variables = validateVariables(options.variables);
    const businessKey = optionalText(options.businessKey, 'businessKey');
    const unitId = optionalText(options.unitId, 'unitId');
    const userId = optionalText(options.userId, 'userId');
    return this.executor.execute(async (session) => {
      const definition = await definitions.latestDefinition(session, key);
      if (!definition) throw new NotFoundError('process-definition', key);
      const instance = await runCommand(session, this.services, userId, (_work, runner) =>
        runner.startInstance({ definition, businessKey, unitId, variables: new Map(Object.entries(variables)) }),
      );
      return { id: instance.id, state: instance.row.state };
    });
  }

  async get(id: string, options: { access?: AccessFilter } = {}): Promise<ProcessInstance> {
    requireText(id, 'id');
    return this.executor.read(async (session) => {
      const row = await this.visible(session, id, options.access);
      const tokens = await instances.readTokens(session, id);
      const variables = await instances.readVariables(session, id);
      return {
        ...toSummary(row),
        activeElementIds: tokens.filter((token) => token.state !== 'multi').map((token) => token.elementId),
        variables: Object.fromEntries(variables),
      };
    });
  }

  async page(filter: InstanceFilter = {}): Promise<{ items: ProcessInstanceSummary[]; total: number }> {
    return this.executor.read(async (session) => ({
      items: (await queryInstances(session, filter)).map(toSummary),
      total: await countInstances(session, filter),
    }));
  }

  /** Running instances per definition key (those the access filter lets through). */
  runningByKey(options: { access?: AccessFilter } = {}): Promise<Map<string, number>> {
    return this.executor.read((session) => countActiveByKey(session, options.access));
  }

  /** Ends a running instance from outside: its tasks and called instances are terminated; the reason is recorded. */
  async terminate(id: string, options: { userId?: string; reason?: string } = {}): Promise<void> {
    requireText(id, 'id');
    const userId = optionalText(options.userId, 'userId');
    const reason = optionalText(options.reason, 'reason') ?? undefined;
    await this.executor.execute((session) =>
      runCommand(session, this.services, userId, async (work, runner) => {
        const instance = await work.load(id);
        if (instance.row.state !== 'active') {
          throw new ConflictError('instance-not-active', `Process instance '${id}' is ${instance.row.state}`, { id });
        }
        await runner.terminateInstance(instance, reason);
      }),
    );
  }

  /** Everything that happened to the instance, in order. */
  async history(id: string, options: { access?: AccessFilter } = {}): Promise<HistoryEntry[]> {
    requireText(id, 'processInstanceId');
    return this.executor.read(async (session) => {
      await this.visible(session, id, options.access);
      return readHistory(session, id);
    });
  }

  private async visible(session: SqlSession, id: string, access: AccessFilter | undefined): Promise<InstanceRow> {
    const row = await instances.readInstance(session, id);
    if (!row || (access && !(await instanceVisible(session, id, access)))) throw new NotFoundError('process-instance', id);
    return row;
  }
}
