/**
 * External task rows: created when a token reaches an external service task, leased to a worker by
 * topic (on PostgreSQL FOR UPDATE SKIP LOCKED, so workers never wait for each other), deleted when
 * the worker completes the task or the token leaves, counted down by failures; retries 0 is an
 * incident and is fetched no more.
 */
import { sql, type SqlSession } from './sql-session.js';
import { timeParam, toDate, toNullableDate } from './rows.js';
import type { WriteBatch } from './write-batch.js';

export interface ExternalTaskRow {
  id: string;
  topic: string;
  instanceId: string;
  tokenId: string;
  elementId: string;
  businessKey: string | null;
  workerId: string | null;
  lockExpiresAt: Date | null;
  /** null until a worker first reports a failure. */
  retries: number | null;
  errorMessage: string | null;
  createdAt: Date;
  version: number;
}

type Raw = Record<string, unknown>;
const text = (value: unknown) => (value == null ? null : String(value));

function toRow(raw: Raw): ExternalTaskRow {
  return {
    id: String(raw.id),
    topic: String(raw.topic),
    instanceId: String(raw.instance_id),
    tokenId: String(raw.token_id),
    elementId: String(raw.element_id),
    businessKey: text(raw.business_key),
    workerId: text(raw.worker_id),
    lockExpiresAt: toNullableDate(raw.lock_expires_at),
    retries: raw.retries == null ? null : Number(raw.retries),
    errorMessage: text(raw.error_message),
    createdAt: toDate(raw.created_at),
    version: Number(raw.version),
  };
}

const S = {
  insert: sql(
    'motcua_insert_external_task',
    `INSERT INTO external_tasks (id, topic, instance_id, token_id, element_id, business_key, worker_id, lock_expires_at, retries,
       error_message, created_at, version)
     VALUES ($1, $2, $3, $4, $5, $6, NULL, NULL, NULL, NULL, $7, 0)`,
  ),
  deleteOfToken: sql('motcua_delete_external_task_of_token', 'DELETE FROM external_tasks WHERE token_id = $1 AND element_id = $2'),
  deleteOfInstance: sql('motcua_delete_external_tasks_of_instance', 'DELETE FROM external_tasks WHERE instance_id = $1'),
  byId: sql('motcua_external_task', 'SELECT * FROM external_tasks WHERE id = $1'),
  fail: sql(
    'motcua_fail_external_task',
    `UPDATE external_tasks SET retries = $3, error_message = $4, worker_id = NULL, lock_expires_at = $5, version = version + 1
     WHERE id = $1 AND worker_id = $2`,
  ),
  retry: sql('motcua_retry_external_task', 'UPDATE external_tasks SET retries = $2, lock_expires_at = NULL, version = version + 1 WHERE id = $1 AND retries = 0'),
  incidents: sql('motcua_external_task_incidents', 'SELECT * FROM external_tasks WHERE retries = 0 ORDER BY created_at, id'),
} as const;

export function insertExternalTask(batch: WriteBatch, row: ExternalTaskRow): void {
  batch.add(S.insert, [row.id, row.topic, row.instanceId, row.tokenId, row.elementId, row.businessKey, timeParam(row.createdAt)]);
}

export function deleteExternalTaskOfToken(batch: WriteBatch, tokenId: string, elementId: string): void {
  batch.add(S.deleteOfToken, [tokenId, elementId]);
}

export function deleteExternalTasksOfInstance(batch: WriteBatch, instanceId: string): void {
  batch.add(S.deleteOfInstance, [instanceId]);
}

export async function readExternalTask(session: SqlSession, id: string): Promise<ExternalTaskRow | undefined> {
  const [raw] = await session.all<Raw>(S.byId, [id]);
  return raw ? toRow(raw) : undefined;
}

/** Leases up to `max` free tasks of the topics to the worker; a lapsed lease is free again. */
export async function lockExternalTasks(
  session: SqlSession,
  workerId: string,
  topics: readonly { topicName: string; lockDuration: number }[],
  max: number,
  now: Date,
): Promise<ExternalTaskRow[]> {
  const locked: ExternalTaskRow[] = [];
  for (const { topicName, lockDuration } of topics) {
    if (locked.length >= max) break;
    const free = `SELECT id FROM external_tasks WHERE topic = $3 AND (retries IS NULL OR retries > 0)
                  AND (lock_expires_at IS NULL OR lock_expires_at < $4) ORDER BY created_at, id LIMIT $5`;
    const rows = await session.allDynamic<Raw>(
      `UPDATE external_tasks SET worker_id = $1, lock_expires_at = $2, version = version + 1
       WHERE id IN (${session.dialect === 'postgres' ? `${free} FOR UPDATE SKIP LOCKED` : free}) RETURNING *`,
      [workerId, timeParam(new Date(now.getTime() + lockDuration)), topicName, timeParam(now), max - locked.length],
    );
    locked.push(...rows.map(toRow));
  }
  return locked;
}

export async function failExternalTask(
  session: SqlSession,
  id: string,
  workerId: string,
  retries: number,
  errorMessage: string | null,
  availableAt: Date,
): Promise<boolean> {
  return (await session.run(S.fail, [id, workerId, retries, errorMessage, timeParam(availableAt)])) === 1;
}

export async function retryExternalTaskIncident(session: SqlSession, id: string, retries: number): Promise<boolean> {
  return (await session.run(S.retry, [id, retries])) === 1;
}

export async function readExternalTaskIncidents(session: SqlSession): Promise<ExternalTaskRow[]> {
  return (await session.all<Raw>(S.incidents)).map(toRow);
}
