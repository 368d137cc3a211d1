/** One measurement, as handed to a child process (child.ts) and what comes back. */
import type { Subject } from './config.js';
import type { Throughput } from './drive.js';
import type { ModelName } from './models.js';
import type { MotcuaThroughput } from './subjects/motcua.js';
import type { MotcuaHeap } from './memory/motcua.js';
import type { BpmnEngineHeap } from './memory/bpmn-engine.js';

export type Job =
  | { kind: 'throughput'; subject: Subject; model: ModelName; instances: number; warmup: number; databaseUrl?: string }
  | { kind: 'motcua-heap'; model: ModelName; warmup: number; small: number; large: number }
  | { kind: 'bpmn-engine-heap'; model: ModelName; held: number };

export type JobResult = Throughput | MotcuaThroughput | MotcuaHeap | BpmnEngineHeap;

/** The line a child prints its result on. */
export const RESULT_PREFIX = 'BENCH_RESULT ';
