/** One measurement, as handed to a child process (child.ts) and what comes back. */
import type { Subject } from './config.js';
import type { Throughput } from './drive.js';
import type { ModelName } from './models.js';
import type { MotcuaThroughput } from './subjects/motcua.js';
import type { MotcuaHeap } from './memory/motcua.js';
import type { BpmnEngineHeap } from './memory/bpmn-engine.js';
import type { TimerLatency, TimerNodeResult, TimersArmed } from './subjects/timers.js';
import type { HttpApiResult } from './subjects/http-api.js';

export type Job =
  | { kind: 'throughput'; subject: Subject; model: ModelName; instances: number; warmup: number; databaseUrl?: string }
  | { kind: 'motcua-heap'; model: ModelName; warmup: number; small: number; large: number }
  | { kind: 'bpmn-engine-heap'; model: ModelName; held: number }
  | { kind: 'timers-arm'; databaseUrl: string; count: number; dueAt: number }
  | { kind: 'timers-node'; databaseUrl: string; signalDir: string; node: number; pollMs: number }
  | { kind: 'timers-latency'; databaseUrl: string; count: number; leadMs: number; spacingMs: number }
  | { kind: 'http-api'; databaseUrl?: string; tasks: number; officers: number; rounds: number };

export type JobResult = Throughput | MotcuaThroughput | MotcuaHeap | BpmnEngineHeap | TimersArmed | TimerNodeResult | TimerLatency | HttpApiResult;

/** The line a child prints its result on. */
export const RESULT_PREFIX = 'BENCH_RESULT ';
