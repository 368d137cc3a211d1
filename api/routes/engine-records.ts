/**
 * Shared pieces of the instance and task routes: the JSON shapes (the engine's `unitId` holds the
 * unit's code, which the API calls `unitCode`), the unit filter of a list (a unit uuid and/or a
 * code → the one code the engine filters by), and the record CASL checks an action on.
 */
import type { HistoryEntry, ProcessInstance, ProcessInstanceSummary, Task } from '../../engine/index.js';
import type { AppAbility } from '../auth/ability.js';
import type { Action, SubjectName } from '../auth/catalogue.js';
import { subjectRecord } from '../auth/engine-access.js';
import type { ApiServices } from '../http/services.js';
import { findUnit } from '../store/units.js';
import { text, uuid } from './common.js';

/** BPMN process ids (`xsd:ID`-like): what a definition key may look like. */
export const processKey = { type: 'string', minLength: 1, maxLength: 255, pattern: '^[A-Za-z_][A-Za-z0-9_.-]*$' } as const;
export const unitCode = { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9._-]+$' } as const;
export const businessKey = text(255);
/** Process variables: a plain JSON object (the JSON guard has already refused `__proto__` and friends). */
export const variables = { type: 'object', maxProperties: 500 } as const;

const nullableString = { type: ['string', 'null'] } as const;

export const instanceSchema = {
  type: 'object',
  properties: {
    id: uuid,
    processDefinitionKey: { type: 'string' },
    processDefinitionVersion: { type: 'integer' },
    processDefinitionId: { type: 'string' },
    businessKey: nullableString,
    unitCode: nullableString,
    dossierStatus: { type: ['integer', 'null'], minimum: 1, maximum: 10 },
    dueDate: { type: ['string', 'null'], format: 'date-time' },
    originalDueDate: { type: ['string', 'null'], format: 'date-time' },
    pausedAt: { type: ['string', 'null'], format: 'date-time' },
    state: { enum: ['active', 'completed', 'terminated'] },
    parentInstanceId: nullableString,
    startedAt: { type: 'string', format: 'date-time' },
    endedAt: nullableString,
  },
} as const;

export const taskSchema = {
  type: 'object',
  properties: {
    id: uuid,
    elementId: { type: 'string' },
    name: nullableString,
    processInstanceId: uuid,
    processDefinitionKey: { type: 'string' },
    businessKey: nullableString,
    unitCode: nullableString,
    assignee: nullableString,
    owner: nullableString,
    delegationState: { enum: ['pending', 'resolved', null] },
    candidateGroups: { type: 'array', items: { type: 'string' } },
    candidateUsers: { type: 'array', items: { type: 'string' } },
    dueDate: nullableString,
    followUpDate: nullableString,
    priority: { type: 'integer' },
    formKey: nullableString,
    createdAt: { type: 'string', format: 'date-time' },
  },
} as const;

export interface InstanceJson {
  readonly id: string;
  readonly processDefinitionKey: string;
  readonly processDefinitionVersion: number;
  readonly processDefinitionId: string;
  readonly businessKey: string | null;
  readonly unitCode: string | null;
  readonly dossierStatus: number | null;
  /** The legal due date (ngày hẹn trả), moved by the time the clock was paused. */
  readonly dueDate: Date | null;
  readonly originalDueDate: Date | null;
  readonly pausedAt: Date | null;
  readonly state: ProcessInstanceSummary['state'];
  readonly parentInstanceId: string | null;
  readonly startedAt: Date;
  readonly endedAt: Date | null;
}

export function instanceJson(instance: ProcessInstanceSummary): InstanceJson {
  return {
    id: instance.id,
    processDefinitionKey: instance.key,
    processDefinitionVersion: instance.version,
    processDefinitionId: instance.definitionId,
    businessKey: instance.businessKey,
    unitCode: instance.unitId,
    dossierStatus: instance.dossierStatus,
    dueDate: instance.dueDate,
    originalDueDate: instance.originalDueDate,
    pausedAt: instance.pausedAt,
    state: instance.state,
    parentInstanceId: instance.parentInstanceId,
    startedAt: instance.startedAt,
    endedAt: instance.endedAt,
  };
}

export function instanceDetailJson(instance: ProcessInstance): InstanceJson & Pick<ProcessInstance, 'activeElementIds' | 'variables'> {
  return { ...instanceJson(instance), activeElementIds: instance.activeElementIds, variables: instance.variables };
}

export function taskJson(task: Task): Record<string, unknown> {
  const { unitId, ...rest } = task;
  return { ...rest, unitCode: unitId };
}

/**
 * The unit code a list filters by: from `unitId` (a unit's uuid) and/or `unitCode`. `null` when the
 * two name different units or the uuid names no unit, so that the list is empty; undefined when
 * neither is given.
 */
export async function unitFilter(services: ApiServices, query: { unitId?: string; unitCode?: string }): Promise<string | null | undefined> {
  if (query.unitId === undefined) return query.unitCode;
  const unit = await findUnit(services.sql, query.unitId);
  if (!unit) return null;
  return query.unitCode === undefined || query.unitCode === unit.code ? unit.code : null;
}

/**
 * A task or instance as CASL checks `action` on it. `handledBy` (the users who did something in
 * the instance) is read from the history only when one of the caller's rules for this action
 * speaks of it, so the common case costs no query.
 */
export async function actionRecord(
  services: ApiServices,
  ability: AppAbility,
  action: Action,
  subject: SubjectName,
  record: { readonly unitId: string | null } & Record<string, unknown>,
  instanceId: string,
): Promise<Record<string, unknown>> {
  const base = subjectRecord(record);
  if (!rulesNeedHandledBy(ability, [action], subject)) return base;
  return { ...base, handledBy: handledBy(await services.engine.getHistory(instanceId)) };
}

/** Whether one of the caller's rules for these actions on the subject speaks of `handledBy`. */
export const rulesNeedHandledBy = (ability: AppAbility, actions: readonly Action[], subject: SubjectName): boolean =>
  actions.some((action) => ability.rulesFor(action, subject).some((rule) => rule.conditions !== undefined && 'handledBy' in (rule.conditions as object)));

/** The users who did something in an instance, from its history. */
export const handledBy = (history: readonly HistoryEntry[]): string[] => [
  ...new Set(history.map((entry) => entry.userId).filter((user): user is string => user !== null)),
];
