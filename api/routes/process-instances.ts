/**
 * Process instances (dossiers' runs): start one from a definition's key, list and read what the
 * caller may see (the same rules filter the list and a single read, in SQL; what the caller may
 * not see is a 404), the history, and cancel with a recorded reason.
 *
 * Permissions:
 * - start: `start ProcessInstance` on `{ unitCode, processDefinitionKey, businessKey }`; the unit
 *   is the one the request names, else the unit of the caller's grant whose role may start;
 * - read, history: `read ProcessInstance` (unitCode, processDefinitionKey, businessKey, handledBy);
 * - cancel: read it, then `cancel ProcessInstance` on the record; only an active instance.
 */
import { defineRoute } from '../http/route.js';
import { conflict, forbidden, notFound, unprocessable } from '../errors/problem.js';
import { buildAbility, can } from '../auth/ability.js';
import { engineAccess } from '../auth/engine-access.js';
import type { Principal } from '../auth/principal.js';
import type { ApiServices } from '../http/services.js';
import { findUnit, unitLinks, type Unit } from '../store/units.js';
import { idParams, page, paging, text, uuid, type Paging } from './common.js';
import {
  actionRecord,
  businessKey,
  instanceDetailJson,
  instanceJson,
  instanceSchema,
  processKey,
  unitCode,
  unitFilter,
  variables,
} from './engine-records.js';

const instanceDetailSchema = {
  ...instanceSchema,
  properties: {
    ...instanceSchema.properties,
    activeElementIds: { type: 'array', items: { type: 'string' } },
    variables: { type: 'object' },
  },
} as const;

const historySchema = {
  type: 'object',
  properties: {
    items: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          elementId: { type: ['string', 'null'] },
          elementType: { type: 'string' },
          event: { type: 'string' },
          time: { type: 'string', format: 'date-time' },
          userId: { type: ['string', 'null'], description: 'the acting user name' },
          detail: { type: ['object', 'null'] },
        },
      },
    },
    total: { type: 'integer' },
  },
} as const;

/** The unit an instance is started in: the one named, else the caller's unit where a role of theirs may start. */
async function startUnit(services: ApiServices, principal: Principal, unitId: string | undefined): Promise<Unit> {
  if (unitId !== undefined) {
    const unit = await findUnit(services.sql, unitId);
    if (!unit) throw unprocessable('unknown-reference', 'The unit does not exist', [{ field: '/body/unitId', message: 'no such unit' }]);
    return unit;
  }
  const units = new Set<string>();
  for (const grant of principal.grants) {
    const ability = await buildAbility({ userId: principal.id, username: principal.username, grants: [grant], unitLinks: () => unitLinks(services.sql) });
    if (ability.can('start', 'ProcessInstance')) units.add(grant.unitId);
  }
  if (units.size === 0) throw forbidden('None of your roles may start a process instance');
  if (units.size > 1) {
    throw unprocessable('unit-required', 'You may start process instances in several units; say which', [{ field: '/body/unitId', message: 'required' }]);
  }
  const [only] = units;
  const unit = await findUnit(services.sql, only!);
  if (!unit) throw unprocessable('unknown-reference', 'Your unit does not exist', [{ field: '/body/unitId', message: 'required' }]);
  return unit;
}

interface StartBody {
  variables?: Record<string, unknown>;
  businessKey?: string;
  unitId?: string;
}

const start = defineRoute<{ key: string }, Record<string, never>, StartBody>({
  method: 'post',
  path: '/api/process-definitions/key/{key}/start',
  summary: 'Start the latest version of a process in a unit',
  description:
    'Runs the new instance until every token waits. The unit is `unitId`, else the unit where the caller holds a role that may start. ' +
    'Needs `start ProcessInstance` for that unit and key.',
  tags: ['process-instances'],
  permission: { action: 'start', subject: 'ProcessInstance' },
  status: 201,
  params: { type: 'object', required: ['key'], additionalProperties: false, properties: { key: processKey } },
  body: {
    type: 'object',
    additionalProperties: false,
    properties: { variables, businessKey, unitId: uuid },
  },
  response: instanceDetailSchema,
  problems: [404, 422],
  async handler({ params, body, principal, ability, services, response }) {
    const unit = await startUnit(services, principal, body.unitId);
    const [definition] = await services.engine.listProcessDefinitions({ key: params.key, latestOnly: true });
    if (!definition) throw notFound('process definition', params.key);
    const record = { unitCode: unit.code, processDefinitionKey: params.key, businessKey: body.businessKey ?? null };
    if (!can(ability, 'start', 'ProcessInstance', record)) throw forbidden(`You may not start '${params.key}' in unit ${unit.code}`);
    const started = await services.engine.startProcess(params.key, {
      variables: body.variables ?? {},
      ...(body.businessKey !== undefined ? { businessKey: body.businessKey } : {}),
      unitId: unit.code,
      userId: principal.username,
    });
    response.location(`/api/process-instances/${started.id}`);
    return instanceDetailJson(await services.engine.getProcessInstance(started.id));
  },
});

interface ListQuery extends Paging {
  processDefinitionKey?: string;
  processDefinitionId?: string;
  elementId?: string;
  businessKey?: string;
  unitId?: string;
  unitCode?: string;
  state?: 'active' | 'completed' | 'terminated';
  sortOrder?: 'asc' | 'desc';
}

const list = defineRoute<Record<string, never>, ListQuery>({
  method: 'get',
  path: '/api/process-instances',
  summary: 'Process instances the caller may see, newest first',
  tags: ['process-instances'],
  permission: { action: 'read', subject: 'ProcessInstance' },
  query: {
    type: 'object',
    additionalProperties: false,
    properties: {
      processDefinitionKey: processKey,
      processDefinitionId: { ...uuid, description: 'one deployed version' },
      elementId: { ...processKey, description: 'instances with a token waiting at this element' },
      businessKey,
      unitId: { ...uuid, description: 'the unit (uuid); its code is what instances carry' },
      unitCode,
      state: { enum: ['active', 'completed', 'terminated'] },
      sortOrder: { enum: ['asc', 'desc'], default: 'desc' },
      ...paging,
    },
  },
  response: page(instanceSchema),
  async handler({ query, ability, services }) {
    const unit = await unitFilter(services, query);
    if (unit === null) return { items: [], total: 0 };
    const result = await services.engine.queryProcessInstances({
      ...(query.processDefinitionKey !== undefined ? { processDefinitionKey: query.processDefinitionKey } : {}),
      ...(query.processDefinitionId !== undefined ? { definitionId: query.processDefinitionId } : {}),
      ...(query.elementId !== undefined ? { activeElementId: query.elementId } : {}),
      ...(query.businessKey !== undefined ? { businessKey: query.businessKey } : {}),
      ...(unit !== undefined ? { unitId: unit } : {}),
      ...(query.state !== undefined ? { state: query.state } : {}),
      ...(query.sortOrder !== undefined ? { sortOrder: query.sortOrder } : {}),
      limit: query.limit,
      offset: query.offset,
      access: engineAccess(ability, 'read', 'ProcessInstance'),
    });
    return { items: result.items.map(instanceJson), total: result.total };
  },
});

const get = defineRoute<{ id: string }>({
  method: 'get',
  path: '/api/process-instances/{id}',
  summary: 'One process instance with where its tokens are and its variables',
  tags: ['process-instances'],
  permission: { action: 'read', subject: 'ProcessInstance' },
  params: idParams,
  response: instanceDetailSchema,
  problems: [404],
  async handler({ params, ability, services }) {
    return instanceDetailJson(await services.engine.getProcessInstance(params.id, { access: engineAccess(ability, 'read', 'ProcessInstance') }));
  },
});

const history = defineRoute<{ id: string }>({
  method: 'get',
  path: '/api/process-instances/{id}/history',
  summary: 'Everything that happened in a process instance, in order (who, what, when)',
  tags: ['process-instances'],
  permission: { action: 'read', subject: 'ProcessInstance' },
  params: idParams,
  response: historySchema,
  problems: [404],
  async handler({ params, ability, services }) {
    const items = await services.engine.getHistory(params.id, { access: engineAccess(ability, 'read', 'ProcessInstance') });
    return { items, total: items.length };
  },
});

const cancel = defineRoute<{ id: string }, Record<string, never>, { reason: string }>({
  method: 'delete',
  path: '/api/process-instances/{id}',
  summary: 'Cancel a running process instance, with a reason that the history records',
  tags: ['process-instances'],
  permission: { action: 'cancel', subject: 'ProcessInstance' },
  params: idParams,
  body: { type: 'object', required: ['reason'], additionalProperties: false, properties: { reason: text(1000) } },
  problems: [404, 409],
  async handler({ params, body, principal, ability, services }) {
    const instance = await services.engine.getProcessInstance(params.id, { access: engineAccess(ability, 'read', 'ProcessInstance') });
    const record = await actionRecord(
      services,
      ability,
      'cancel',
      'ProcessInstance',
      { unitId: instance.unitId, processDefinitionKey: instance.key, businessKey: instance.businessKey },
      instance.id,
    );
    if (!can(ability, 'cancel', 'ProcessInstance', record)) throw forbidden('You may not cancel this process instance');
    if (instance.state !== 'active') throw conflict('instance-not-active', `Process instance '${instance.id}' is ${instance.state}`);
    await services.engine.terminateProcessInstance(instance.id, { userId: principal.username, reason: body.reason });
    return undefined;
  },
});

export default [start, list, get, history, cancel];
