/** Users, their role assignments per unit, and what authentication needs to know about them. */
import { iso, type Sql } from './sql.js';
import type { SqlFilter } from '../auth/sql-filter.js';
import type { Grant, StoredRule } from '../auth/ability.js';

export interface Assignment {
  readonly roleCode: string;
  readonly unitId: string;
}

export interface User {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly email: string | null;
  readonly unitId: string;
  readonly disabled: boolean;
  readonly disabledAt: string | null;
  readonly roles: readonly Assignment[];
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface UserCredentials {
  readonly id: string;
  readonly username: string;
  readonly passwordHash: string | null;
  readonly tokensValidAfter: Date;
  readonly disabled: boolean;
}

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  email: string | null;
  unit_id: string;
  password_hash: string | null;
  tokens_valid_after: unknown;
  disabled_at: unknown;
  created_at: unknown;
  updated_at: unknown;
}

/** User conditions in permission rules → columns of `users u`. */
export const USER_COLUMNS = { id: 'u.id', unitId: 'u.unit_id', username: 'u.username' } as const;

async function withRoles(sql: Sql, rows: UserRow[]): Promise<User[]> {
  if (rows.length === 0) return [];
  const assignments = await sql.select<{ user_id: string; role_code: string; unit_id: string }>(
    'SELECT user_id, role_code, unit_id FROM user_roles WHERE user_id IN (:ids) ORDER BY role_code, unit_id',
    { ids: rows.map((r) => r.id) },
  );
  return rows.map((row) => ({
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    email: row.email,
    unitId: row.unit_id,
    disabled: row.disabled_at !== null,
    disabledAt: iso(row.disabled_at, true),
    roles: assignments.filter((a) => a.user_id === row.id).map((a) => ({ roleCode: a.role_code, unitId: a.unit_id })),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  }));
}

export async function listUsers(
  sql: Sql,
  access: SqlFilter,
  query: { unitId?: string; username?: string; disabled?: boolean; limit: number; offset: number },
): Promise<{ items: User[]; total: number }> {
  const where = [access.sql];
  const replacements: Record<string, unknown> = { ...access.replacements, limit: query.limit, offset: query.offset };
  if (query.unitId !== undefined) {
    where.push('u.unit_id = :unitId');
    replacements.unitId = query.unitId;
  }
  if (query.username !== undefined) {
    where.push('u.username = :username');
    replacements.username = query.username;
  }
  if (query.disabled !== undefined) where.push(query.disabled ? 'u.disabled_at IS NOT NULL' : 'u.disabled_at IS NULL');
  const clause = where.map((c) => `(${c})`).join(' AND ');
  const [rows, [count]] = await Promise.all([
    sql.select<UserRow>(`SELECT u.* FROM users u WHERE ${clause} ORDER BY u.username LIMIT :limit OFFSET :offset`, replacements),
    sql.select<{ n: number | string }>(`SELECT COUNT(*) AS n FROM users u WHERE ${clause}`, replacements),
  ]);
  return { items: await withRoles(sql, rows), total: Number(count?.n ?? 0) };
}

export async function findUser(sql: Sql, id: string, access?: SqlFilter): Promise<User | undefined> {
  const rows = await sql.select<UserRow>(`SELECT u.* FROM users u WHERE u.id = :id AND (${access?.sql ?? '1=1'})`, {
    ...access?.replacements,
    id,
  });
  return (await withRoles(sql, rows))[0];
}

function toCredentials(row: UserRow | undefined): UserCredentials | undefined {
  if (!row) return undefined;
  return {
    id: row.id,
    username: row.username,
    passwordHash: row.password_hash,
    tokensValidAfter: new Date(iso(row.tokens_valid_after)),
    disabled: row.disabled_at !== null,
  };
}

export async function credentialsByUsername(sql: Sql, username: string): Promise<UserCredentials | undefined> {
  return toCredentials((await sql.select<UserRow>('SELECT * FROM users WHERE username = :username', { username }))[0]);
}

export async function credentialsById(sql: Sql, id: string): Promise<UserCredentials | undefined> {
  return toCredentials((await sql.select<UserRow>('SELECT * FROM users WHERE id = :id', { id }))[0]);
}

/** The caller's role assignments with each role's rules: what an ability is built from. */
export async function grantsOfUser(sql: Sql, userId: string): Promise<Grant[]> {
  const rows = await sql.select<{ role_code: string; unit_id: string; rules: string }>(
    `SELECT ur.role_code, ur.unit_id, r.rules FROM user_roles ur JOIN roles r ON r.code = ur.role_code
     WHERE ur.user_id = :userId ORDER BY ur.role_code, ur.unit_id`,
    { userId },
  );
  return rows.map((r) => ({ roleCode: r.role_code, unitId: r.unit_id, rules: JSON.parse(r.rules) as StoredRule[] }));
}

export async function insertUser(
  sql: Sql,
  user: { id: string; username: string; displayName: string; email: string | null; unitId: string; passwordHash: string },
  now: Date,
): Promise<void> {
  await sql.run(
    `INSERT INTO users (id, username, display_name, email, unit_id, password_hash, tokens_valid_after, disabled_at, created_at, updated_at)
     VALUES (:id, :username, :displayName, :email, :unitId, :passwordHash, :now, NULL, :now, :now)`,
    { ...user, now },
  );
}

export async function updateUserProfile(
  sql: Sql,
  id: string,
  changes: { displayName?: string; email?: string | null; unitId?: string },
  now: Date,
): Promise<void> {
  const sets = ['updated_at = :now'];
  if (changes.displayName !== undefined) sets.push('display_name = :displayName');
  if (changes.email !== undefined) sets.push('email = :email');
  if (changes.unitId !== undefined) sets.push('unit_id = :unitId');
  await sql.run(`UPDATE users SET ${sets.join(', ')} WHERE id = :id`, { displayName: null, email: null, unitId: null, ...changes, id, now });
}

export async function setDisabled(sql: Sql, id: string, disabled: boolean, now: Date): Promise<void> {
  await sql.run('UPDATE users SET disabled_at = :disabledAt, updated_at = :now WHERE id = :id', {
    id,
    disabledAt: disabled ? now : null,
    now,
  });
}

/** A new password; tokens issued before now stop working. */
export async function setPassword(sql: Sql, id: string, passwordHash: string, now: Date): Promise<void> {
  await sql.run('UPDATE users SET password_hash = :passwordHash, tokens_valid_after = :now, updated_at = :now WHERE id = :id', {
    id,
    passwordHash,
    now,
  });
}

export async function addAssignment(sql: Sql, userId: string, assignment: Assignment, now: Date): Promise<boolean> {
  const existing = await sql.select<{ user_id: string }>(
    'SELECT user_id FROM user_roles WHERE user_id = :userId AND role_code = :roleCode AND unit_id = :unitId',
    { userId, ...assignment },
  );
  if (existing.length > 0) return false;
  await sql.run('INSERT INTO user_roles (user_id, role_code, unit_id, created_at) VALUES (:userId, :roleCode, :unitId, :now)', {
    userId,
    ...assignment,
    now,
  });
  return true;
}

export async function removeAssignment(sql: Sql, userId: string, assignment: Assignment): Promise<boolean> {
  const rows = await sql.select<{ user_id: string }>(
    'DELETE FROM user_roles WHERE user_id = :userId AND role_code = :roleCode AND unit_id = :unitId RETURNING user_id',
    { userId, ...assignment },
  );
  return rows.length > 0;
}
