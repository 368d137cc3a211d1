/** The two bench models and what one instance of each takes to finish. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const MODEL_NAMES = ['sequential-10', 'parallel-3'] as const;
export type ModelName = (typeof MODEL_NAMES)[number];

export interface BenchModel {
  readonly name: ModelName;
  /** The process id in the XML, i.e. motcua's definition key. */
  readonly key: string;
  /** User tasks one instance completes from start to end. */
  readonly tasksPerInstance: number;
  readonly xml: string;
}

const KEYS: Record<ModelName, { key: string; tasksPerInstance: number }> = {
  'sequential-10': { key: 'bench_sequential_10', tasksPerInstance: 10 },
  'parallel-3': { key: 'bench_parallel_3', tasksPerInstance: 5 },
};

export function loadBenchModel(name: ModelName): BenchModel {
  const xml = readFileSync(fileURLToPath(new URL(`./models/${name}.bpmn`, import.meta.url)), 'utf8');
  return { name, ...KEYS[name], xml };
}
