/**
 * Users: list and get what the caller may read (filtered in SQL), create with roles, change the
 * profile, disable and enable, reset the password, grant and withdraw a role at a unit.
 *
 * Managing a user needs `update User` on them and also the right to grant every role they hold
 * (`assign Role` at that unit): a unit admin cannot take over a system admin who happens to live in
 * their unit. Granting a role needs `assign Role` for that role code at that unit.
 */
import { randomUUID } from 'node:crypto';
import { defineRoute } from '../http/route.js';
import { conflict, forbidden, unprocessable, type ProblemItem } from '../errors/problem.js';
import { accessibleWhere } from '../auth/sql-filter.js';
import { can, type AppAbility } from '../auth/ability.js';
import { hashPassword } from '../auth/passwords.js';
import {
  addAssignment,
  findUser,
  insertUser,
  listUsers,
  removeAssignment,
  setDisabled,
  setPassword,
  updateUserProfile,
  USER_COLUMNS,
  type Assignment,
  type User,
} from '../store/users.js';
import { findUnit } from '../store/units.js';
import { findRole } from '../store/roles.js';
import { isUniqueViolation, type Sql } from '../store/sql.js';
import { idParams, page, paging, text, uuid, visible, type Paging } from './common.js';

const assignmentSchema = {
  type: 'object',
  required: ['roleCode', 'unitId'],
  additionalProperties: false,
  properties: { roleCode: { type: 'string', minLength: 1, maxLength: 64, pattern: '^[a-z0-9_]+$' }, unitId: uuid },
} as const;

const userSchema = {
  type: 'object',
  properties: {
    id: uuid,
    username: { type: 'string' },
    displayName: { type: 'string' },
    email: { type: ['string', 'null'] },
    unitId: uuid,
    disabled: { type: 'boolean' },
    disabledAt: { type: ['string', 'null'] },
    roles: { type: 'array', items: assignmentSchema },
    createdAt: { type: 'string' },
    updatedAt: { type: 'string' },
  },
} as const;

const usernameSchema = { type: 'string', minLength: 2, maxLength: 128, pattern: '^[a-z0-9][a-z0-9._-]*$' };
const passwordSchema = { type: 'string', minLength: 8, maxLength: 1024 };
const emailSchema = { anyOf: [{ type: 'string', format: 'email', maxLength: 254 }, { type: 'null' }] };

const readAccess = (ability: AppAbility) => accessibleWhere(ability, 'read', 'User', USER_COLUMNS);

async function visibleUser(sql: Sql, ability: AppAbility, id: string): Promise<User> {
  return visible(await findUser(sql, id, readAccess(ability)), 'user', id);
}

/** The caller may change this user: `update` on them, and could grant each role they hold. */
function assertCanManage(ability: AppAbility, user: User): void {
  if (!can(ability, 'update', 'User', { id: user.id, unitId: user.unitId, username: user.username })) {
    throw forbidden('You may not change this user');
  }
  const beyond = user.roles.filter((r) => !can(ability, 'assign', 'Role', { code: r.roleCode, unitId: r.unitId }));
  if (beyond.length > 0) {
    throw forbidden(`This user holds roles you may not grant (${beyond.map((r) => r.roleCode).join(', ')})`, 'user-outranks-you');
  }
}

/** Checks that each role and unit exists (422) and that the caller may grant it (403). */
async function checkGrants(sql: Sql, ability: AppAbility, assignments: readonly Assignment[], pointer: string): Promise<void> {
  const problems: ProblemItem[] = [];
  for (const [index, assignment] of assignments.entries()) {
    const at = pointer.includes('{i}') ? pointer.replace('{i}', String(index)) : pointer;
    if (!(await findRole(sql, assignment.roleCode))) problems.push({ field: `${at}/roleCode`, message: `no role '${assignment.roleCode}'` });
    if (!(await findUnit(sql, assignment.unitId))) problems.push({ field: `${at}/unitId`, message: 'no such unit' });
  }
  if (problems.length > 0) throw unprocessable('unknown-reference', 'A role or unit does not exist', problems);
  for (const assignment of assignments) {
    if (!can(ability, 'assign', 'Role', { code: assignment.roleCode, unitId: assignment.unitId })) {
      throw forbidden(`You may not grant role '${assignment.roleCode}' at that unit`);
    }
  }
}

const list = defineRoute<Record<string, never>, Paging & { unitId?: string; username?: string; disabled?: boolean }>({
  method: 'get',
  path: '/api/users',
  summary: 'Users the caller may read',
  tags: ['users'],
  permission: { action: 'read', subject: 'User' },
  query: {
    type: 'object',
    additionalProperties: false,
    properties: { unitId: uuid, username: { type: 'string', maxLength: 128 }, disabled: { type: 'boolean' }, ...paging },
  },
  response: page(userSchema),
  async handler({ query, ability, services }) {
    return listUsers(services.sql, readAccess(ability), query);
  },
});

const get = defineRoute<{ id: string }>({
  method: 'get',
  path: '/api/users/{id}',
  summary: 'One user with their role assignments',
  tags: ['users'],
  permission: { action: 'read', subject: 'User' },
  params: idParams,
  response: userSchema,
  problems: [404],
  async handler({ params, ability, services }) {
    return visibleUser(services.sql, ability, params.id);
  },
});

interface CreateUser {
  username: string;
  displayName: string;
  email?: string | null;
  unitId: string;
  password: string;
  roles: Assignment[];
}

const create = defineRoute<Record<string, never>, Record<string, never>, CreateUser>({
  method: 'post',
  path: '/api/users',
  summary: 'Create a user, optionally with role assignments',
  tags: ['users'],
  permission: { action: 'create', subject: 'User' },
  status: 201,
  body: {
    type: 'object',
    required: ['username', 'displayName', 'unitId', 'password'],
    additionalProperties: false,
    properties: {
      username: usernameSchema,
      displayName: text(200),
      email: emailSchema,
      unitId: uuid,
      password: passwordSchema,
      roles: { type: 'array', maxItems: 50, items: assignmentSchema, default: [] },
    },
  },
  response: userSchema,
  problems: [409, 422],
  async handler({ body, ability, services, audit }) {
    const passwordHash = await hashPassword(body.password, services.scryptCost);
    const taken = () => conflict('username-taken', `User name '${body.username}' is taken`, [{ field: '/body/username', message: 'taken' }]);
    try {
      return await services.sql.transaction(async (sql) => {
        if (!(await findUnit(sql, body.unitId))) throw unprocessable('unknown-reference', 'The unit does not exist', [{ field: '/body/unitId', message: 'no such unit' }]);
        if (!can(ability, 'create', 'User', { unitId: body.unitId, username: body.username })) throw forbidden('You may not create users in this unit');
        await checkGrants(sql, ability, body.roles, '/body/roles/{i}');
        const id = randomUUID();
        const now = services.clock.now();
        try {
          await insertUser(sql, { id, username: body.username, displayName: body.displayName, email: body.email ?? null, unitId: body.unitId, passwordHash }, now);
        } catch (error) {
          if (isUniqueViolation(error)) throw taken();
          throw error;
        }
        for (const assignment of body.roles) await addAssignment(sql, id, assignment, now);
        const user = (await findUser(sql, id))!;
        await audit(sql, { action: 'create', subject: 'User', subjectId: id, unitId: user.unitId, after: user });
        return user;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw taken();
      throw error;
    }
  },
});

const update = defineRoute<{ id: string }, Record<string, never>, { displayName?: string; email?: string | null; unitId?: string }>({
  method: 'patch',
  path: '/api/users/{id}',
  summary: "Change a user's name, e-mail or unit",
  tags: ['users'],
  permission: { action: 'update', subject: 'User' },
  params: idParams,
  body: {
    type: 'object',
    additionalProperties: false,
    minProperties: 1,
    properties: { displayName: text(200), email: emailSchema, unitId: uuid },
  },
  response: userSchema,
  problems: [404, 422],
  async handler({ params, body, ability, services, audit }) {
    return services.sql.transaction(async (sql) => {
      const before = await visibleUser(sql, ability, params.id);
      assertCanManage(ability, before);
      if (body.unitId !== undefined && body.unitId !== before.unitId) {
        if (!(await findUnit(sql, body.unitId))) throw unprocessable('unknown-reference', 'The unit does not exist', [{ field: '/body/unitId', message: 'no such unit' }]);
        if (!can(ability, 'update', 'User', { ...before, unitId: body.unitId })) throw forbidden('You may not move this user to that unit');
      }
      await updateUserProfile(sql, before.id, body, services.clock.now());
      const after = (await findUser(sql, before.id))!;
      await audit(sql, { action: 'update', subject: 'User', subjectId: before.id, unitId: after.unitId, before, after });
      return after;
    });
  },
});

const setDisabledRoute = (disabled: boolean) =>
  defineRoute<{ id: string }>({
    method: 'post',
    path: `/api/users/{id}/${disabled ? 'disable' : 'enable'}`,
    summary: disabled ? 'Disable a user: their tokens stop working at once' : 'Enable a disabled user again',
    tags: ['users'],
    permission: { action: 'update', subject: 'User' },
    params: idParams,
    response: userSchema,
    problems: [404, 422],
    async handler({ params, principal, ability, services, audit }) {
      return services.sql.transaction(async (sql) => {
        const before = await visibleUser(sql, ability, params.id);
        assertCanManage(ability, before);
        if (disabled && before.id === principal.id) throw unprocessable('cannot-disable-self', 'You cannot disable yourself');
        await setDisabled(sql, before.id, disabled, services.clock.now());
        const after = (await findUser(sql, before.id))!;
        await audit(sql, { action: disabled ? 'disable' : 'enable', subject: 'User', subjectId: before.id, unitId: before.unitId, before: { disabled: before.disabled }, after: { disabled } });
        return after;
      });
    },
  });

const resetPassword = defineRoute<{ id: string }, Record<string, never>, { password: string }>({
  method: 'post',
  path: '/api/users/{id}/password',
  summary: "Set a user's password; their existing tokens stop working",
  tags: ['users'],
  permission: { action: 'update', subject: 'User' },
  params: idParams,
  body: { type: 'object', required: ['password'], additionalProperties: false, properties: { password: passwordSchema } },
  problems: [404],
  async handler({ params, body, ability, services, audit }) {
    const passwordHash = await hashPassword(body.password, services.scryptCost);
    await services.sql.transaction(async (sql) => {
      const user = await visibleUser(sql, ability, params.id);
      assertCanManage(ability, user);
      await setPassword(sql, user.id, passwordHash, services.clock.now());
      await audit(sql, { action: 'reset-password', subject: 'User', subjectId: user.id, unitId: user.unitId });
    });
    return undefined;
  },
});

const grant = defineRoute<{ id: string }, Record<string, never>, Assignment>({
  method: 'post',
  path: '/api/users/{id}/roles',
  summary: 'Grant a user a role at a unit',
  tags: ['users'],
  permission: { action: 'assign', subject: 'Role' },
  params: idParams,
  body: assignmentSchema,
  status: 201,
  response: userSchema,
  problems: [404, 409, 422],
  async handler({ params, body, ability, services, audit }) {
    return services.sql.transaction(async (sql) => {
      const before = await visibleUser(sql, ability, params.id);
      assertCanManage(ability, before);
      await checkGrants(sql, ability, [body], '/body');
      if (!(await addAssignment(sql, before.id, body, services.clock.now()))) {
        throw conflict('role-already-granted', `The user already holds '${body.roleCode}' at that unit`);
      }
      const after = (await findUser(sql, before.id))!;
      await audit(sql, { action: 'grant-role', subject: 'User', subjectId: before.id, unitId: body.unitId, before: { roles: before.roles }, after: { roles: after.roles } });
      return after;
    });
  },
});

const revoke = defineRoute<{ id: string; roleCode: string; unitId: string }>({
  method: 'delete',
  path: '/api/users/{id}/roles/{roleCode}/{unitId}',
  summary: 'Withdraw a role a user holds at a unit',
  tags: ['users'],
  permission: { action: 'assign', subject: 'Role' },
  params: {
    type: 'object',
    required: ['id', 'roleCode', 'unitId'],
    additionalProperties: false,
    properties: { id: uuid, roleCode: assignmentSchema.properties.roleCode, unitId: uuid },
  },
  problems: [404],
  async handler({ params, ability, services, audit }) {
    await services.sql.transaction(async (sql) => {
      const before = await visibleUser(sql, ability, params.id);
      assertCanManage(ability, before);
      const assignment = { roleCode: params.roleCode, unitId: params.unitId };
      if (!before.roles.some((r) => r.roleCode === assignment.roleCode && r.unitId === assignment.unitId)) {
        throw unprocessable('role-not-held', `The user does not hold '${assignment.roleCode}' at that unit`);
      }
      await removeAssignment(sql, before.id, assignment);
      await audit(sql, { action: 'revoke-role', subject: 'User', subjectId: before.id, unitId: assignment.unitId, before: { roles: before.roles }, after: { roles: before.roles.filter((r) => r !== before.roles.find((x) => x.roleCode === assignment.roleCode && x.unitId === assignment.unitId)) } });
    });
    return undefined;
  },
});

export default [list, get, create, update, setDisabledRoute(true), setDisabledRoute(false), resetPassword, grant, revoke];
