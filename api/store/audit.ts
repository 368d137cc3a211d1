/**
 * The append-only audit log of admin changes: who, what, when, the unit concerned, and a before /
 * after summary (JSON). Nothing in the API updates or deletes these rows.
 */
import { iso, type Sql } from './sql.js';
import type { SqlFilter } from '../auth/sql-filter.js';

export interface AuditEntryInput {
  readonly actor: string;
  readonly actorKind: 'user' | 'api-key' | 'system';
  readonly action: string;
  readonly subject: string;
  readonly subjectId: string;
  readonly unitId: string | null;
  readonly before?: unknown;
  readonly after?: unknown;
  readonly requestId?: string | null;
}

export interface AuditEntry extends Omit<AuditEntryInput, 'before' | 'after' | 'requestId'> {
  readonly seq: number;
  readonly at: string;
  readonly before: unknown;
  readonly after: unknown;
  readonly requestId: string | null;
}

interface AuditRow {
  seq: number | string;
  at: unknown;
  actor: string;
  actor_kind: AuditEntry['actorKind'];
  action: string;
  subject: string;
  subject_id: string;
  unit_id: string | null;
  before_state: string | null;
  after_state: string | null;
  request_id: string | null;
}

export const AUDIT_COLUMNS = { unitId: 'a.unit_id', actor: 'a.actor', subject: 'a.subject' } as const;

const json = (value: unknown): string | null => (value === undefined ? null : JSON.stringify(value));
const parse = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

export async function appendAudit(sql: Sql, entry: AuditEntryInput, now: Date): Promise<void> {
  await sql.run(
    `INSERT INTO audit_log (at, actor, actor_kind, action, subject, subject_id, unit_id, before_state, after_state, request_id)
     VALUES (:now, :actor, :actorKind, :action, :subject, :subjectId, :unitId, :before, :after, :requestId)`,
    { ...entry, before: json(entry.before), after: json(entry.after), requestId: entry.requestId ?? null, now },
  );
}

export async function listAudit(
  sql: Sql,
  access: SqlFilter,
  query: { subject?: string; subjectId?: string; actor?: string; since?: string; until?: string; limit: number; offset: number },
): Promise<{ items: AuditEntry[]; total: number }> {
  const where = [access.sql];
  const replacements: Record<string, unknown> = { ...access.replacements, limit: query.limit, offset: query.offset };
  const filters = { subject: 'a.subject = :subject', subjectId: 'a.subject_id = :subjectId', actor: 'a.actor = :actor' } as const;
  for (const [name, condition] of Object.entries(filters)) {
    const value = query[name as keyof typeof filters];
    if (value !== undefined) {
      where.push(condition);
      replacements[name] = value;
    }
  }
  if (query.since !== undefined) {
    where.push('a.at >= :since');
    replacements.since = new Date(query.since);
  }
  if (query.until !== undefined) {
    where.push('a.at < :until');
    replacements.until = new Date(query.until);
  }
  const clause = where.map((c) => `(${c})`).join(' AND ');
  const [rows, [count]] = await Promise.all([
    sql.select<AuditRow>(`SELECT a.* FROM audit_log a WHERE ${clause} ORDER BY a.seq DESC LIMIT :limit OFFSET :offset`, replacements),
    sql.select<{ n: number | string }>(`SELECT COUNT(*) AS n FROM audit_log a WHERE ${clause}`, replacements),
  ]);
  return {
    items: rows.map((row) => ({
      seq: Number(row.seq),
      at: iso(row.at),
      actor: row.actor,
      actorKind: row.actor_kind,
      action: row.action,
      subject: row.subject,
      subjectId: row.subject_id,
      unitId: row.unit_id,
      before: parse(row.before_state),
      after: parse(row.after_state),
      requestId: row.request_id,
    })),
    total: Number(count?.n ?? 0),
  };
}
