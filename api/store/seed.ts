/**
 * Seeds the demo province on first start: the roles when the roles table is empty, the units and
 * users when the units table is empty; each in one transaction, so a failed seed leaves nothing
 * half done, and a second start changes nothing.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../engine/index.js';
import type { Sql } from './sql.js';
import { insertRole } from './roles.js';
import { insertUnit } from './units.js';
import { addAssignment, insertUser } from './users.js';
import { appendAudit } from './audit.js';
import { hashPassword } from '../auth/passwords.js';
import { DEMO_PASSWORD, DEMO_ROLES, DEMO_UNITS, DEMO_USERS } from './demo-province.js';

export interface SeedResult {
  readonly roles: number;
  readonly units: number;
  readonly users: number;
}

const count = async (sql: Sql, table: 'roles' | 'units'): Promise<number> =>
  Number((await sql.select<{ n: number | string }>(`SELECT COUNT(*) AS n FROM ${table}`))[0]?.n ?? 0);

export async function seedDemoProvince(sql: Sql, clock: Clock, scryptCost: number): Promise<SeedResult> {
  const result = { roles: 0, units: 0, users: 0 };
  const now = clock.now();
  const system = { actor: 'system', actorKind: 'system' as const, requestId: null };
  if ((await count(sql, 'roles')) === 0) {
    await sql.transaction(async (tx) => {
      for (const role of DEMO_ROLES) {
        await insertRole(tx, role, now);
        await appendAudit(tx, { ...system, action: 'seed', subject: 'Role', subjectId: role.code, unitId: null, after: role }, now);
      }
    });
    result.roles = DEMO_ROLES.length;
  }
  if ((await count(sql, 'units')) === 0) {
    const hashes = await Promise.all(DEMO_USERS.map(() => hashPassword(DEMO_PASSWORD, scryptCost)));
    await sql.transaction(async (tx) => {
      const ids = new Map<string, string>();
      for (const unit of DEMO_UNITS) {
        const id = randomUUID();
        ids.set(unit.code, id);
        const parentId = unit.parent === null ? null : ids.get(unit.parent)!;
        await insertUnit(tx, { id, code: unit.code, name: unit.name, kind: unit.kind, parentId }, now);
        await appendAudit(tx, { ...system, action: 'seed', subject: 'Unit', subjectId: id, unitId: id, after: unit }, now);
      }
      for (const [index, user] of DEMO_USERS.entries()) {
        const id = randomUUID();
        const unitId = ids.get(user.unit)!;
        await insertUser(tx, { id, username: user.username, displayName: user.displayName, email: null, unitId, passwordHash: hashes[index]! }, now);
        await addAssignment(tx, id, { roleCode: user.role, unitId }, now);
        await appendAudit(
          tx,
          { ...system, action: 'seed', subject: 'User', subjectId: id, unitId, after: { username: user.username, roles: [user.role] } },
          now,
        );
      }
    });
    result.units = DEMO_UNITS.length;
    result.users = DEMO_USERS.length;
  }
  return result;
}
