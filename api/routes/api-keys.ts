/**
 * API keys for machine clients (external-task workers, the ministry sync): created with roles at a
 * unit (only roles the creator may grant there), shown once, stored as a SHA-256 hash; listed and
 * revoked. Sent as `Authorization: ApiKey <key>` or `X-API-Key: <key>`.
 */
import { randomUUID } from 'node:crypto';
import { defineRoute } from '../http/route.js';
import { forbidden, unprocessable } from '../errors/problem.js';
import { accessibleWhere } from '../auth/sql-filter.js';
import { can } from '../auth/ability.js';
import { generateApiKey } from '../auth/api-key-secret.js';
import { API_KEY_COLUMNS, findApiKey, insertApiKey, listApiKeys, revokeApiKey } from '../store/api-keys.js';
import { findRole } from '../store/roles.js';
import { findUnit } from '../store/units.js';
import { idParams, text, uuid, visible } from './common.js';

const apiKeySchema = {
  type: 'object',
  properties: {
    id: uuid,
    name: { type: 'string' },
    prefix: { type: 'string' },
    unitId: uuid,
    roles: { type: 'array', items: { type: 'string' } },
    createdBy: { type: 'string' },
    createdAt: { type: 'string' },
    revokedAt: { type: ['string', 'null'] },
  },
} as const;

const list = defineRoute({
  method: 'get',
  path: '/api/api-keys',
  summary: 'API keys (never the keys themselves)',
  tags: ['api-keys'],
  permission: { action: 'read', subject: 'ApiKey' },
  response: { type: 'object', properties: { items: { type: 'array', items: apiKeySchema } } },
  async handler({ ability, services }) {
    return { items: await listApiKeys(services.sql, accessibleWhere(ability, 'read', 'ApiKey', API_KEY_COLUMNS)) };
  },
});

const create = defineRoute<Record<string, never>, Record<string, never>, { name: string; unitId: string; roles: string[] }>({
  method: 'post',
  path: '/api/api-keys',
  summary: 'Create an API key; the key is in this response only',
  tags: ['api-keys'],
  permission: { action: 'create', subject: 'ApiKey' },
  status: 201,
  body: {
    type: 'object',
    required: ['name', 'unitId', 'roles'],
    additionalProperties: false,
    properties: {
      name: text(200),
      unitId: uuid,
      roles: { type: 'array', minItems: 1, maxItems: 20, uniqueItems: true, items: { type: 'string', pattern: '^[a-z][a-z0-9_]*$', maxLength: 64 } },
    },
  },
  response: { type: 'object', properties: { apiKey: apiKeySchema, key: { type: 'string' } } },
  problems: [422],
  async handler({ body, principal, ability, services, audit }) {
    if (!can(ability, 'create', 'ApiKey', { unitId: body.unitId, createdBy: principal.username })) throw forbidden('You may not create API keys for this unit');
    return services.sql.transaction(async (sql) => {
      if (!(await findUnit(sql, body.unitId))) throw unprocessable('unknown-reference', 'The unit does not exist', [{ field: '/body/unitId', message: 'no such unit' }]);
      const unknown = [];
      for (const [index, code] of body.roles.entries()) if (!(await findRole(sql, code))) unknown.push({ field: `/body/roles/${index}`, message: `no role '${code}'` });
      if (unknown.length > 0) throw unprocessable('unknown-reference', 'A role does not exist', unknown);
      for (const code of body.roles) {
        if (!can(ability, 'assign', 'Role', { code, unitId: body.unitId })) throw forbidden(`You may not grant role '${code}' at that unit`);
      }
      const secret = generateApiKey();
      const id = randomUUID();
      await insertApiKey(sql, { id, name: body.name, prefix: secret.prefix, hash: secret.hash, unitId: body.unitId, roles: body.roles, createdBy: principal.username }, services.clock.now());
      const apiKey = (await findApiKey(sql, id))!;
      await audit(sql, { action: 'create', subject: 'ApiKey', subjectId: id, unitId: body.unitId, after: apiKey });
      return { apiKey, key: secret.key };
    });
  },
});

const revoke = defineRoute<{ id: string }>({
  method: 'delete',
  path: '/api/api-keys/{id}',
  summary: 'Revoke an API key: it stops working at once',
  tags: ['api-keys'],
  permission: { action: 'delete', subject: 'ApiKey' },
  params: idParams,
  problems: [404],
  async handler({ params, ability, services, audit }) {
    await services.sql.transaction(async (sql) => {
      const key = visible(await findApiKey(sql, params.id, accessibleWhere(ability, 'read', 'ApiKey', API_KEY_COLUMNS)), 'api key', params.id);
      if (!can(ability, 'delete', 'ApiKey', { id: key.id, unitId: key.unitId, createdBy: key.createdBy })) throw forbidden('You may not revoke this key');
      if (key.revokedAt !== null) return;
      await revokeApiKey(sql, key.id, services.clock.now());
      await audit(sql, { action: 'revoke', subject: 'ApiKey', subjectId: key.id, unitId: key.unitId, before: { revokedAt: null }, after: { revoked: true } });
    });
    return undefined;
  },
});

export default [list, create, revoke];
