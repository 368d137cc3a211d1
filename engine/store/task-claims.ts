/**
 * Claiming and unclaiming a task: a conditional update (only an open task with no assignee can be
 * claimed; only a claimed one unclaimed) and its history row. On PostgreSQL both are one statement
 * (a data-modifying CTE), so the call needs no explicit transaction; on SQLite they are two
 * statements in the command's transaction. No row back means the condition did not hold: the caller
 * reads the task to say why.
 */
import { sql, type SqlSession, type Statement } from './sql-session.js';
import { timeParam, toTaskRow, type TaskRow } from './rows.js';

const HISTORY_INSERT = 'INSERT INTO history (instance_id, element_id, element_type, event, at, user_id, token_id, detail)';

interface ClaimSql {
  /** PostgreSQL: $1 task id, $2 new assignee (or null), $3 time, $4 user, $5 detail. */
  readonly combined: Statement;
  /** SQLite: $1 task id, $2 new assignee (or null). */
  readonly update: Statement;
  /** SQLite: $1 instance, $2 element, $3 time, $4 user, $5 token, $6 detail. */
  readonly record: Statement;
}

function claimSql(event: 'claimed' | 'unclaimed', condition: string): ClaimSql {
  const update = `UPDATE tasks SET assignee = $2, version = version + 1 WHERE id = $1 AND state = 'created' AND ${condition} RETURNING *`;
  return {
    combined: sql(
      `motcua_${event}_task`,
      `WITH changed AS (${update.replace('$2', 'CAST($2 AS VARCHAR)')}),
            recorded AS (${HISTORY_INSERT} SELECT instance_id, element_id, 'userTask', '${event}', $3, $4, token_id, $5 FROM changed)
       SELECT * FROM changed`,
    ),
    update: sql(`motcua_${event}_task_update`, update),
    record: sql(`motcua_${event}_task_history`, `${HISTORY_INSERT} VALUES ($1, $2, 'userTask', '${event}', $3, $4, $5, $6)`),
  };
}

const CLAIM = claimSql('claimed', 'assignee IS NULL');
const UNCLAIM = claimSql('unclaimed', 'assignee IS NOT NULL');

async function changeAssignee(
  session: SqlSession,
  statements: ClaimSql,
  taskId: string,
  assignee: string | null,
  userId: string | null,
  at: Date,
): Promise<TaskRow | undefined> {
  const detail = JSON.stringify({ taskId });
  if (session.dialect === 'postgres') {
    const [raw] = await session.all<Record<string, unknown>>(statements.combined, [taskId, assignee, timeParam(at), userId, detail]);
    return raw ? toTaskRow(raw) : undefined;
  }
  const [raw] = await session.all<Record<string, unknown>>(statements.update, [taskId, assignee]);
  if (!raw) return undefined;
  const task = toTaskRow(raw);
  await session.run(statements.record, [task.instanceId, task.elementId, timeParam(at), userId, task.tokenId, detail]);
  return task;
}

/** Makes the user the assignee of an open, unclaimed task; undefined when the task is not such a task. */
export const claimOpenTask = (session: SqlSession, taskId: string, userId: string, at: Date) =>
  changeAssignee(session, CLAIM, taskId, userId, userId, at);

/** Clears the assignee of an open, claimed task; undefined when the task is not such a task. */
export const unclaimOpenTask = (session: SqlSession, taskId: string, userId: string | null, at: Date) =>
  changeAssignee(session, UNCLAIM, taskId, null, userId, at);
