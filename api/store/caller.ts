/**
 * Who a request's token names, in one query (paid by every request whose caller is not kept in
 * memory, auth/caller-cache.ts): the user's credentials, their role assignments with each role's
 * rules, and the versions of the unit tree and of the forms (settings.ts), so that those are read
 * only when they changed (versioned-cache.ts). An API key's query (api-keys.ts) reads the versions
 * the same way (STORE_VERSION_COLUMNS).
 */
import type { Grant, StoredRule } from '../auth/ability.js';
import { iso, type Sql } from './sql.js';
import { FORMS_VERSION, UNIT_TREE_VERSION } from './settings.js';
import type { UserCredentials } from './users.js';

export interface Caller {
  readonly credentials: UserCredentials;
  readonly grants: Grant[];
  readonly versions: StoreVersions;
}

/** Versions of data kept in memory; null before the first change was recorded (then read every time). */
export interface StoreVersions {
  readonly unitTree: string | null;
  readonly forms: string | null;
}

export const UNVERSIONED: StoreVersions = { unitTree: null, forms: null };

/** Select-list columns `unit_tree_version` and `forms_version`, with STORE_VERSION_KEYS as replacements. */
export const STORE_VERSION_COLUMNS = `(SELECT s.value FROM api_settings s WHERE s.key = :unitTreeKey) AS unit_tree_version,
            (SELECT s.value FROM api_settings s WHERE s.key = :formsKey) AS forms_version`;
export const STORE_VERSION_KEYS = { unitTreeKey: UNIT_TREE_VERSION, formsKey: FORMS_VERSION } as const;

export const storeVersionsOf = (row: { unit_tree_version: string | null; forms_version: string | null }): StoreVersions => ({
  unitTree: row.unit_tree_version,
  forms: row.forms_version,
});

/** A joined row's grant (a role at a unit with the role's stored rules), or none where the outer join found no role. */
export const grantOf = (roleCode: string | null, unitId: string | null, rules: string | null): Grant[] =>
  roleCode !== null && unitId !== null && rules !== null ? [{ roleCode, unitId, rules: JSON.parse(rules) as StoredRule[] }] : [];

interface CallerRow {
  id: string;
  username: string;
  password_hash: string | null;
  tokens_valid_after: unknown;
  disabled_at: unknown;
  role_code: string | null;
  grant_unit_id: string | null;
  rules: string | null;
  unit_tree_version: string | null;
  forms_version: string | null;
}

async function callerWhere(sql: Sql, where: string, replacements: Record<string, unknown>): Promise<Caller | undefined> {
  const rows = await sql.select<CallerRow>(
    `SELECT u.id, u.username, u.password_hash, u.tokens_valid_after, u.disabled_at,
            ur.role_code, ur.unit_id AS grant_unit_id, r.rules, ${STORE_VERSION_COLUMNS}
     FROM users u LEFT JOIN user_roles ur ON ur.user_id = u.id LEFT JOIN roles r ON r.code = ur.role_code
     WHERE ${where} ORDER BY ur.role_code, ur.unit_id`,
    { ...replacements, ...STORE_VERSION_KEYS },
  );
  const [first] = rows;
  if (!first) return undefined;
  return {
    credentials: {
      id: first.id,
      username: first.username,
      passwordHash: first.password_hash,
      tokensValidAfter: new Date(iso(first.tokens_valid_after)),
      disabled: first.disabled_at !== null,
    },
    grants: rows.flatMap((row) => grantOf(row.role_code, row.grant_unit_id, row.rules)),
    versions: storeVersionsOf(first),
  };
}

export const callerById = (sql: Sql, id: string) => callerWhere(sql, 'u.id = :id', { id });
export const callerByUsername = (sql: Sql, username: string) => callerWhere(sql, 'u.username = :username', { username });
