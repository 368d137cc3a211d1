/** The API's key/value settings (today: the JWT secret generated for development). */
import type { Sql } from './sql.js';

export async function readSetting(sql: Sql, key: string): Promise<string | undefined> {
  const [row] = await sql.select<{ value: string }>('SELECT value FROM api_settings WHERE key = :key', { key });
  return row?.value;
}

/** Stores the value unless one is there already; returns the stored value (first writer wins). */
export async function ensureSetting(sql: Sql, key: string, value: string, now: Date): Promise<string> {
  const existing = await readSetting(sql, key);
  if (existing !== undefined) return existing;
  await sql.run('INSERT INTO api_settings (key, value, updated_at) VALUES (:key, :value, :now) ON CONFLICT (key) DO NOTHING', { key, value, now });
  return (await readSetting(sql, key))!;
}
