/**
 * The caller's rules for (action, subject) as the engine's access filter, for the engine's task and
 * instance queries (lists and single reads alike). The API speaks of a dossier's unit by its code
 * (`unitCode`, the e-ID); the engine stores that code as the instance's and task's `unitId`.
 */
import type { AccessClause, AccessFilter } from '../../engine/index.js';
import type { AppAbility } from './ability.js';
import { accessFilterOf, type AccessClause as ApiClause } from './access-filter.js';
import type { Action, SubjectName } from './catalogue.js';

const ENGINE_FIELD: Readonly<Record<string, string>> = { unitCode: 'unitId' };

function toEngine(clause: ApiClause): AccessClause {
  return Object.fromEntries(Object.entries(clause).map(([field, value]) => [ENGINE_FIELD[field] ?? field, value])) as AccessClause;
}

/** Filters already derived from an ability (abilities are reused between requests: ability-cache.ts; never changed). */
const derived = new WeakMap<AppAbility, Map<string, AccessFilter>>();

export function engineAccess(ability: AppAbility, action: Action, subject: SubjectName): AccessFilter {
  let filters = derived.get(ability);
  if (!filters) derived.set(ability, (filters = new Map()));
  const key = `${action} ${subject}`;
  let filter = filters.get(key);
  if (!filter) {
    const { anyOf, noneOf } = accessFilterOf(ability, action, subject);
    filter = { ...(anyOf ? { anyOf: anyOf.map(toEngine) } : {}), ...(noneOf ? { noneOf: noneOf.map(toEngine) } : {}) };
    filters.set(key, filter);
  }
  return filter;
}

/** A task or instance as CASL sees it when one record is checked (the engine's unitId is the API's unitCode). */
export function subjectRecord(record: { readonly unitId: string | null } & Record<string, unknown>): Record<string, unknown> {
  const { unitId, ...rest } = record;
  return { ...rest, unitCode: unitId };
}
