/** Per-element figures of a deployed version: GET /api/process-definitions/{id}/statistics. */
import { getJson } from '../api.js';

export interface ElementStatistics {
  readonly elementId: string;
  readonly waiting: number;
  readonly overdue: number;
  readonly incidents: number;
}

export async function loadStatistics(definitionId: string): Promise<ElementStatistics[]> {
  const answer = await getJson<{ elements: ElementStatistics[] }>(`/api/process-definitions/${encodeURIComponent(definitionId)}/statistics`);
  return answer.elements;
}
