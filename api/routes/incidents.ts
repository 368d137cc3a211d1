/**
 * Incidents and jobs: timer jobs and external tasks whose retries are used up stay as incidents
 * until an admin retries them (a timer is due at once, an external task can be fetched again).
 * `GET /api/jobs?processInstanceId=` lists an instance's timer jobs waiting to fire (incidents included).
 *
 * Permissions on Incident (condition fields `unitId`, `processDefinitionKey`): `read` to list
 * incidents and jobs, `retry` to retry. The engine knows neither field on a job, so each is looked
 * up (the instance's definition key and unit, the unit's id by its code) and every row is checked
 * with CASL; a caller whose rules are unconditional (the system admin) skips the look-ups' check.
 * Incidents are few, so this stays cheap; an incident the caller may not read is a 404.
 * A retry is recorded in the audit log.
 */
import { NotFoundError, type Engine, type Job } from '../../engine/index.js';
import { defineRoute } from '../http/route.js';
import { forbidden, notFound } from '../errors/problem.js';
import { can, type AppAbility } from '../auth/ability.js';
import type { Action } from '../auth/catalogue.js';
import type { ApiServices } from '../http/services.js';
import { findUnitByCode } from '../store/units.js';
import { unrestricted } from '../auth/access-filter.js';

const idText = { type: 'string', minLength: 1, maxLength: 255, pattern: '^[A-Za-z0-9._:-]+$' } as const;

export interface JobJson {
  readonly id: string;
  readonly kind: Job['kind'];
  readonly processInstanceId: string | null;
  readonly processDefinitionId: string | null;
  readonly processDefinitionKey: string | null;
  /** The dossier's unit (its e-ID), when the job belongs to an instance that has one. */
  readonly unitCode: string | null;
  readonly elementId: string;
  readonly dueAt: string;
  readonly retries: number;
  readonly lastError: string | null;
}

const jobSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    kind: { enum: ['timer', 'external-task'] },
    processInstanceId: { type: ['string', 'null'] },
    processDefinitionId: { type: ['string', 'null'] },
    processDefinitionKey: { type: ['string', 'null'] },
    unitCode: { type: ['string', 'null'] },
    elementId: { type: 'string' },
    dueAt: { type: 'string', format: 'date-time' },
    retries: { type: 'integer' },
    lastError: { type: ['string', 'null'] },
  },
} as const;

/** Looks up what the permission rules speak of, once per instance, definition and unit code. */
function describer(engine: Engine, services: ApiServices) {
  const instances = new Map<string, Promise<{ key: string; definitionId: string; unitCode: string | null } | null>>();
  const definitions = new Map<string, Promise<string | null>>();
  const units = new Map<string, Promise<string | null>>();
  const instance = (id: string) => {
    if (!instances.has(id)) {
      instances.set(
        id,
        engine.getProcessInstance(id).then(
          (found) => ({ key: found.key, definitionId: found.definitionId, unitCode: found.unitId }),
          (error: unknown) => {
            if (error instanceof NotFoundError) return null;
            throw error;
          },
        ),
      );
    }
    return instances.get(id)!;
  };
  const definitionKey = (id: string) => {
    if (!definitions.has(id)) {
      definitions.set(
        id,
        engine.getProcessDefinition(id).then(
          (found) => found.key,
          (error: unknown) => {
            if (error instanceof NotFoundError) return null;
            throw error;
          },
        ),
      );
    }
    return definitions.get(id)!;
  };
  const unitId = (code: string) => {
    if (!units.has(code)) units.set(code, findUnitByCode(services.sql, code).then((unit) => unit?.id ?? null));
    return units.get(code)!;
  };
  return async (job: Job): Promise<{ json: JobJson; record: Record<string, unknown> }> => {
    const owner = job.processInstanceId ? await instance(job.processInstanceId) : null;
    const definitionId = job.definitionId ?? owner?.definitionId ?? null;
    const key = owner?.key ?? (definitionId ? await definitionKey(definitionId) : null);
    const unitCode = owner?.unitCode ?? null;
    return {
      json: {
        id: job.id,
        kind: job.kind,
        processInstanceId: job.processInstanceId,
        processDefinitionId: definitionId,
        processDefinitionKey: key,
        unitCode,
        elementId: job.elementId,
        dueAt: new Date(job.dueAt).toISOString(),
        retries: job.retries,
        lastError: job.lastError,
      },
      record: { processDefinitionKey: key, unitId: unitCode ? await unitId(unitCode) : null },
    };
  };
}

interface Described {
  readonly json: JobJson;
  readonly record: Record<string, unknown>;
}

/** The jobs the caller may `action`, in the engine's order. */
async function permitted(jobs: readonly Job[], ability: AppAbility, action: Action, services: ApiServices): Promise<Described[]> {
  const describe = describer(services.engine, services);
  const all = unrestricted(ability, action, 'Incident');
  const result: Described[] = [];
  for (const job of jobs) {
    const described = await describe(job);
    if (all || can(ability, action, 'Incident', described.record)) result.push(described);
  }
  return result;
}

const listIncidents = defineRoute({
  method: 'get',
  path: '/api/incidents',
  summary: 'Timer jobs and external tasks whose retries are used up',
  tags: ['incidents'],
  permission: { action: 'read', subject: 'Incident' },
  response: { type: 'object', properties: { items: { type: 'array', items: jobSchema } } },
  async handler({ ability, services }) {
    return { items: (await permitted(await services.engine.listIncidents(), ability, 'read', services)).map((d) => d.json) };
  },
});

const retry = defineRoute<{ id: string }>({
  method: 'post',
  path: '/api/incidents/{id}/retry',
  summary: 'Give an incident its retries back: a timer fires now, an external task can be fetched again',
  tags: ['incidents'],
  permission: { action: 'retry', subject: 'Incident' },
  params: { type: 'object', required: ['id'], additionalProperties: false, properties: { id: idText } },
  problems: [404],
  async handler({ params, ability, services, audit }) {
    const incident = (await services.engine.listIncidents()).find((job) => job.id === params.id);
    if (!incident) throw notFound('incident', params.id);
    const [readable] = await permitted([incident], ability, 'read', services);
    if (!readable) throw notFound('incident', params.id);
    if (!unrestricted(ability, 'retry', 'Incident') && !can(ability, 'retry', 'Incident', readable.record)) throw forbidden('You may not retry this incident');
    await services.engine.retryIncident(incident.id);
    await services.sql.transaction((sql) =>
      audit(sql, {
        action: 'retry',
        subject: 'Incident',
        subjectId: incident.id,
        unitId: typeof readable.record.unitId === 'string' ? readable.record.unitId : null,
        before: readable.json,
        after: { retried: true },
      }),
    );
    return undefined;
  },
});

const listJobs = defineRoute<Record<string, never>, { processInstanceId: string; elementId?: string }>({
  method: 'get',
  path: '/api/jobs',
  summary: 'Timer jobs of a process instance waiting to fire (incidents included), soonest first',
  tags: ['incidents'],
  permission: { action: 'read', subject: 'Incident' },
  query: {
    type: 'object',
    required: ['processInstanceId'],
    additionalProperties: false,
    properties: { processInstanceId: idText, elementId: idText },
  },
  response: { type: 'object', properties: { items: { type: 'array', items: jobSchema } } },
  async handler({ query, ability, services }) {
    const jobs = await services.engine.queryJobs({
      processInstanceId: query.processInstanceId,
      ...(query.elementId !== undefined ? { elementId: query.elementId } : {}),
    });
    return { items: (await permitted(jobs, ability, 'read', services)).map((d) => d.json) };
  },
});

export default [listIncidents, retry, listJobs];
