/**
 * The engine's hot-path reads and writes of instances, tokens, tasks, variables and history, as
 * prepared SQL on the command's session. Every update of a versioned row checks the version it
 * read and bumps it; a miss raises OptimisticLockError, which makes the executor retry.
 */
import { OptimisticLockError } from '../errors.js';
import { sql, type SqlSession } from './sql-session.js';
import {
  timeParam,
  toInstanceRow,
  toTaskRow,
  toTokenRow,
  type HistoryRow,
  type InstanceRow,
  type TaskRow,
  type TokenRow,
} from './rows.js';
import { decodeVariable, encodeVariable } from './variable-codec.js';

type Raw = Record<string, unknown>;

const S = {
  lockInstance: sql('motcua_lock_instance', 'SELECT * FROM process_instances WHERE id = $1 FOR UPDATE'),
  readInstance: sql('motcua_read_instance', 'SELECT * FROM process_instances WHERE id = $1'),
  taskInstanceId: sql('motcua_task_instance_id', 'SELECT instance_id FROM tasks WHERE id = $1'),
  readTask: sql('motcua_read_task', 'SELECT * FROM tasks WHERE id = $1'),
  openTasksOfInstance: sql('motcua_open_tasks', "SELECT * FROM tasks WHERE instance_id = $1 AND state = 'created'"),
  tokens: sql('motcua_tokens', 'SELECT * FROM tokens WHERE instance_id = $1 ORDER BY created_at, id'),
  variables: sql('motcua_variables', 'SELECT name, type, value FROM variables WHERE instance_id = $1'),
  insertInstance: sql(
    'motcua_insert_instance',
    `INSERT INTO process_instances (id, definition_id, definition_key, definition_version, business_key, state,
       parent_instance_id, parent_token_id, started_at, ended_at, version)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 0)`,
  ),
  updateInstance: sql(
    'motcua_update_instance',
    'UPDATE process_instances SET state = $3, ended_at = $4, version = version + 1 WHERE id = $1 AND version = $2',
  ),
  insertToken: sql(
    'motcua_insert_token',
    `INSERT INTO tokens (id, instance_id, element_id, scope_token_id, state, arrived_via, created_at, version)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 0)`,
  ),
  updateToken: sql(
    'motcua_update_token',
    'UPDATE tokens SET element_id = $3, state = $4, arrived_via = $5, version = version + 1 WHERE id = $1 AND version = $2',
  ),
  deleteToken: sql('motcua_delete_token', 'DELETE FROM tokens WHERE id = $1 AND version = $2'),
  insertTask: sql(
    'motcua_insert_task',
    `INSERT INTO tasks (id, instance_id, token_id, element_id, name, assignee, candidate_groups, candidate_users,
       due_date, follow_up_date, priority, form_key, state, created_at, ended_at, ended_by, version)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, NULL, NULL, 0)`,
  ),
  updateTask: sql(
    'motcua_update_task',
    `UPDATE tasks SET assignee = $3, state = $4, ended_at = $5, ended_by = $6, version = version + 1
     WHERE id = $1 AND version = $2`,
  ),
  upsertVariable: sql(
    'motcua_upsert_variable',
    `INSERT INTO variables (instance_id, name, type, value) VALUES ($1, $2, $3, $4)
     ON CONFLICT (instance_id, name) DO UPDATE SET type = excluded.type, value = excluded.value`,
  ),
} as const;

function expectOne(changed: number, table: string, id: string): void {
  if (changed !== 1) throw new OptimisticLockError(table, id);
}

export async function lockInstance(session: SqlSession, id: string): Promise<InstanceRow | undefined> {
  const [raw] = await session.all<Raw>(S.lockInstance, [id]);
  return raw ? toInstanceRow(raw) : undefined;
}

export async function readInstance(session: SqlSession, id: string): Promise<InstanceRow | undefined> {
  const [raw] = await session.all<Raw>(S.readInstance, [id]);
  return raw ? toInstanceRow(raw) : undefined;
}

export async function findTaskInstanceId(session: SqlSession, taskId: string): Promise<string | undefined> {
  const [raw] = await session.all<Raw>(S.taskInstanceId, [taskId]);
  return raw ? String(raw.instance_id) : undefined;
}

export async function readTask(session: SqlSession, taskId: string): Promise<TaskRow | undefined> {
  const [raw] = await session.all<Raw>(S.readTask, [taskId]);
  return raw ? toTaskRow(raw) : undefined;
}

export async function readOpenTasks(session: SqlSession, instanceId: string): Promise<TaskRow[]> {
  return (await session.all<Raw>(S.openTasksOfInstance, [instanceId])).map(toTaskRow);
}

export async function readTokens(session: SqlSession, instanceId: string): Promise<TokenRow[]> {
  return (await session.all<Raw>(S.tokens, [instanceId])).map(toTokenRow);
}

export async function readVariables(session: SqlSession, instanceId: string): Promise<Map<string, unknown>> {
  const rows = await session.all<{ name: string; type: string; value: string | null }>(S.variables, [instanceId]);
  return new Map(rows.map((row) => [row.name, decodeVariable(row.type, row.value)]));
}

export async function insertInstance(session: SqlSession, row: InstanceRow): Promise<void> {
  await session.run(S.insertInstance, [
    row.id,
    row.definitionId,
    row.definitionKey,
    row.definitionVersion,
    row.businessKey,
    row.state,
    row.parentInstanceId,
    row.parentTokenId,
    timeParam(row.startedAt),
    timeParam(row.endedAt),
  ]);
}

/** Writes the instance's new state; `row.version` is the version read, and becomes the next one. */
export async function updateInstance(session: SqlSession, row: InstanceRow): Promise<void> {
  expectOne(
    await session.run(S.updateInstance, [row.id, row.version, row.state, timeParam(row.endedAt)]),
    'process_instances',
    row.id,
  );
  row.version += 1;
}

export async function insertToken(session: SqlSession, row: TokenRow): Promise<void> {
  await session.run(S.insertToken, [
    row.id,
    row.instanceId,
    row.elementId,
    row.scopeTokenId,
    row.state,
    row.arrivedVia,
    timeParam(row.createdAt),
  ]);
}

export async function updateToken(session: SqlSession, row: TokenRow): Promise<void> {
  expectOne(await session.run(S.updateToken, [row.id, row.version, row.elementId, row.state, row.arrivedVia]), 'tokens', row.id);
  row.version += 1;
}

export async function deleteToken(session: SqlSession, row: TokenRow): Promise<void> {
  expectOne(await session.run(S.deleteToken, [row.id, row.version]), 'tokens', row.id);
}

export async function insertTask(session: SqlSession, row: TaskRow): Promise<void> {
  await session.run(S.insertTask, [
    row.id,
    row.instanceId,
    row.tokenId,
    row.elementId,
    row.name,
    row.assignee,
    JSON.stringify(row.candidateGroups),
    JSON.stringify(row.candidateUsers),
    timeParam(row.dueDate),
    timeParam(row.followUpDate),
    row.priority,
    row.formKey,
    row.state,
    timeParam(row.createdAt),
  ]);
  const candidates = [
    ...new Set(row.candidateGroups.map((value) => `group\u0000${value}`)),
    ...new Set(row.candidateUsers.map((value) => `user\u0000${value}`)),
  ].map((entry) => entry.split('\u0000') as [string, string]);
  if (candidates.length > 0) {
    const values = candidates.map((_, i) => `($1, $${i * 2 + 2}, $${i * 2 + 3})`).join(', ');
    await session.runDynamic(`INSERT INTO task_candidates (task_id, kind, value) VALUES ${values}`, [
      row.id,
      ...candidates.flat(),
    ]);
  }
}

export async function updateTask(session: SqlSession, row: TaskRow): Promise<void> {
  expectOne(
    await session.run(S.updateTask, [row.id, row.version, row.assignee, row.state, timeParam(row.endedAt), row.endedBy]),
    'tasks',
    row.id,
  );
  row.version += 1;
}

export async function writeVariables(session: SqlSession, instanceId: string, values: ReadonlyMap<string, unknown>): Promise<void> {
  for (const [name, value] of values) {
    const encoded = encodeVariable(name, value);
    await session.run(S.upsertVariable, [instanceId, name, encoded.type, encoded.value]);
  }
}

const HISTORY_COLUMNS = 8;

/** Appends history rows in one multi-row insert; the history is never updated or deleted. */
export async function appendHistory(session: SqlSession, rows: readonly HistoryRow[]): Promise<void> {
  if (rows.length === 0) return;
  const values = rows
    .map((_, r) => `(${Array.from({ length: HISTORY_COLUMNS }, (__, c) => `$${r * HISTORY_COLUMNS + c + 1}`).join(', ')})`)
    .join(', ');
  const params = rows.flatMap((row) => [
    row.instanceId,
    row.elementId,
    row.elementType,
    row.event,
    timeParam(row.at),
    row.userId,
    row.tokenId,
    row.detail,
  ]);
  await session.runDynamic(
    `INSERT INTO history (instance_id, element_id, element_type, event, at, user_id, token_id, detail) VALUES ${values}`,
    params,
  );
}

const activeChildOfToken = sql(
  'motcua_active_child_of_token',
  "SELECT id FROM process_instances WHERE parent_token_id = $1 AND state = 'active'",
);

/** The called instance a call activity's token waits for, if it still runs. */
export async function findActiveCalledInstance(session: SqlSession, tokenId: string): Promise<string | undefined> {
  const [raw] = await session.all<Raw>(activeChildOfToken, [tokenId]);
  return raw ? String(raw.id) : undefined;
}
