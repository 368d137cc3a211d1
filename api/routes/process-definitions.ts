/**
 * Process definitions: what has been deployed. The list gives the latest version of each process
 * (or every version with `allVersions=true`), filtered by key, paged; one definition by id; and its
 * BPMN XML exactly as deployed. Reading needs `read ProcessDefinition`; a definition the caller's
 * rules do not let them read (a rule may name `key`) is answered like one that does not exist.
 *
 * The engine lists definitions without an access filter, so the rules are applied to each row here;
 * definitions are few (one row per deployed version), unlike instances and tasks.
 */
import { defineRoute } from '../http/route.js';
import { engineAccess } from '../auth/engine-access.js';
import { can, type AppAbility } from '../auth/ability.js';
import type { ProcessDefinition } from '../../engine/index.js';
import { idParams, page, paging, uuid, type Paging } from './common.js';
import { notFound } from '../errors/problem.js';
import type { ApiServices } from '../http/services.js';

/** BPMN process ids: XML NCNames, as the engine stores them. */
const keySchema = { type: 'string', minLength: 1, maxLength: 255, pattern: '^[A-Za-z_][A-Za-z0-9_.-]*$' } as const;

/** A deployed version, as the definition routes (and a deployment's answer) show it. */
export const definitionSchema = {
  type: 'object',
  properties: {
    id: uuid,
    key: { type: 'string' },
    version: { type: 'integer' },
    name: { type: ['string', 'null'] },
    deploymentId: { type: 'string' },
    createdAt: { type: 'string', format: 'date-time' },
  },
} as const;

const readable = (ability: AppAbility, definition: ProcessDefinition): boolean =>
  can(ability, 'read', 'ProcessDefinition', { key: definition.key });

const view = (definition: ProcessDefinition) => ({ ...definition, createdAt: definition.createdAt.toISOString() });

/** The definition if it exists and the caller may read it; otherwise a 404. */
async function visibleDefinition(services: ApiServices, ability: AppAbility, id: string): Promise<ProcessDefinition> {
  const definition = await services.engine.getProcessDefinition(id);
  if (!readable(ability, definition)) throw notFound('process-definition', id);
  return definition;
}

const list = defineRoute<Record<string, never>, Paging & { key?: string; allVersions: boolean }>({
  method: 'get',
  path: '/api/process-definitions',
  summary: 'Deployed process definitions: the latest version of each, or all versions',
  tags: ['process definitions'],
  permission: { action: 'read', subject: 'ProcessDefinition' },
  query: {
    type: 'object',
    additionalProperties: false,
    properties: {
      key: keySchema,
      allVersions: { type: 'boolean', default: false, description: 'Every version instead of the latest of each key' },
      ...paging,
    },
  },
  response: page(definitionSchema),
  async handler({ query, ability, services }) {
    const all = await services.engine.listProcessDefinitions({ ...(query.key !== undefined ? { key: query.key } : {}), latestOnly: !query.allVersions });
    const items = all.filter((definition) => readable(ability, definition));
    return { items: items.slice(query.offset, query.offset + query.limit).map(view), total: items.length };
  },
});

const get = defineRoute<{ id: string }>({
  method: 'get',
  path: '/api/process-definitions/{id}',
  summary: 'One process definition',
  tags: ['process definitions'],
  permission: { action: 'read', subject: 'ProcessDefinition' },
  params: idParams,
  response: definitionSchema,
  problems: [404],
  async handler({ params, ability, services }) {
    return view(await visibleDefinition(services, ability, params.id));
  },
});

const xml = defineRoute<{ id: string }>({
  method: 'get',
  path: '/api/process-definitions/{id}/xml',
  summary: 'The BPMN XML a process definition was deployed from (application/xml)',
  tags: ['process definitions'],
  permission: { action: 'read', subject: 'ProcessDefinition' },
  params: idParams,
  problems: [404],
  async handler({ params, ability, services, response }) {
    await visibleDefinition(services, ability, params.id);
    const text = await services.engine.getProcessDefinitionXml(params.id);
    response.status(200).type('application/xml; charset=utf-8').send(text);
    return undefined;
  },
});

const statistics = defineRoute<{ id: string }>({
  method: 'get',
  path: '/api/process-definitions/{id}/statistics',
  summary: 'Per element of a deployed version: tokens waiting, overdue tasks, incidents (of the running instances the caller may see)',
  tags: ['process definitions'],
  permission: { action: 'read', subject: 'ProcessDefinition' },
  params: idParams,
  response: {
    type: 'object',
    properties: {
      elements: {
        type: 'array',
        items: {
          type: 'object',
          properties: { elementId: { type: 'string' }, waiting: { type: 'integer' }, overdue: { type: 'integer' }, incidents: { type: 'integer' } },
        },
      },
    },
  },
  problems: [404],
  async handler({ params, ability, services }) {
    await visibleDefinition(services, ability, params.id);
    const elements = await services.engine.definitionStatistics(params.id, { access: engineAccess(ability, 'read', 'ProcessInstance') });
    return { elements };
  },
});

export default [list, get, xml, statistics];
