/**
 * The timers part, the side that runs in child processes (child.ts): arming timers, a node that
 * fires them as a server's job executor does, and the latency of one node at the default poll
 * interval. The model (models/timer.bpmn) is start → timer catch at `${dueAt}` (timeDate) → end, so
 * each instance's due time is whatever the bench gives it. Every engine here runs on the system
 * clock and the executor's default settings (batches of 50, 4 firings at once, 60 s lease).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { QueryTypes } from 'sequelize';
import { createEngine, type Engine } from '../../../engine/index.js';

export const TIMER_KEY = 'bench_timer';
export const TIMER_ELEMENT = 'wait';
/** The executor's default poll interval (Engine.startJobExecutor). */
export const DEFAULT_POLL_MS = 1000;

export const timerModel = (): string => readFileSync(fileURLToPath(new URL('../models/timer.bpmn', import.meta.url)), 'utf8');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function countJobs(engine: Engine): Promise<number> {
  const [row] = await engine.sequelize.query<{ n: number | string }>('SELECT COUNT(*) AS n FROM jobs', { type: QueryTypes.SELECT });
  return Number(row?.n ?? 0);
}

/** Starts `count` instances, 16 calls at a time; instance i is due at `dueAt(i)`. Returns id → due time. */
async function startTimers(engine: Engine, count: number, dueAt: (index: number) => number): Promise<Map<string, number>> {
  const due = new Map<string, number>();
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const at = dueAt(next++);
      const { id } = await engine.startProcess(TIMER_KEY, { variables: { dueAt: new Date(at).toISOString() } });
      due.set(id, at);
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  return due;
}

export interface TimersArmed {
  readonly armed: number;
  readonly seconds: number;
}

/** Deploys the model and arms `count` timers, all due at `dueAt` (epoch ms). */
export async function armTimers(databaseUrl: string, count: number, dueAt: number): Promise<TimersArmed> {
  const engine = await createEngine({ databaseUrl });
  try {
    await engine.deploy(timerModel(), { name: 'bench timer' });
    const started = performance.now();
    const due = await startTimers(engine, count, () => dueAt);
    return { armed: due.size, seconds: (performance.now() - started) / 1000 };
  } finally {
    await engine.close();
  }
}

export interface TimerNodeResult {
  /** Timers this node fired. */
  readonly fired: number;
  /** The moment all nodes started (epoch ms), as the orchestrator set it. */
  readonly startAt: number;
  /** How long after `startAt` this node began (0 when it was in time). */
  readonly lateMs: number;
}

/** The file a node writes when it is ready, and the one the orchestrator writes (with the start time) when all are. */
export const readyFile = (signalDir: string, node: number) => path.join(signalDir, `ready-${node}`);
export const goFile = (signalDir: string) => path.join(signalDir, 'go');

/**
 * One node, as the job executor runs: a round of runDueJobs() (which leases and fires batches until
 * a batch comes back short), then `pollMs` of sleep, and again, until no job is left in the database
 * (the other nodes' leases included). Counts what it fired. It first opens the engine and loads the
 * model (one instance started and terminated), says it is ready in `signalDir`, and waits for the
 * start time the orchestrator writes there once every node is ready.
 */
export async function timerNode(databaseUrl: string, signalDir: string, node: number, pollMs: number): Promise<TimerNodeResult> {
  const engine = await createEngine({ databaseUrl });
  try {
    const warm = await engine.startProcess(TIMER_KEY, { variables: { dueAt: new Date(Date.now() + 86_400_000).toISOString() } });
    await engine.terminateProcessInstance(warm.id);
    writeFileSync(readyFile(signalDir, node), '');
    while (!existsSync(goFile(signalDir))) await sleep(5);
    const startAt = Number(readFileSync(goFile(signalDir), 'utf8'));
    if (Number.isNaN(startAt)) throw new Error('the bench called the start off');
    const lateMs = Math.max(0, Date.now() - startAt);
    if (lateMs === 0) await sleep(startAt - Date.now());
    let fired = 0;
    for (;;) {
      fired += await engine.runDueJobs();
      if ((await countJobs(engine)) === 0) break;
      await sleep(pollMs);
    }
    return { fired, startAt, lateMs };
  } finally {
    await engine.close();
  }
}

export interface TimerLatency {
  readonly timers: number;
  readonly fired: number;
  readonly pollMs: number;
  readonly spacingMs: number;
  /** Firing time (the timer's `completed` history row) minus due time, in ms. */
  readonly p50: number;
  readonly p95: number;
  readonly max: number;
  readonly min: number;
  /** Set when arming was not done before the first timer fell due (the figures then mean less). */
  readonly armedLateMs: number;
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/**
 * Latency at the default poll interval: one engine's executor polls with the default pollMs while
 * `count` timers fall due one every `spacingMs`, the first `leadMs` from now (so each falls due at
 * a different point of the poll cycle). Then firing time − due time per timer, from the history.
 */
export async function timerLatency(databaseUrl: string, count: number, leadMs: number, spacingMs: number): Promise<TimerLatency> {
  const engine = await createEngine({ databaseUrl });
  try {
    await engine.deploy(timerModel(), { name: 'bench timer latency' });
    engine.startJobExecutor(); // default poll interval
    const first = Date.now() + leadMs;
    const due = await startTimers(engine, count, (index) => first + index * spacingMs);
    const armedLateMs = Math.max(0, Date.now() - first);
    const last = first + (count - 1) * spacingMs;
    while (Date.now() < last || (await countJobs(engine)) > 0) await sleep(100);
    await engine.stopJobExecutor();
    const rows = await engine.sequelize.query<{ instance_id: string; at: string | Date }>(
      `SELECT instance_id, at FROM history WHERE element_id = '${TIMER_ELEMENT}' AND event = 'completed'`,
      { type: QueryTypes.SELECT },
    );
    const latencies = rows.map((row) => new Date(row.at).getTime() - due.get(row.instance_id)!).sort((a, b) => a - b);
    return {
      timers: count,
      fired: rows.length,
      pollMs: DEFAULT_POLL_MS,
      spacingMs,
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      max: latencies[latencies.length - 1] ?? Number.NaN,
      min: latencies[0] ?? Number.NaN,
      armedLateMs,
    };
  } finally {
    await engine.close();
  }
}
