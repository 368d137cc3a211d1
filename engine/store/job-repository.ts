/**
 * Job rows: timers armed by the runtime, acquired by the job executor with a lease, deleted in the
 * transaction that fires them (so each fires once), or counted down on failure until they become an
 * incident (retries = 0). Acquisition on PostgreSQL skips rows another node has locked.
 */
import { sql, type SqlSession } from './sql-session.js';
import { timeParam, toDate, toNullableDate } from './rows.js';
import type { WriteBatch } from './write-batch.js';

export interface JobRow {
  id: string;
  kind: 'timer';
  definitionId: string | null;
  instanceId: string | null;
  tokenId: string | null;
  elementId: string;
  dueAt: Date;
  /** What is left of a timer cycle (e.g. R2/PT10H), or null. */
  repeat: string | null;
  retries: number;
  lastError: string | null;
  lockOwner: string | null;
  lockExpiresAt: Date | null;
  createdAt: Date;
  version: number;
}

type Raw = Record<string, unknown>;

export function toJobRow(raw: Raw): JobRow {
  return {
    id: String(raw.id),
    kind: raw.kind as 'timer',
    definitionId: raw.definition_id == null ? null : String(raw.definition_id),
    instanceId: raw.instance_id == null ? null : String(raw.instance_id),
    tokenId: raw.token_id == null ? null : String(raw.token_id),
    elementId: String(raw.element_id),
    dueAt: toDate(raw.due_at),
    repeat: raw.repeat == null ? null : String(raw.repeat),
    retries: Number(raw.retries),
    lastError: raw.last_error == null ? null : String(raw.last_error),
    lockOwner: raw.lock_owner == null ? null : String(raw.lock_owner),
    lockExpiresAt: toNullableDate(raw.lock_expires_at),
    createdAt: toDate(raw.created_at),
    version: Number(raw.version),
  };
}

const S = {
  insert: sql(
    'motcua_insert_job',
    `INSERT INTO jobs (id, kind, definition_id, instance_id, token_id, element_id, due_at, repeat, retries, last_error,
       lock_owner, lock_expires_at, created_at, version)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, NULL, NULL, NULL, $10, 0)`,
  ),
  deleteOfToken: sql('motcua_delete_jobs_of_token', 'DELETE FROM jobs WHERE token_id = $1 AND element_id = $2 AND id <> $3'),
  deleteOfInstance: sql('motcua_delete_jobs_of_instance', 'DELETE FROM jobs WHERE instance_id = $1 AND id <> $2'),
  deleteOfDefinition: sql('motcua_delete_jobs_of_definition', 'DELETE FROM jobs WHERE definition_id = $1 AND instance_id IS NULL'),
  acquire: sql(
    'motcua_acquire_jobs',
    `UPDATE jobs SET lock_owner = $1, lock_expires_at = $2, version = version + 1
     WHERE id IN (SELECT id FROM jobs WHERE due_at <= $3 AND retries > 0 AND (lock_expires_at IS NULL OR lock_expires_at < $3)
                  ORDER BY due_at LIMIT $4 FOR UPDATE SKIP LOCKED)
     RETURNING *`,
    `UPDATE jobs SET lock_owner = ?1, lock_expires_at = ?2, version = version + 1
     WHERE id IN (SELECT id FROM jobs WHERE due_at <= ?3 AND retries > 0 AND (lock_expires_at IS NULL OR lock_expires_at < ?3)
                  ORDER BY due_at LIMIT ?4)
     RETURNING *`,
  ),
  readLocked: sql('motcua_read_locked_job', 'SELECT * FROM jobs WHERE id = $1 AND lock_owner = $2'),
  deleteLocked: sql('motcua_delete_locked_job', 'DELETE FROM jobs WHERE id = $1 AND lock_owner = $2 AND version = $3'),
  fail: sql(
    'motcua_fail_job',
    `UPDATE jobs SET retries = retries - 1, last_error = $3, due_at = $4, lock_owner = NULL, lock_expires_at = NULL,
       version = version + 1
     WHERE id = $1 AND lock_owner = $2`,
  ),
  retry: sql(
    'motcua_retry_job',
    `UPDATE jobs SET retries = $2, due_at = $3, last_error = NULL, version = version + 1 WHERE id = $1 AND retries = 0`,
  ),
  incidents: sql('motcua_incidents', 'SELECT * FROM jobs WHERE retries = 0 ORDER BY due_at, id'),
} as const;

export function insertJob(batch: WriteBatch, job: JobRow): void {
  batch.add(S.insert, [
    job.id,
    job.kind,
    job.definitionId,
    job.instanceId,
    job.tokenId,
    job.elementId,
    timeParam(job.dueAt),
    job.repeat,
    job.retries,
    timeParam(job.createdAt),
  ]);
}

/**
 * Disarms the timer an element armed for a token (an intermediate catch, or one boundary event).
 * `firingJobId` is the job the command is firing: it is deleted by deleteFiredJob, and one statement
 * must not delete a row twice.
 */
export function deleteJobOfToken(batch: WriteBatch, tokenId: string, elementId: string, firingJobId: string): void {
  batch.add(S.deleteOfToken, [tokenId, elementId, firingJobId]);
}

export function deleteJobsOfInstance(batch: WriteBatch, instanceId: string, firingJobId: string): void {
  batch.add(S.deleteOfInstance, [instanceId, firingJobId]);
}

/** Removes the timer start jobs of a definition version (a newer version replaces them). */
export function deleteStartJobsOfDefinition(batch: WriteBatch, definitionId: string): void {
  batch.add(S.deleteOfDefinition, [definitionId]);
}

/** Leases up to `limit` due jobs to `owner` until `lockUntil`; expired leases are taken over. */
export async function acquireDueJobs(session: SqlSession, owner: string, now: Date, lockUntil: Date, limit: number): Promise<JobRow[]> {
  const rows = await session.all<Raw>(S.acquire, [owner, timeParam(lockUntil), timeParam(now), limit]);
  return rows.map(toJobRow).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}

/** The job, if this owner still holds its lease. */
export async function readLockedJob(session: SqlSession, id: string, owner: string): Promise<JobRow | undefined> {
  const [raw] = await session.all<Raw>(S.readLocked, [id, owner]);
  return raw ? toJobRow(raw) : undefined;
}

/** Deletes the fired job in the firing transaction; the version check makes the firing unique. */
export function deleteFiredJob(batch: WriteBatch, job: JobRow, owner: string): void {
  batch.addVersioned(S.deleteLocked, [job.id, owner, job.version], 'jobs', job);
}

export async function failJob(session: SqlSession, id: string, owner: string, error: string, retryAt: Date): Promise<void> {
  await session.run(S.fail, [id, owner, error, timeParam(retryAt)]);
}

export async function retryIncident(session: SqlSession, id: string, retries: number, dueAt: Date): Promise<boolean> {
  return (await session.run(S.retry, [id, retries, timeParam(dueAt)])) === 1;
}

export async function readIncidents(session: SqlSession): Promise<JobRow[]> {
  return (await session.all<Raw>(S.incidents)).map(toJobRow);
}

/** Jobs, filtered in SQL. */
export async function queryJobs(session: SqlSession, filter: { processInstanceId?: string; elementId?: string }): Promise<JobRow[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.processInstanceId !== undefined) {
    params.push(filter.processInstanceId);
    where.push(`instance_id = $${params.length}`);
  }
  if (filter.elementId !== undefined) {
    params.push(filter.elementId);
    where.push(`element_id = $${params.length}`);
  }
  const rows = await session.allDynamic<Raw>(
    `SELECT * FROM jobs${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY due_at, id`,
    params,
  );
  return rows.map(toJobRow);
}
