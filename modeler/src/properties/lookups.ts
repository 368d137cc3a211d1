/**
 * The lists the properties panel picks from (roles, units, forms), loaded from the API once per
 * editor and handed to bpmn-js as the `motcuaLookups` service, so the entries read them
 * synchronously.
 */
import { getJson, type Page } from '../api.js';
import { may } from '../session.js';

export interface Lookup {
  readonly value: string;
  readonly label: string;
}

export interface Lookups {
  readonly roles: readonly Lookup[];
  readonly units: readonly Lookup[];
  readonly forms: readonly Lookup[];
}

interface Role {
  code: string;
  name: string;
}
interface Unit {
  code: string;
  name: string;
}
interface Form {
  key: string;
  title: string | null;
}

/** The roles: GET /api/roles, or only their codes and names from the modeler's route for those who may deploy but not read roles. */
async function roleList(): Promise<Role[]> {
  return (await getJson<{ items: Role[] }>(may('read', 'Role') ? '/api/roles' : '/api/modeler/roles')).items;
}

/** Every unit, page by page (the API gives 200 at most per page). */
async function allUnits(): Promise<Unit[]> {
  const units: Unit[] = [];
  for (let offset = 0; ; offset += 200) {
    const page = await getJson<Page<Unit>>(`/api/units?limit=200&offset=${offset}`);
    units.push(...page.items);
    if (page.items.length < 200 || units.length >= page.total) return units;
  }
}

/** Loads the lists; one that the caller may not read is empty (the entry then shows the stored value only). */
export async function loadLookups(): Promise<Lookups> {
  const [roles, units, forms] = await Promise.all([
    roleList().catch(() => []),
    allUnits().catch(() => []),
    getJson<{ items: Form[] }>('/api/forms').then((r) => r.items).catch(() => []),
  ]);
  const byLabel = (a: Lookup, b: Lookup) => a.label.localeCompare(b.label, 'vi');
  return {
    roles: roles.map((role) => ({ value: role.code, label: `${role.name} (${role.code})` })).sort(byLabel),
    units: units.map((unit) => ({ value: unit.code, label: `${unit.name} (${unit.code})` })).sort(byLabel),
    forms: forms.map((form) => ({ value: form.key, label: form.title ? `${form.title} (${form.key})` : form.key })).sort(byLabel),
  };
}

export const emptyLookups: Lookups = { roles: [], units: [], forms: [] };
