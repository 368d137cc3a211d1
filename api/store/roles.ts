/** Roles (the BPMN candidate groups) with their permission rules, stored as CASL rules in JSON. */
import { iso, type Sql } from './sql.js';
import type { StoredRule } from '../auth/ability.js';
import type { SqlFilter } from '../auth/sql-filter.js';

export interface Role {
  readonly code: string;
  readonly name: string;
  readonly description: string;
  readonly rules: readonly StoredRule[];
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

interface RoleRow {
  code: string;
  name: string;
  description: string;
  rules: string;
  version: number | string;
  created_at: unknown;
  updated_at: unknown;
}

const toRole = (row: RoleRow): Role => ({
  code: row.code,
  name: row.name,
  description: row.description,
  rules: JSON.parse(row.rules) as StoredRule[],
  version: Number(row.version),
  createdAt: iso(row.created_at),
  updatedAt: iso(row.updated_at),
});

/** Role conditions: `unitId` is the unit a role is granted at, which a list of roles has not. */
export const ROLE_COLUMNS = { code: 'r.code', unitId: 'NULL' } as const;

export async function listRoles(sql: Sql, access: SqlFilter): Promise<Role[]> {
  const rows = await sql.select<RoleRow>(`SELECT r.* FROM roles r WHERE ${access.sql} ORDER BY r.code`, access.replacements);
  return rows.map(toRole);
}

export async function findRole(sql: Sql, code: string, access?: SqlFilter): Promise<Role | undefined> {
  const [row] = await sql.select<RoleRow>(`SELECT r.* FROM roles r WHERE r.code = :code AND (${access?.sql ?? '1=1'})`, {
    ...access?.replacements,
    code,
  });
  return row ? toRole(row) : undefined;
}

export async function insertRole(
  sql: Sql,
  role: { code: string; name: string; description: string; rules: readonly StoredRule[] },
  now: Date,
): Promise<void> {
  await sql.run(
    `INSERT INTO roles (code, name, description, rules, version, created_at, updated_at)
     VALUES (:code, :name, :description, :rules, 1, :now, :now)`,
    { ...role, rules: JSON.stringify(role.rules), now },
  );
}

/** Updates a role if it still has `version`; false when somebody else changed it first. */
export async function updateRole(
  sql: Sql,
  code: string,
  version: number,
  changes: { name: string; description: string; rules: readonly StoredRule[] },
  now: Date,
): Promise<boolean> {
  const rows = await sql.select<{ code: string }>(
    `UPDATE roles SET name = :name, description = :description, rules = :rules, version = version + 1, updated_at = :now
     WHERE code = :code AND version = :version RETURNING code`,
    { ...changes, rules: JSON.stringify(changes.rules), code, version, now },
  );
  return rows.length === 1;
}
