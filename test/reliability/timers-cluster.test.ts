/**
 * Three engines (as three servers would) on one database share the timers (principle 5): on
 * PostgreSQL a fresh database, on SQLite one file. However the nodes race for due jobs, each timer
 * fires exactly once: its instance moves on once, no job is left and none became an incident.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createEngine, type Engine, type EngineOptions } from '../../engine/index.js';
import { TestClock, onPostgres, type TestDatabase } from '../support/test-engine.js';
import {
  RunningClock,
  TIMER_XML,
  allFiredOnce,
  jobsLeasedAgain,
  sharedDatabase,
  startTimerInstances,
  timerOutcome,
  waitFor,
} from './timer-support.js';

const MINUTE = 60_000;

/** `total` split over the nodes: 667 + 667 + 666 for 2,000. */
const share = (total: number, node: number, nodes: number) => Math.floor(total / nodes) + (node < total % nodes ? 1 : 0);

/** Three engines on a database of their own, created one after another (each runs the migrations). */
async function cluster(label: string, options: EngineOptions): Promise<{ database: TestDatabase; engines: Engine[]; close(): Promise<void> }> {
  const database = await sharedDatabase(label);
  const engines: Engine[] = [];
  for (let node = 0; node < 3; node++) engines.push(await createEngine({ ...options, databaseUrl: database.url }));
  await engines[0]!.deploy(TIMER_XML);
  return {
    database,
    engines,
    async close() {
      await Promise.all(engines.map((engine) => engine.close()));
      await database.drop();
    },
  };
}

describe('Feature: three nodes share the timers of one database', () => {
  describe('Scenario: 2,000 timers fall due at the same moment while three job executors poll', () => {
    const TIMERS = 2_000;
    const clock = new TestClock();
    let nodes: Awaited<ReturnType<typeof cluster>>;
    let ids: string[] = [];

    beforeAll(async () => {
      nodes = await cluster('timers-cluster', { clock });
    });
    afterAll(() => nodes?.close());

    it('Given 2,000 instances wait for a timer due in one minute and three executors poll, Then nothing fires before it is due', async () => {
      const { engines } = nodes;
      engines.forEach((engine, node) => engine.startJobExecutor({ pollMs: [10, 25, 50][node]! }));
      const dueAt = new Date(clock.now().getTime() + MINUTE);
      const started = await Promise.all(engines.map((engine, node) => startTimerInstances(engine, share(TIMERS, node, 3), dueAt)));
      ids = started.flat();
      expect(new Set(ids).size).toBe(TIMERS);
      await new Promise((resolve) => setTimeout(resolve, 100)); // a few polls of every node
      const jobs = await engines[1]!.queryJobs();
      expect(jobs).toHaveLength(TIMERS);
      expect(new Set(jobs.map((job) => job.dueAt.getTime()))).toEqual(new Set([dueAt.getTime()]));
    });

    it('When the clock reaches the due time, Then every timer fires exactly once and every instance completes', async () => {
      const { engines } = nodes;
      clock.advance(MINUTE);
      await waitFor(async () => (await engines[2]!.queryJobs()).length === 0, 45_000, 50);
      await Promise.all(engines.map((engine) => engine.stopJobExecutor()));
      expect(await timerOutcome(engines[0]!)).toEqual(allFiredOnce(TIMERS));
      // Through the public API too, for a sample: the timer completed once, in its place.
      for (const id of [ids[0]!, ids[TIMERS / 2]!, ids[TIMERS - 1]!]) {
        expect((await engines[1]!.getHistory(id)).map((h) => `${h.elementId}:${h.event}`)).toEqual([
          'reliability_timer:started',
          'start:started',
          'start:completed',
          'wait:started',
          'wait:completed',
          'end:started',
          'end:completed',
          'reliability_timer:completed',
        ]);
      }
    }, 50_000);
  });

  describe('Scenario: leases far shorter than a batch takes, so nodes take over jobs another node is firing', () => {
    const TIMERS = 600;
    const clock = new RunningClock();
    let nodes: Awaited<ReturnType<typeof cluster>>;

    beforeAll(async () => {
      // A 1 ms lease expires long before a batch of 50 is fired: the other nodes lease those jobs again.
      nodes = await cluster('timers-takeover', { clock, jobs: { lockMs: 1, batchSize: 50, concurrency: 4 } });
    });
    afterAll(() => nodes?.close());

    it('Given 600 timers due at once and three nodes firing, Then the firings the nodes report add up to 600, each exactly once', async () => {
      const { engines } = nodes;
      const dueAt = new Date(clock.now().getTime() + MINUTE);
      await Promise.all(engines.map((engine, node) => startTimerInstances(engine, share(TIMERS, node, 3), dueAt)));
      clock.advance(MINUTE);
      let leasedAgain = 0;
      let running = true;
      const watch = (async () => {
        while (running) {
          leasedAgain = Math.max(leasedAgain, await jobsLeasedAgain(engines[0]!));
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      })();
      const fired = await Promise.all(
        engines.map(async (engine) => {
          let total = 0;
          while ((await engine.queryJobs()).length > 0) total += await engine.runDueJobs();
          return total;
        }),
      );
      running = false;
      await watch;
      // Takeovers did happen. (On SQLite the commands of one process run back to back without giving
      // the event loop a turn, so the watcher cannot look in between; there one node does it all anyway.)
      if (onPostgres()) expect(leasedAgain).toBeGreaterThan(0);
      expect(fired.reduce((a, b) => a + b, 0)).toBe(TIMERS);
      expect(await timerOutcome(engines[1]!)).toEqual(allFiredOnce(TIMERS));
    }, 40_000);
  });
});
