/**
 * Open-task queries, filtered in SQL (never after loading): by instance, assignee, candidate group
 * or user, unassigned, element, due date. Candidates live in their own indexed table. Due dates are
 * stored as ISO-8601 UTC text on SQLite, so text comparison orders them.
 */
import type { SqlSession } from './sql-session.js';
import { timeParam, toTaskRow, type TaskRow } from './rows.js';

export interface TaskFilter {
  readonly processInstanceId?: string;
  readonly assignee?: string;
  readonly candidateGroup?: string;
  /** Any of these groups. */
  readonly candidateGroups?: readonly string[];
  readonly candidateUser?: string;
  readonly unassigned?: boolean;
  readonly elementId?: string;
  /** Tasks due before this instant. */
  readonly dueBefore?: Date;
  /** Tasks whose due date has passed (by the engine's clock). */
  readonly overdue?: boolean;
  /** At most this many tasks (default 1000), oldest first. */
  readonly limit?: number;
  readonly offset?: number;
}

export async function queryOpenTasks(session: SqlSession, filter: TaskFilter, now: Date): Promise<TaskRow[]> {
  const where = ["t.state = 'created'"];
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (filter.processInstanceId !== undefined) where.push(`t.instance_id = ${param(filter.processInstanceId)}`);
  if (filter.assignee !== undefined) where.push(`t.assignee = ${param(filter.assignee)}`);
  if (filter.unassigned) where.push('t.assignee IS NULL');
  if (filter.elementId !== undefined) where.push(`t.element_id = ${param(filter.elementId)}`);
  if (filter.dueBefore !== undefined) where.push(`t.due_date < ${param(timeParam(filter.dueBefore))}`);
  if (filter.overdue) where.push(`t.due_date < ${param(timeParam(now))}`);
  const candidate = (kind: string, values: readonly string[]) =>
    `EXISTS (SELECT 1 FROM task_candidates c WHERE c.task_id = t.id AND c.kind = '${kind}' AND c.value IN (${values
      .map((value) => param(value))
      .join(', ')}))`;
  if (filter.candidateGroup !== undefined) where.push(candidate('group', [filter.candidateGroup]));
  if (filter.candidateGroups !== undefined) {
    where.push(filter.candidateGroups.length === 0 ? '1 = 0' : candidate('group', filter.candidateGroups));
  }
  if (filter.candidateUser !== undefined) where.push(candidate('user', [filter.candidateUser]));
  const limit = param(filter.limit ?? 1000);
  const offset = param(filter.offset ?? 0);
  const rows = await session.allDynamic<Record<string, unknown>>(
    `SELECT t.* FROM tasks t WHERE ${where.join(' AND ')} ORDER BY t.created_at, t.id LIMIT ${limit} OFFSET ${offset}`,
    params,
  );
  return rows.map(toTaskRow);
}
