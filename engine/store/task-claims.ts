/**
 * Who holds a task: claiming and unclaiming, assigning, delegating and resolving (Camunda 7's task
 * service semantics). Each is a conditional update and its history row:
 * - claim: an open task nobody holds gets the user;
 * - unclaim: an open, held task is let go (optionally only if the named user still holds it);
 * - assign: an open task gets the named user whoever held it (a head of division hands work out);
 * - delegate: an open, held task goes to the delegate; its holder becomes the owner (kept if the
 *   task was delegated before) and the delegation is pending;
 * - resolve: a pending delegation ends; the task goes back to its owner.
 * On PostgreSQL update and history are one statement (a data-modifying CTE), so the call needs no
 * explicit transaction; on SQLite they are two statements in the command's transaction. No row back
 * means the condition did not hold: the caller reads the task to say why. A claim may carry the
 * caller's access filters, checked in the same statement (the API's claim needs no read first).
 */
import { sql, type SqlSession, type Statement } from './sql-session.js';
import { timeParam, toTaskRow, toTaskView, type TaskView } from './rows.js';
import type { AccessFilters } from './access-filter.js';
import { sqlParams } from './sql-params.js';
import { taskAccessCondition } from './task-query.js';

const HISTORY_INSERT = 'INSERT INTO history (instance_id, element_id, element_type, event, at, user_id, token_id, detail)';

type HolderEvent = 'claimed' | 'unclaimed' | 'assigned' | 'delegated' | 'resolved';

interface HolderSql {
  /** PostgreSQL: $1 task id, $2 the user the change names (or null), $3 time, $4 acting user, $5 detail. */
  readonly combined: Statement;
  /** SQLite: $1 task id, $2 the user the change names (or null). */
  readonly update: Statement;
  /** SQLite: $1 instance, $2 element, $3 time, $4 user, $5 token, $6 detail. */
  readonly record: Statement;
  /** The texts of `combined` and `update` with a further condition (parameters after theirs). */
  readonly withCondition: (extra: string) => { readonly combined: string; readonly update: string };
}

const INSTANCE_OF_TASK = sql(
  'motcua_instance_keys',
  'SELECT definition_key AS i_definition_key, business_key AS i_business_key FROM process_instances WHERE id = $1',
);

/** `set` and `condition` may use $2, the user the change names; `variant` tells statements of one event apart. */
function holderSql(event: HolderEvent, set: string, condition: string, variant = ''): HolderSql {
  const name = `${event}${variant}`;
  const update = (extra: string) => `UPDATE tasks SET ${set}, version = version + 1 WHERE id = $1 AND state = 'created' AND ${condition}${extra} RETURNING *`;
  const combined = (extra: string) =>
    `WITH changed AS (${update(extra).replaceAll('$2', 'CAST($2 AS VARCHAR)')}),
            recorded AS (${HISTORY_INSERT} SELECT instance_id, element_id, 'userTask', '${event}', $3, $4, token_id, $5 FROM changed)
       SELECT c.*, i.definition_key AS i_definition_key, i.business_key AS i_business_key
       FROM changed c JOIN process_instances i ON i.id = c.instance_id`;
  return {
    combined: sql(`motcua_${name}_task`, combined('')),
    update: sql(`motcua_${name}_task_update`, update('')),
    record: sql(`motcua_${name}_task_history`, `${HISTORY_INSERT} VALUES ($1, $2, 'userTask', '${event}', $3, $4, $5, $6)`),
    withCondition: (extra) => ({ combined: combined(` AND ${extra}`), update: update(` AND ${extra}`) }),
  };
}

const CLAIM = holderSql('claimed', 'assignee = $2', 'assignee IS NULL');
const UNCLAIM = holderSql('unclaimed', 'assignee = $2', 'assignee IS NOT NULL');
const UNCLAIM_FROM = holderSql('unclaimed', 'assignee = NULL', 'assignee = $2', '_from');
const ASSIGN = holderSql('assigned', 'assignee = $2', '1 = 1');
const DELEGATE = holderSql('delegated', "owner = COALESCE(owner, assignee), assignee = $2, delegation_state = 'pending'", 'assignee IS NOT NULL');
// $2 is not used by a resolve; the statement still takes it so that every change has one shape.
const RESOLVE = holderSql('resolved', "assignee = owner, delegation_state = 'resolved', owner = COALESCE(owner, $2)", "delegation_state = 'pending'");

async function changeHolder(
  session: SqlSession,
  statements: HolderSql,
  taskId: string,
  named: string | null,
  userId: string | null,
  at: Date,
  access?: AccessFilters,
): Promise<TaskView | undefined> {
  const detail = JSON.stringify(named === null ? { taskId } : { taskId, userId: named });
  /** With access filters the statement is built for them (and prepared by its text). */
  const conditional = (base: unknown[], pick: 'combined' | 'update', statement: Statement) => {
    if (!access) return session.all<Record<string, unknown>>(statement, base);
    const { values, param } = sqlParams(base);
    return session.allDynamic<Record<string, unknown>>(statements.withCondition(taskAccessCondition(access, '$1', param))[pick], values);
  };
  if (session.dialect === 'postgres') {
    const [raw] = await conditional([taskId, named, timeParam(at), userId, detail], 'combined', statements.combined);
    return raw ? toTaskView(raw) : undefined;
  }
  const [raw] = await conditional([taskId, named], 'update', statements.update);
  if (!raw) return undefined;
  const task = toTaskRow(raw);
  await session.run(statements.record, [task.instanceId, task.elementId, timeParam(at), userId, task.tokenId, detail]);
  const [keys] = await session.all<Record<string, unknown>>(INSTANCE_OF_TASK, [task.instanceId]);
  return toTaskView({ ...raw, ...keys });
}

/**
 * Makes the user the assignee of an open, unclaimed task that passes `access` (when given);
 * undefined when the task is not such a task.
 */
export const claimOpenTask = (session: SqlSession, taskId: string, userId: string, at: Date, access?: AccessFilters) =>
  changeHolder(session, CLAIM, taskId, userId, userId, at, access);

/** Clears the assignee of an open, claimed task; undefined when the task is not such a task. */
export const unclaimOpenTask = (session: SqlSession, taskId: string, userId: string | null, at: Date) =>
  changeHolder(session, UNCLAIM, taskId, null, userId, at);

/** Clears the assignee of an open task held by `holder`; undefined when it is not open or someone else holds it. */
export const unclaimTaskFrom = (session: SqlSession, taskId: string, holder: string, userId: string | null, at: Date) =>
  changeHolder(session, UNCLAIM_FROM, taskId, holder, userId, at);

/** Gives an open task to `assignee` (null: to nobody), whoever held it; undefined when it is not open. */
export const assignOpenTask = (session: SqlSession, taskId: string, assignee: string | null, userId: string | null, at: Date) =>
  changeHolder(session, ASSIGN, taskId, assignee, userId, at);

/** Hands an open, held task to the delegate; undefined when it is not open or nobody holds it. */
export const delegateOpenTask = (session: SqlSession, taskId: string, delegate: string, userId: string | null, at: Date) =>
  changeHolder(session, DELEGATE, taskId, delegate, userId, at);

/** Gives a delegated task back to its owner; undefined when no delegation is pending. */
export const resolveOpenTask = (session: SqlSession, taskId: string, userId: string | null, at: Date) =>
  changeHolder(session, RESOLVE, taskId, null, userId, at);
