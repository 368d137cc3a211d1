/**
 * The API's key/value settings: the JWT secret generated for development, and the versions of data
 * that servers keep in memory (versioned-cache.ts), bumped by every change to that data.
 */
import type { Sql } from './sql.js';

/** Bumped by every change to the units (store/units.ts). */
export const UNIT_TREE_VERSION = 'unit-tree-version';
/** Bumped by every new form version (store/forms.ts). */
export const FORMS_VERSION = 'forms-version';

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

/** Counts one more change of the data the version key names (call in the change's transaction). */
export async function bumpVersion(sql: Sql, key: string, now: Date): Promise<void> {
  await sql.run(
    `INSERT INTO api_settings (key, value, updated_at) VALUES (:key, '1', :now)
     ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(api_settings.value AS INTEGER) + 1 AS TEXT), updated_at = :now`,
    { key, now },
  );
}
