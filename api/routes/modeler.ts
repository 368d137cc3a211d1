/**
 * What the web modeler needs beyond the resources' own routes:
 *
 * - `GET /api/modeler/procedures`: one row per deployed process key — the latest version, the
 *   number of versions and the running (active) instances — for the start page, in one request.
 *   Needs `read ProcessDefinition`; definitions the caller's rules hide are left out. The running
 *   figure counts the instances the caller may read (as a version's statistics do), in SQL.
 * - `GET /api/modeler/roles`: the roles' codes and names (not their rules), for the role picker of
 *   the properties panel. Needs `create Deployment`: whoever may deploy a model must be able to name
 *   its candidate groups, even without `read Role` (the analyst's case).
 */
import { defineRoute } from '../http/route.js';
import { can } from '../auth/ability.js';
import { engineAccess } from '../auth/engine-access.js';
import { ALLOW_ALL } from '../auth/sql-filter.js';
import { listRoles } from '../store/roles.js';
import { uuid } from './common.js';

const procedureSchema = {
  type: 'object',
  properties: {
    key: { type: 'string' },
    latest: {
      type: 'object',
      properties: { id: uuid, key: { type: 'string' }, version: { type: 'integer' }, name: { type: ['string', 'null'] }, createdAt: { type: 'string', format: 'date-time' } },
    },
    versions: { type: 'integer' },
    running: { type: 'integer', description: 'Active instances of every version' },
  },
} as const;

const procedures = defineRoute({
  method: 'get',
  path: '/api/modeler/procedures',
  summary: 'Deployed procedures for the modeler: latest version, versions count, running instances',
  tags: ['modeler'],
  permission: { action: 'read', subject: 'ProcessDefinition' },
  response: { type: 'object', properties: { items: { type: 'array', items: procedureSchema } } },
  async handler({ ability, services }) {
    const access = engineAccess(ability, 'read', 'ProcessInstance');
    const all = (await services.engine.listProcessDefinitions({ latestOnly: false })).filter((d) => can(ability, 'read', 'ProcessDefinition', { key: d.key }));
    const byKey = new Map<string, typeof all>();
    for (const definition of all) byKey.set(definition.key, [...(byKey.get(definition.key) ?? []), definition]);
    const running = await services.engine.countRunningInstancesByKey({ access });
    const items = [...byKey.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, versions]) => {
        const latest = versions.reduce((a, b) => (b.version > a.version ? b : a));
        return { key, latest: { ...latest, createdAt: latest.createdAt.toISOString() }, versions: versions.length, running: running.get(key) ?? 0 };
      });
    return { items };
  },
});

const roles = defineRoute({
  method: 'get',
  path: '/api/modeler/roles',
  summary: 'Role codes and names, for naming candidate groups in models',
  tags: ['modeler'],
  permission: { action: 'create', subject: 'Deployment' },
  response: { type: 'object', properties: { items: { type: 'array', items: { type: 'object', properties: { code: { type: 'string' }, name: { type: 'string' } } } } } },
  async handler({ services }) {
    return { items: (await listRoles(services.sql, ALLOW_ALL)).map(({ code, name }) => ({ code, name })) };
  },
});

export default [procedures, roles];
