/**
 * Engine settings (migration 003-holidays): a key/value table whose values are JSON text, for the
 * few things admins configure that every server must agree on (the working-time configuration).
 */
import { sql, type SqlSession } from './sql-session.js';
import { timeParam } from './rows.js';

const S = {
  read: sql('motcua_read_setting', 'SELECT value FROM settings WHERE key = $1'),
  write: sql(
    'motcua_write_setting',
    `INSERT INTO settings (key, value, updated_at) VALUES ($1, $2, $3)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  ),
  delete: sql('motcua_delete_setting', 'DELETE FROM settings WHERE key = $1'),
} as const;

/** The parsed value of a setting, or undefined when it is not set. */
export async function readSetting(session: SqlSession, key: string): Promise<unknown> {
  const [row] = await session.all<{ value: string }>(S.read, [key]);
  return row === undefined ? undefined : (JSON.parse(row.value) as unknown);
}

export async function writeSetting(session: SqlSession, key: string, value: unknown, now: Date): Promise<void> {
  await session.run(S.write, [key, JSON.stringify(value), timeParam(now)]);
}

/** Removes a setting (back to the built-in default); false when it was not set. */
export async function deleteSetting(session: SqlSession, key: string): Promise<boolean> {
  return (await session.run(S.delete, [key])) > 0;
}
