/**
 * The engine's hot-path reads and writes of instances, tokens, tasks, variables and history, as
 * prepared SQL on the command's session. Reads run at once; writes are added to the command's
 * WriteBatch and go out together at its end. Every update of a versioned row checks the version it
 * read; a miss raises OptimisticLockError, which makes the executor retry the command.
 */
import { sql, type SqlSession } from './sql-session.js';
import type { WriteBatch } from './write-batch.js';
import {
  timeParam,
  toInstanceRow,
  toTaskRow,
  toTokenRow,
  encodeLocalVariables,
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
  lockInstanceWithTask: sql(
    'motcua_lock_instance_with_task',
    `SELECT i.*, t.id AS t_id, t.instance_id AS t_instance_id, t.token_id AS t_token_id, t.element_id AS t_element_id,
       t.name AS t_name, t.assignee AS t_assignee, t.candidate_groups AS t_candidate_groups,
       t.candidate_users AS t_candidate_users, t.due_date AS t_due_date, t.follow_up_date AS t_follow_up_date,
       t.priority AS t_priority, t.form_key AS t_form_key, t.unit_id AS t_unit_id, t.owner AS t_owner,
       t.delegation_state AS t_delegation_state, t.state AS t_state, t.created_at AS t_created_at,
       t.ended_at AS t_ended_at, t.ended_by AS t_ended_by, t.version AS t_version
     FROM tasks t JOIN process_instances i ON i.id = t.instance_id WHERE t.id = $1 FOR UPDATE OF i`,
  ),
  lockInstanceOfTask: sql(
    'motcua_lock_instance_of_task',
    'SELECT * FROM process_instances WHERE id = (SELECT instance_id FROM tasks WHERE id = $1) FOR UPDATE',
  ),
  readTask: sql('motcua_read_task', 'SELECT * FROM tasks WHERE id = $1'),
  openTasksOfInstance: sql('motcua_open_tasks', "SELECT * FROM tasks WHERE instance_id = $1 AND state = 'created'"),
  tokens: sql('motcua_tokens', 'SELECT * FROM tokens WHERE instance_id = $1 ORDER BY created_at, id'),
  variables: sql('motcua_variables', 'SELECT name, type, value FROM variables WHERE instance_id = $1'),
  insertInstance: sql(
    'motcua_insert_instance',
    `INSERT INTO process_instances (id, definition_id, definition_key, definition_version, business_key, state,
       parent_instance_id, parent_token_id, started_at, ended_at, unit_id, dossier_status, due_date, original_due_date, paused_at, version)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, 0)`,
  ),
  updateInstance: sql(
    'motcua_update_instance',
    `UPDATE process_instances SET state = $3, ended_at = $4, dossier_status = $5, due_date = $6, paused_at = $7, version = version + 1
     WHERE id = $1 AND version = $2`,
  ),
  insertToken: sql(
    'motcua_insert_token',
    `INSERT INTO tokens (id, instance_id, element_id, scope_token_id, state, arrived_via, created_at, local_variables, version)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0)`,
  ),
  updateToken: sql(
    'motcua_update_token',
    'UPDATE tokens SET element_id = $3, state = $4, arrived_via = $5, local_variables = $6, version = version + 1 WHERE id = $1 AND version = $2',
  ),
  deleteToken: sql('motcua_delete_token', 'DELETE FROM tokens WHERE id = $1 AND version = $2'),
  insertTask: sql(
    'motcua_insert_task',
    `INSERT INTO tasks (id, instance_id, token_id, element_id, name, assignee, candidate_groups, candidate_users,
       due_date, follow_up_date, priority, form_key, state, created_at, unit_id, ended_at, ended_by, version)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, NULL, NULL, 0)`,
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

export async function lockInstance(session: SqlSession, id: string): Promise<InstanceRow | undefined> {
  const [raw] = await session.all<Raw>(S.lockInstance, [id]);
  return raw ? toInstanceRow(raw) : undefined;
}

export async function readInstance(session: SqlSession, id: string): Promise<InstanceRow | undefined> {
  const [raw] = await session.all<Raw>(S.readInstance, [id]);
  return raw ? toInstanceRow(raw) : undefined;
}

/**
 * Locks the instance a task belongs to and reads the task, in one statement. The task row is as it
 * was when the statement started, possibly before the lock was granted: the caller must treat it as
 * a hint that the versioned update confirms. Under READ COMMITTED PostgreSQL may return no row when
 * the instance was updated while this waited for its lock; the caller then locks by itself
 * (lockInstanceOfTask) and reads the task after.
 */
export async function lockInstanceWithTask(session: SqlSession, taskId: string): Promise<{ instance: InstanceRow; task: TaskRow } | undefined> {
  const [raw] = await session.all<Raw>(S.lockInstanceWithTask, [taskId]);
  if (!raw) return undefined;
  const task: Raw = {};
  for (const [column, value] of Object.entries(raw)) if (column.startsWith('t_')) task[column.slice(2)] = value;
  return { instance: toInstanceRow(raw), task: toTaskRow(task) };
}

/** Locks the instance a task belongs to, in one statement. */
export async function lockInstanceOfTask(session: SqlSession, taskId: string): Promise<InstanceRow | undefined> {
  const [raw] = await session.all<Raw>(S.lockInstanceOfTask, [taskId]);
  return raw ? toInstanceRow(raw) : undefined;
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

export function insertInstance(batch: WriteBatch, row: InstanceRow): void {
  batch.add(S.insertInstance, [
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
    row.unitId,
    row.dossierStatus,
    timeParam(row.dueDate),
    timeParam(row.originalDueDate),
    timeParam(row.pausedAt),
  ]);
}

/** Writes the instance's new state over the version it read; the row then holds the next version. */
export function updateInstance(batch: WriteBatch, row: InstanceRow): void {
  batch.addVersioned(
    S.updateInstance,
    [row.id, row.version, row.state, timeParam(row.endedAt), row.dossierStatus, timeParam(row.dueDate), timeParam(row.pausedAt)],
    'process_instances',
    row,
  );
}

export function insertToken(batch: WriteBatch, row: TokenRow): void {
  batch.add(S.insertToken, [
    row.id,
    row.instanceId,
    row.elementId,
    row.scopeTokenId,
    row.state,
    row.arrivedVia,
    timeParam(row.createdAt),
    encodeLocalVariables(row.localVariables),
  ]);
}

export function updateToken(batch: WriteBatch, row: TokenRow): void {
  batch.addVersioned(
    S.updateToken,
    [row.id, row.version, row.elementId, row.state, row.arrivedVia, encodeLocalVariables(row.localVariables)],
    'tokens',
    row,
  );
}

export function deleteToken(batch: WriteBatch, row: TokenRow): void {
  batch.addVersioned(S.deleteToken, [row.id, row.version], 'tokens', row);
}

export function insertTask(batch: WriteBatch, row: TaskRow): void {
  batch.add(S.insertTask, [
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
    row.unitId,
  ]);
  const candidates = [
    ...[...new Set(row.candidateGroups)].map((value) => ['group', value]),
    ...[...new Set(row.candidateUsers)].map((value) => ['user', value]),
  ];
  if (candidates.length > 0) {
    const values = candidates.map((_, i) => `($1, $${i * 2 + 2}, $${i * 2 + 3})`).join(', ');
    batch.add(`INSERT INTO task_candidates (task_id, kind, value) VALUES ${values}`, [row.id, ...candidates.flat()]);
  }
}

export function updateTask(batch: WriteBatch, row: TaskRow): void {
  batch.addVersioned(S.updateTask, [row.id, row.version, row.assignee, row.state, timeParam(row.endedAt), row.endedBy], 'tasks', row);
}

export function writeVariables(batch: WriteBatch, instanceId: string, values: ReadonlyMap<string, unknown>): void {
  for (const [name, value] of values) {
    const encoded = encodeVariable(name, value);
    batch.add(S.upsertVariable, [instanceId, name, encoded.type, encoded.value]);
  }
}

const HISTORY_COLUMNS = 8;

/** Appends history rows in one multi-row insert; the history is never updated or deleted. */
export function appendHistory(batch: WriteBatch, rows: readonly HistoryRow[]): void {
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
  batch.add(`INSERT INTO history (instance_id, element_id, element_type, event, at, user_id, token_id, detail) VALUES ${values}`, params);
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
