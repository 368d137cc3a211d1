/**
 * What a bench run measures and how long: parts picked by BENCH_ONLY, sizes shrunk by BENCH_QUICK=1.
 * The instance counts are chosen so each full measurement takes about 5–15 s on the 2-core CI machine.
 */
import type { ModelName } from './models.js';

export const PARTS = ['sqlite', 'postgres', 'bpmn-engine', 'ceiling', 'memory', 'timers', 'http', 'modeler'] as const;
export type Part = (typeof PARTS)[number];

/** Instances in flight: 16 async workers, each driving one instance at a time. */
export const CONCURRENCY = 16;

export const QUICK = process.env.BENCH_QUICK === '1' || process.env.BENCH_QUICK === 'true';

export function selectedParts(): Part[] {
  const only = process.env.BENCH_ONLY?.trim();
  if (!only) return [...PARTS];
  const wanted = only.split(',').map((part) => part.trim()).filter(Boolean);
  const unknown = wanted.filter((part) => !(PARTS as readonly string[]).includes(part));
  if (unknown.length > 0) throw new Error(`BENCH_ONLY names unknown parts: ${unknown.join(', ')} (known: ${PARTS.join(', ')})`);
  return PARTS.filter((part) => wanted.includes(part));
}

export type Subject = 'motcua-sqlite' | 'motcua-postgres' | 'bpmn-engine' | 'pg-ceiling';

/** Finished instances per measurement (after a warm-up that is not timed). */
const FULL_INSTANCES: Record<Subject, Record<ModelName, number>> = {
  'motcua-sqlite': { 'sequential-10': 500, 'parallel-3': 1000 },
  'motcua-postgres': { 'sequential-10': 400, 'parallel-3': 800 },
  'bpmn-engine': { 'sequential-10': 240, 'parallel-3': 400 },
  'pg-ceiling': { 'sequential-10': 800, 'parallel-3': 1600 },
};

export function instancesFor(subject: Subject, model: ModelName): number {
  return QUICK ? 24 : FULL_INSTANCES[subject][model];
}

export function warmupFor(): number {
  return QUICK ? 4 : CONCURRENCY;
}

/**
 * The memory part: motcua's heap is read with `small` and with `large` instances waiting, after
 * `warmup` instances were started and terminated; bpmn-engine holds `held` waiting instances.
 */
export const MEMORY = QUICK ? { warmup: 500, small: 100, large: 1_000, held: 50 } : { warmup: 500, small: 100, large: 10_000, held: 300 };

/**
 * The timers part (PostgreSQL): `due` timers due at once, fired by one node and by three; the nodes
 * (child processes) start together `startDelayMs` after the last said it is ready (at most
 * `bootLimitMs` after they were spawned). Latency: `count` timers falling due one every `spacingMs`,
 * the first `leadMs` after the executor started, so arming is done before the first is due.
 */
export const TIMERS = {
  due: QUICK ? 200 : 2_000,
  startDelayMs: 200,
  bootLimitMs: 60_000,
  latency: QUICK ? { count: 40, leadMs: 3_000, spacingMs: 50 } : { count: 200, leadMs: 3_000, spacingMs: 50 },
};

/** The PostgreSQL server to create the bench databases on (any database there; trust auth). */
export const POSTGRES_ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * The HTTP part (PostgreSQL): `tasks` claimed and completed by `officers` at once, over HTTP and
 * through the library, in `rounds` timed rounds each way (alternating).
 */
export const HTTP = QUICK ? { tasks: 100, officers: 50, rounds: 1 } : { tasks: 1_000, officers: 50, rounds: 3 };

/** The modeler part: waiting instances behind the monitoring view. */
export const MODELER = { waiting: QUICK ? 10_000 : 100_000 };
