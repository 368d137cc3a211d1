/**
 * Open-task queries, filtered, sorted and paged in SQL (never after loading): by instance, process,
 * business key, unit, assignee, candidate group or user, unassigned, element, due date, and the
 * caller's access filter (access-filter.ts). Candidates live in their own indexed table. Due dates
 * are stored as ISO-8601 UTC text on SQLite, so text comparison orders them.
 */
import { InvalidInputError } from '../errors.js';
import type { SqlSession } from './sql-session.js';
import { accessSql, type AccessFilters, type FieldSql } from './access-filter.js';
import { timeParam, toTaskView, type TaskView } from './rows.js';
import { sqlParams } from './sql-params.js';

export type TaskSortField = 'created' | 'due' | 'priority' | 'name';

export interface TaskFilter {
  readonly taskId?: string;
  readonly processInstanceId?: string;
  readonly processDefinitionKey?: string;
  readonly businessKey?: string;
  readonly unitId?: string;
  readonly assignee?: string;
  readonly candidateGroup?: string;
  /** Any of these groups. */
  readonly candidateGroups?: readonly string[];
  readonly candidateUser?: string;
  readonly unassigned?: boolean;
  readonly elementId?: string;
  /** Tasks due before this instant. */
  readonly dueBefore?: Date;
  /** Tasks due after this instant. */
  readonly dueAfter?: Date;
  /** Tasks whose due date has passed (by the engine's clock). */
  readonly overdue?: boolean;
  /** Default: created, oldest first. Tasks without a due date sort last by due date. */
  readonly sortBy?: TaskSortField;
  readonly sortOrder?: 'asc' | 'desc';
  /** At most this many tasks (default 1000). */
  readonly limit?: number;
  readonly offset?: number;
  /**
   * What the caller may see; several filters must all hold (fields: unitId, assignee, owner,
   * processDefinitionKey, candidateGroups, candidateUsers, handledBy).
   */
  readonly access?: AccessFilters;
}

const candidateOf = (kind: 'group' | 'user') => (placeholders: readonly string[]) =>
  `EXISTS (SELECT 1 FROM task_candidates c WHERE c.task_id = t.id AND c.kind = '${kind}' AND c.value IN (${placeholders.join(', ')}))`;

const TASK_FIELDS: Readonly<Record<string, FieldSql>> = {
  unitId: { column: 't.unit_id' },
  assignee: { column: 't.assignee' },
  owner: { column: 't.owner' },
  processDefinitionKey: { column: 'i.definition_key' },
  candidateGroups: { hasAny: candidateOf('group') },
  candidateUsers: { hasAny: candidateOf('user') },
  /** Users who have done something in the task's instance (DOMAIN.md: "any dossier they have handled"). */
  handledBy: { hasAny: (users) => `EXISTS (SELECT 1 FROM history h WHERE h.instance_id = t.instance_id AND h.user_id IN (${users.join(', ')}))` },
};

const SORT_COLUMNS: Readonly<Record<TaskSortField, string>> = {
  created: 't.created_at',
  due: 't.due_date',
  priority: 't.priority',
  name: 't.name',
};

function whereClause(filter: TaskFilter, now: Date): { where: string; params: unknown[] } {
  const { values: params, param } = sqlParams();
  const where = ["t.state = 'created'"];
  const equal = (column: string, value: string | undefined) => {
    if (value !== undefined) where.push(`${column} = ${param(value)}`);
  };
  equal('t.id', filter.taskId);
  equal('t.instance_id', filter.processInstanceId);
  equal('i.definition_key', filter.processDefinitionKey);
  equal('i.business_key', filter.businessKey);
  equal('t.unit_id', filter.unitId);
  equal('t.assignee', filter.assignee);
  equal('t.element_id', filter.elementId);
  if (filter.unassigned) where.push('t.assignee IS NULL');
  if (filter.dueBefore !== undefined) where.push(`t.due_date < ${param(timeParam(filter.dueBefore))}`);
  if (filter.dueAfter !== undefined) where.push(`t.due_date > ${param(timeParam(filter.dueAfter))}`);
  if (filter.overdue) where.push(`t.due_date < ${param(timeParam(now))}`);
  const candidate = (kind: 'group' | 'user', values: readonly string[]) =>
    values.length === 0 ? '1 = 0' : candidateOf(kind)(values.map((value) => param(value)));
  if (filter.candidateGroup !== undefined) where.push(candidate('group', [filter.candidateGroup]));
  if (filter.candidateGroups !== undefined) where.push(candidate('group', filter.candidateGroups));
  if (filter.candidateUser !== undefined) where.push(candidate('user', [filter.candidateUser]));
  where.push(accessSql(filter.access, TASK_FIELDS, param));
  return { where: where.join(' AND '), params };
}

function orderBy(filter: TaskFilter): string {
  const sortBy = filter.sortBy ?? 'created';
  const column = SORT_COLUMNS[sortBy];
  if (!column) throw new InvalidInputError('sortBy', `must be one of ${Object.keys(SORT_COLUMNS).join(', ')}`);
  const direction = filter.sortOrder === 'desc' ? 'DESC' : 'ASC';
  // Tasks without a due date (or name) go last whichever the direction.
  const nullsLast = sortBy === 'due' || sortBy === 'name' ? `CASE WHEN ${column} IS NULL THEN 1 ELSE 0 END, ` : '';
  return `${nullsLast}${column} ${direction}, t.id ${direction}`;
}

const FROM = 'FROM tasks t JOIN process_instances i ON i.id = t.instance_id';
export type { TaskView };

export async function queryOpenTasks(session: SqlSession, filter: TaskFilter, now: Date): Promise<TaskView[]> {
  const { where, params } = whereClause(filter, now);
  params.push(filter.limit ?? 1000, filter.offset ?? 0);
  const rows = await session.allDynamic<Record<string, unknown>>(
    `SELECT t.*, i.definition_key AS i_definition_key, i.business_key AS i_business_key ${FROM} WHERE ${where}
     ORDER BY ${orderBy(filter)} LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
  return rows.map(toTaskView);
}

export async function countOpenTasks(session: SqlSession, filter: TaskFilter, now: Date): Promise<number> {
  const { where, params } = whereClause(filter, now);
  const [row] = await session.allDynamic<{ total: unknown }>(`SELECT COUNT(*) AS total ${FROM} WHERE ${where}`, params);
  return Number(row?.total ?? 0);
}

/**
 * The condition "the task `taskIdPlaceholder` passes `access`", for statements on the tasks table
 * that have no join of their own (the conditional updates of task-claims.ts).
 */
export function taskAccessCondition(access: AccessFilters, taskIdPlaceholder: string, param: (value: unknown) => string): string {
  return `EXISTS (SELECT 1 ${FROM} WHERE t.id = ${taskIdPlaceholder} AND ${accessSql(access, TASK_FIELDS, param)})`;
}

/** One task (open or not) with its instance's key and business key. */
export async function readTaskView(session: SqlSession, taskId: string): Promise<TaskView | undefined> {
  const [raw] = await session.allDynamic<Record<string, unknown>>(
    `SELECT t.*, i.definition_key AS i_definition_key, i.business_key AS i_business_key ${FROM} WHERE t.id = $1`,
    [taskId],
  );
  return raw ? toTaskView(raw) : undefined;
}
