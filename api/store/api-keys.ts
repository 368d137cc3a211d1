/** API keys for machine clients: hashed key, roles held at the key's unit, revocation. */
import { iso, type Sql } from './sql.js';
import type { SqlFilter } from '../auth/sql-filter.js';
import type { Grant } from '../auth/ability.js';
import { grantOf, STORE_VERSION_COLUMNS, STORE_VERSION_KEYS, storeVersionsOf, type StoreVersions } from './caller.js';

export interface ApiKey {
  readonly id: string;
  readonly name: string;
  readonly prefix: string;
  readonly unitId: string;
  readonly roles: readonly string[];
  readonly createdBy: string;
  readonly createdAt: string;
  readonly revokedAt: string | null;
}

interface ApiKeyRow {
  id: string;
  name: string;
  key_prefix: string;
  unit_id: string;
  created_by: string;
  created_at: unknown;
  revoked_at: unknown;
}

export const API_KEY_COLUMNS = { id: 'k.id', unitId: 'k.unit_id', createdBy: 'k.created_by' } as const;

async function withRoles(sql: Sql, rows: ApiKeyRow[]): Promise<ApiKey[]> {
  if (rows.length === 0) return [];
  const roles = await sql.select<{ api_key_id: string; role_code: string }>(
    'SELECT api_key_id, role_code FROM api_key_roles WHERE api_key_id IN (:ids) ORDER BY role_code',
    { ids: rows.map((r) => r.id) },
  );
  return rows.map((row) => toApiKey(row, roles.filter((r) => r.api_key_id === row.id).map((r) => r.role_code)));
}

const toApiKey = (row: ApiKeyRow, roles: readonly string[]): ApiKey => ({
  id: row.id,
  name: row.name,
  prefix: row.key_prefix,
  unitId: row.unit_id,
  roles,
  createdBy: row.created_by,
  createdAt: iso(row.created_at),
  revokedAt: iso(row.revoked_at, true),
});

export async function listApiKeys(sql: Sql, access: SqlFilter): Promise<ApiKey[]> {
  const rows = await sql.select<ApiKeyRow>(
    `SELECT k.id, k.name, k.key_prefix, k.unit_id, k.created_by, k.created_at, k.revoked_at FROM api_keys k
     WHERE ${access.sql} ORDER BY k.created_at, k.id`,
    access.replacements,
  );
  return withRoles(sql, rows);
}

export async function findApiKey(sql: Sql, id: string, access?: SqlFilter): Promise<ApiKey | undefined> {
  const rows = await sql.select<ApiKeyRow>(
    `SELECT k.id, k.name, k.key_prefix, k.unit_id, k.created_by, k.created_at, k.revoked_at FROM api_keys k
     WHERE k.id = :id AND (${access?.sql ?? '1=1'})`,
    { ...access?.replacements, id },
  );
  return (await withRoles(sql, rows))[0];
}

export async function insertApiKey(
  sql: Sql,
  key: { id: string; name: string; prefix: string; hash: string; unitId: string; roles: readonly string[]; createdBy: string },
  now: Date,
): Promise<void> {
  await sql.run(
    `INSERT INTO api_keys (id, name, key_prefix, key_hash, unit_id, created_by, created_at, revoked_at)
     VALUES (:id, :name, :prefix, :hash, :unitId, :createdBy, :now, NULL)`,
    { ...key, now },
  );
  for (const roleCode of key.roles) {
    await sql.run('INSERT INTO api_key_roles (api_key_id, role_code) VALUES (:id, :roleCode)', { id: key.id, roleCode });
  }
}

export async function revokeApiKey(sql: Sql, id: string, now: Date): Promise<void> {
  await sql.run('UPDATE api_keys SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL', { id, now });
}

interface KeyCallerRow extends ApiKeyRow {
  role_code: string | null;
  rules: string | null;
  unit_tree_version: string | null;
  forms_version: string | null;
}

/**
 * The live key with this hash, with its grants (each role at the key's unit) and the versions of
 * the data servers keep in memory, in one query (what auth/caller-cache.ts keeps on PostgreSQL).
 */
export async function apiKeyByHash(sql: Sql, hash: string): Promise<{ key: ApiKey; grants: Grant[]; versions: StoreVersions } | undefined> {
  const rows = await sql.select<KeyCallerRow>(
    `SELECT k.id, k.name, k.key_prefix, k.unit_id, k.created_by, k.created_at, k.revoked_at, kr.role_code, r.rules, ${STORE_VERSION_COLUMNS}
     FROM api_keys k LEFT JOIN api_key_roles kr ON kr.api_key_id = k.id LEFT JOIN roles r ON r.code = kr.role_code
     WHERE k.key_hash = :hash AND k.revoked_at IS NULL ORDER BY kr.role_code`,
    { hash, ...STORE_VERSION_KEYS },
  );
  const [first] = rows;
  if (!first) return undefined;
  const key = toApiKey(first, rows.flatMap((row) => (row.role_code === null ? [] : [row.role_code])));
  const grants = rows.flatMap((row) => grantOf(row.role_code, first.unit_id, row.rules));
  return { key, grants, versions: storeVersionsOf(first) };
}
