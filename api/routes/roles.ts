/**
 * Roles and their permissions as CASL rules: list, get, create, replace. Rules are checked against
 * the catalogue (known actions, subjects, condition fields, placeholders) and refused with a 422
 * naming each bad place; an update names the version it read (409 when somebody else changed it).
 * A change counts from the next request of every holder of the role.
 */
import { defineRoute } from '../http/route.js';
import { conflict, unprocessable } from '../errors/problem.js';
import { accessibleWhere } from '../auth/sql-filter.js';
import { validateRules } from '../auth/rule-validation.js';
import { ACTIONS, CONDITION_OPERATORS, SUBJECTS } from '../auth/catalogue.js';
import type { StoredRule } from '../auth/ability.js';
import { findRole, insertRole, listRoles, updateRole, ROLE_COLUMNS } from '../store/roles.js';
import { isUniqueViolation } from '../store/sql.js';
import { text, visible } from './common.js';

const conditionValue = { type: ['string', 'number', 'boolean', 'null'], maxLength: 200 };
const ruleSchema = {
  type: 'object',
  required: ['action', 'subject'],
  additionalProperties: false,
  properties: {
    action: { anyOf: [{ type: 'string', maxLength: 64 }, { type: 'array', minItems: 1, maxItems: 20, items: { type: 'string', maxLength: 64 } }] },
    subject: { anyOf: [{ type: 'string', maxLength: 64 }, { type: 'array', minItems: 1, maxItems: 20, items: { type: 'string', maxLength: 64 } }] },
    conditions: {
      type: 'object',
      maxProperties: 10,
      additionalProperties: {
        anyOf: [
          conditionValue,
          {
            type: 'object',
            maxProperties: 4,
            additionalProperties: { anyOf: [conditionValue, { type: 'array', maxItems: 200, items: conditionValue }] },
          },
        ],
      },
    },
    inverted: { type: 'boolean' },
    reason: { type: 'string', maxLength: 500 },
  },
  description: `CASL rule. Actions: ${ACTIONS.join(', ')}. Subjects: ${SUBJECTS.join(', ')}. Operators: ${CONDITION_OPERATORS.join(', ')}.`,
} as const;

const codeSchema = { type: 'string', minLength: 2, maxLength: 64, pattern: '^[a-z][a-z0-9_]*$', description: 'Also the BPMN candidate group' };
const rulesSchema = { type: 'array', maxItems: 100, items: ruleSchema };

const roleSchema = {
  type: 'object',
  properties: {
    code: { type: 'string' },
    name: { type: 'string' },
    description: { type: 'string' },
    rules: rulesSchema,
    version: { type: 'integer' },
    createdAt: { type: 'string' },
    updatedAt: { type: 'string' },
  },
} as const;

function checkRules(rules: readonly StoredRule[]): void {
  const problems = validateRules(rules);
  if (problems.length > 0) throw unprocessable('invalid-rules', 'Some permission rules are not valid', problems);
}

const list = defineRoute({
  method: 'get',
  path: '/api/roles',
  summary: 'Roles with their permission rules',
  tags: ['roles'],
  permission: { action: 'read', subject: 'Role' },
  response: { type: 'object', properties: { items: { type: 'array', items: roleSchema } } },
  async handler({ ability, services }) {
    return { items: await listRoles(services.sql, accessibleWhere(ability, 'read', 'Role', ROLE_COLUMNS)) };
  },
});

const codeParams = { type: 'object', required: ['code'], additionalProperties: false, properties: { code: codeSchema } };

const get = defineRoute<{ code: string }>({
  method: 'get',
  path: '/api/roles/{code}',
  summary: 'One role',
  tags: ['roles'],
  permission: { action: 'read', subject: 'Role' },
  params: codeParams,
  response: roleSchema,
  problems: [404],
  async handler({ params, ability, services }) {
    return visible(await findRole(services.sql, params.code, accessibleWhere(ability, 'read', 'Role', ROLE_COLUMNS)), 'role', params.code);
  },
});

interface RoleBody {
  name: string;
  description: string;
  rules: StoredRule[];
}

const create = defineRoute<Record<string, never>, Record<string, never>, RoleBody & { code: string }>({
  method: 'post',
  path: '/api/roles',
  summary: 'Create a role with its permission rules',
  tags: ['roles'],
  permission: { action: 'create', subject: 'Role' },
  status: 201,
  body: {
    type: 'object',
    required: ['code', 'name', 'rules'],
    additionalProperties: false,
    properties: { code: codeSchema, name: text(200), description: text(1000, 0), rules: rulesSchema },
  },
  response: roleSchema,
  problems: [409, 422],
  async handler({ body, services, audit }) {
    checkRules(body.rules);
    const taken = () => conflict('role-exists', `Role '${body.code}' exists`, [{ field: '/body/code', message: 'taken' }]);
    try {
      return await services.sql.transaction(async (sql) => {
        if (await findRole(sql, body.code)) throw taken();
        await insertRole(sql, { code: body.code, name: body.name, description: body.description ?? '', rules: body.rules }, services.clock.now());
        const role = (await findRole(sql, body.code))!;
        await audit(sql, { action: 'create', subject: 'Role', subjectId: role.code, unitId: null, after: role });
        return role;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw taken();
      throw error;
    }
  },
});

const replace = defineRoute<{ code: string }, Record<string, never>, RoleBody & { version: number }>({
  method: 'put',
  path: '/api/roles/{code}',
  summary: "Replace a role's name, description and permission rules",
  description: 'Send the `version` you read; a role changed since answers 409 `role-changed`.',
  tags: ['roles'],
  permission: { action: 'update', subject: 'Role' },
  params: codeParams,
  body: {
    type: 'object',
    required: ['name', 'rules', 'version'],
    additionalProperties: false,
    properties: { name: text(200), description: text(1000, 0), rules: rulesSchema, version: { type: 'integer', minimum: 1 } },
  },
  response: roleSchema,
  problems: [404, 409, 422],
  async handler({ params, body, ability, services, audit }) {
    checkRules(body.rules);
    return services.sql.transaction(async (sql) => {
      const before = visible(await findRole(sql, params.code, accessibleWhere(ability, 'read', 'Role', ROLE_COLUMNS)), 'role', params.code);
      const changes = { name: body.name, description: body.description ?? before.description, rules: body.rules };
      if (!(await updateRole(sql, before.code, body.version, changes, services.clock.now()))) {
        throw conflict('role-changed', `Role '${before.code}' was changed since version ${body.version}; read it again`);
      }
      const after = (await findRole(sql, before.code))!;
      await audit(sql, { action: 'update', subject: 'Role', subjectId: before.code, unitId: null, before, after });
      return after;
    });
  },
});

export default [list, get, create, replace];
