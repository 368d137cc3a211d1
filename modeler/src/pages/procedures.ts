/**
 * The deployed procedures for the start page, from GET /api/modeler/procedures: per process key
 * the latest version, the number of versions and the running instances.
 */
import { getJson } from '../api.js';

export interface Definition {
  readonly id: string;
  readonly key: string;
  readonly version: number;
  readonly name: string | null;
}

export interface Procedure {
  readonly key: string;
  readonly latest: Definition;
  readonly versions: number;
  readonly running: number;
}

export async function loadProcedures(): Promise<Procedure[]> {
  return (await getJson<{ items: Procedure[] }>('/api/modeler/procedures')).items;
}
