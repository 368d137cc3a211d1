/** Reads an instance's history in the order it was written. */
import { sql, type SqlSession } from './sql-session.js';
import { toDate } from './rows.js';

export interface HistoryEntry {
  readonly elementId: string | null;
  readonly elementType: string;
  readonly event: string;
  readonly time: Date;
  readonly userId: string | null;
  /** What else was recorded (a cancellation's reason, the user a task was assigned to), or null. */
  readonly detail: Readonly<Record<string, unknown>> | null;
}

const byInstance = sql(
  'motcua_history_of_instance',
  'SELECT element_id, element_type, event, at, user_id, detail FROM history WHERE instance_id = $1 ORDER BY id',
);

/** Details are written as JSON objects; anything else (written by hand) is returned as its text. */
function parseDetail(text: unknown): Record<string, unknown> | null {
  if (typeof text !== 'string' || text === '') return null;
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : { text };
  } catch {
    return { text };
  }
}

export async function readHistory(session: SqlSession, instanceId: string): Promise<HistoryEntry[]> {
  const rows = await session.all<Record<string, unknown>>(byInstance, [instanceId]);
  return rows.map((row) => ({
    elementId: row.element_id == null ? null : String(row.element_id),
    elementType: String(row.element_type),
    event: String(row.event),
    time: toDate(row.at),
    userId: row.user_id == null ? null : String(row.user_id),
    detail: parseDetail(row.detail),
  }));
}
