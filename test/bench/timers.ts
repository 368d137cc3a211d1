/**
 * The timers part, orchestrated from run.ts: timers fired per second by one node and by a cluster
 * of three nodes (three child processes, as three servers on one PostgreSQL database would be), with
 * `TIMERS.due` timers due at once; and the latency from due time to firing at the default poll
 * interval. Each measurement gets a fresh database. Firing times are the `completed` history rows
 * of the timer element, written by the nodes on the system clock; what did not fire exactly once
 * is listed as a problem.
 */
import { existsSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { POSTGRES_ADMIN_URL, TIMERS } from './config.js';
import { createBenchDatabase } from './postgres.js';
import { runJob, type JobOutcome } from './spawn.js';
import type { Cell } from './report.js';
import {
  DEFAULT_POLL_MS,
  TIMER_ELEMENT,
  goFile,
  percentile,
  readyFile,
  type TimerLatency,
  type TimerNodeResult,
  type TimersArmed,
} from './subjects/timers.js';

export interface TimersThroughput {
  readonly nodes: number;
  readonly timers: number;
  /** `completed` history rows of the timer element (one per firing). */
  readonly firings: number;
  /** What each node says it fired. */
  readonly perNode: readonly number[];
  /** From the moment the nodes start (all timers already due) to the last firing. */
  readonly seconds: number;
  readonly timersPerSecond: number;
  /** Firing time − start, over all timers (the backlog's latency), in ms. */
  readonly p50: number;
  readonly p95: number;
  readonly max: number;
  /** The latest a node was ready after the common start (0: all in time). */
  readonly lateMs: number;
  readonly armSeconds: number;
  readonly problems: readonly string[];
}

export interface TimersResults {
  readonly throughput: ReadonlyMap<number, Cell<TimersThroughput>>;
  readonly latency: Cell<TimerLatency>;
}

type Log = (message: string) => void;

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error)).replace(/\s*\n\s*/g, ' | ');

/** Reads what fired from the database the nodes shared. */
async function outcome(databaseUrl: string): Promise<{ times: number[]; instances: number; jobsLeft: number; incidents: number; completed: number }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const fired = await client.query<{ instance_id: string; at: Date }>(
      `SELECT instance_id, at FROM history WHERE element_id = $1 AND event = 'completed'`,
      [TIMER_ELEMENT],
    );
    const scalar = async (sql: string) => Number((await client.query<{ n: string }>(sql)).rows[0]!.n);
    return {
      times: fired.rows.map((row) => new Date(row.at).getTime()),
      instances: new Set(fired.rows.map((row) => row.instance_id)).size,
      jobsLeft: await scalar('SELECT COUNT(*) AS n FROM jobs'),
      incidents: await scalar('SELECT COUNT(*) AS n FROM jobs WHERE retries = 0'),
      completed: await scalar(`SELECT COUNT(*) AS n FROM process_instances WHERE state = 'completed'`),
    };
  } finally {
    await client.end();
  }
}

/**
 * Spawns the nodes; once each has written its ready file, writes the start time into the go file
 * (or `abort` when one failed or they took too long, so the others end too).
 */
async function startTogether(nodes: number, databaseUrl: string): Promise<JobOutcome<TimerNodeResult>[]> {
  const signalDir = mkdtempSync(path.join(os.tmpdir(), 'motcua-bench-timers-'));
  const running = Array.from({ length: nodes }, (_, node) =>
    runJob<TimerNodeResult>({ kind: 'timers-node', databaseUrl, signalDir, node, pollMs: DEFAULT_POLL_MS }),
  );
  let ended = false;
  running.forEach((job) => job.then(() => (ended = true), () => (ended = true)));
  const ready = () => Array.from({ length: nodes }, (_, node) => existsSync(readyFile(signalDir, node))).every(Boolean);
  try {
    const deadline = Date.now() + TIMERS.bootLimitMs;
    while (!ready() && !ended && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    // Written aside and renamed, so a node never reads it half written.
    writeFileSync(`${goFile(signalDir)}.tmp`, ready() && !ended ? String(Date.now() + TIMERS.startDelayMs) : 'abort');
    renameSync(`${goFile(signalDir)}.tmp`, goFile(signalDir));
    const settled = await Promise.allSettled(running);
    const failure = settled.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    if (failure) throw failure.reason;
    if (!ready()) throw new Error(`the nodes were not ready after ${TIMERS.bootLimitMs / 1000} s`);
    return settled.map((outcome) => (outcome as PromiseFulfilledResult<JobOutcome<TimerNodeResult>>).value);
  } finally {
    rmSync(signalDir, { recursive: true, force: true });
  }
}

/** `TIMERS.due` timers due at once, fired by `nodes` child processes that start together. */
async function throughput(nodes: number, log: Log): Promise<Cell<TimersThroughput>> {
  const label = `timers ${nodes} node${nodes > 1 ? 's' : ''}`;
  const started = performance.now();
  log(`${label} …`);
  const database = await createBenchDatabase(POSTGRES_ADMIN_URL, `timers_${nodes}`);
  try {
    const armed = await runJob<TimersArmed>({ kind: 'timers-arm', databaseUrl: database.url, count: TIMERS.due, dueAt: Date.now() });
    // Every timer is due by now. The nodes boot, say they are ready, and start together when told.
    const results = await startTogether(nodes, database.url);
    const startAt = results[0]!.result.startAt;
    const fired = await outcome(database.url);
    const latencies = fired.times.map((time) => time - startAt).sort((a, b) => a - b);
    const seconds = (latencies[latencies.length - 1] ?? 0) / 1000;
    const perNode = results.map(({ result }) => result.fired);
    const problems: string[] = [];
    const total = TIMERS.due;
    if (armed.result.armed !== total) problems.push(`${armed.result.armed} of ${total} timers armed`);
    if (fired.times.length !== total || fired.instances !== total) {
      problems.push(`${fired.times.length} firings of ${fired.instances} distinct instances for ${total} timers`);
    }
    if (perNode.reduce((a, b) => a + b, 0) !== total) problems.push(`the nodes report ${perNode.join(' + ')} firings for ${total} timers`);
    if (fired.completed !== total) problems.push(`${fired.completed} of ${total} instances completed`);
    if (fired.jobsLeft > 0) problems.push(`${fired.jobsLeft} jobs left (${fired.incidents} incidents)`);
    for (const { stderr } of [armed, ...results]) if (stderr) problems.push(`a child wrote to stderr: ${stderr.split('\n')[0]}`);
    log(`${label} done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return {
      ok: {
        nodes,
        timers: total,
        firings: fired.times.length,
        perNode,
        seconds,
        timersPerSecond: seconds > 0 ? fired.times.length / seconds : 0,
        p50: percentile(latencies, 50),
        p95: percentile(latencies, 95),
        max: latencies[latencies.length - 1] ?? Number.NaN,
        lateMs: Math.max(...results.map(({ result }) => result.lateMs)),
        armSeconds: armed.result.seconds,
        problems,
      },
    };
  } catch (error) {
    log(`${label} FAILED: ${describe(error)}`);
    return { missing: `failed: ${describe(error)}` };
  } finally {
    await database.drop().catch((error: unknown) => log(`could not drop a bench database: ${describe(error)}`));
  }
}

async function latency(log: Log): Promise<Cell<TimerLatency>> {
  const started = performance.now();
  log('timers latency …');
  const database = await createBenchDatabase(POSTGRES_ADMIN_URL, 'timers_latency');
  try {
    const { result } = await runJob<TimerLatency>({ kind: 'timers-latency', databaseUrl: database.url, ...TIMERS.latency });
    log(`timers latency done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return { ok: result };
  } catch (error) {
    log(`timers latency FAILED: ${describe(error)}`);
    return { missing: `failed: ${describe(error)}` };
  } finally {
    await database.drop().catch((error: unknown) => log(`could not drop a bench database: ${describe(error)}`));
  }
}

export async function benchTimers(log: Log): Promise<TimersResults> {
  const measured = new Map<number, Cell<TimersThroughput>>();
  for (const nodes of [1, 3]) measured.set(nodes, await throughput(nodes, log));
  return { throughput: measured, latency: await latency(log) };
}
