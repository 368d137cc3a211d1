/**
 * Timers survive the death of the server firing them (principle 5): a node killed with SIGKILL in
 * the middle of a batch loses its leases when they expire, another node then fires what it held,
 * and no timer fires twice or never. A server that is down while timers fall due fires them when it
 * comes back. On PostgreSQL a fresh database; on SQLite one file shared by the processes.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { QueryTypes } from 'sequelize';
import { createEngine, type Engine } from '../../engine/index.js';
import { TestClock, type TestDatabase } from '../support/test-engine.js';
import { repoRoot } from '../support/fixtures.js';
import { PausableClock, TIMER_XML, allFiredOnce, sharedDatabase, startTimerInstances, timerFirings, timerOutcome, waitFor } from './timer-support.js';

const NODE_SCRIPT = fileURLToPath(new URL('./timer-node.ts', import.meta.url));
const LEASE_MS = 3000;
const BATCH = 500;

/** Starts timer-node.ts on the database; resolves once its executor polls. */
function startNode(databaseUrl: string): Promise<{ child: ChildProcess; startMs: number; stderr: () => string }> {
  const started = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', NODE_SCRIPT, databaseUrl, String(LEASE_MS), String(BATCH), '20'], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timer-node did not start in 20 s: ${stderr}`)), 20_000);
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      if (!chunk.includes('ready')) return;
      clearTimeout(timer);
      resolve({ child, startMs: Date.now() - started, stderr: () => stderr });
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`timer-node exited (${code ?? signal}) before it was ready: ${stderr}`));
    });
  });
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

interface Held {
  readonly count: number;
  readonly owners: number;
  readonly until: Date | null;
}

/** The first firing after `after`, and how many there were. */
async function firingsAfter(engine: Engine, after: Date): Promise<{ count: number; first: Date | null }> {
  const [row] = await engine.sequelize.query<{ n: number | string; first: string | Date | null }>(
    `SELECT COUNT(*) AS n, MIN(at) AS first FROM history WHERE element_id = 'wait' AND event = 'completed' AND at > :after`,
    { type: QueryTypes.SELECT, replacements: { after: after.toISOString() } },
  );
  return { count: Number(row!.n), first: row!.first === null ? null : new Date(row!.first) };
}

/** Jobs whose lease is still valid at `at`: the ones a dead node took with it. */
async function heldAt(engine: Engine, at: Date): Promise<Held> {
  const [row] = await engine.sequelize.query<{ n: number | string; owners: number | string; until: string | Date | null }>(
    'SELECT COUNT(*) AS n, COUNT(DISTINCT lock_owner) AS owners, MAX(lock_expires_at) AS until FROM jobs WHERE lock_expires_at > :at',
    { type: QueryTypes.SELECT, replacements: { at: at.toISOString() } },
  );
  return { count: Number(row!.n), owners: Number(row!.owners), until: row!.until === null ? null : new Date(row!.until) };
}

describe('Feature: timers survive a server that dies or stops', () => {
  describe('Scenario: a node is killed with SIGKILL in the middle of a batch', () => {
    const TIMERS = 2_000;
    let database: TestDatabase;
    let engine: Engine; // this process's node, which takes over
    const clock = new PausableClock();
    let node: ChildProcess | undefined;

    beforeAll(async () => {
      database = await sharedDatabase('timers-crash');
      // This process runs the migrations before the child opens the database.
      engine = await createEngine({ databaseUrl: database.url, clock });
      await engine.deploy(TIMER_XML);
    });
    afterAll(async () => {
      if (node) await killed(node);
      await engine.close();
      await database.drop();
    });

    it('Given 2,000 due timers and a node firing them in batches of 500 with a 3 s lease, When it is killed after 100 firings, Then another node fires what it held once the lease expires, each timer once', async () => {
      // Due one second ago by the system clock, which the node in the child process reads.
      await startTimerInstances(engine, TIMERS, new Date(Date.now() - 1000));
      expect(await timerFirings(engine)).toBe(0);
      const started = await startNode(database.url);
      node = started.child;
      expect(started.startMs).toBeLessThan(10_000); // tsx start-up, about 2 s here
      await waitFor(async () => (await timerFirings(engine)) >= 100, 20_000, 10);
      await killed(node);
      const killedAt = new Date();
      // A COMMIT the node sent just before it died may still be on its way to PostgreSQL.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const firedByNode = await timerFirings(engine);
      const held = await heldAt(engine, killedAt);
      expect(firedByNode).toBeGreaterThanOrEqual(100);
      expect(firedByNode).toBeLessThan(TIMERS);
      expect(held.count).toBeGreaterThan(0); // the node died holding the rest of its batch
      expect(held.count).toBeLessThanOrEqual(BATCH);
      expect(held.owners).toBe(1);
      expect((await engine.queryJobs()).length).toBe(TIMERS - firedByNode);

      // This process's node, its clock stopped at the moment of the kill: it fires everything but the dead node's leases.
      clock.freeze(killedAt);
      let fired = 0;
      await waitFor(async () => {
        fired += await engine.runDueJobs(); // on PostgreSQL the dead connection's locks go a moment later
        return (await engine.queryJobs()).length === held.count;
      }, 10_000, 20);
      expect(fired).toBe(TIMERS - firedByNode - held.count);
      expect(await heldAt(engine, killedAt)).toEqual(held);

      // Its clock runs again and its executor polls: it takes the jobs over once their leases expire, each fires once.
      clock.resume();
      engine.startJobExecutor({ pollMs: 25 });
      await waitFor(async () => (await engine.queryJobs()).length === 0, 15_000, 50);
      await engine.stopJobExecutor();
      const takenOver = await firingsAfter(engine, killedAt);
      expect(takenOver.count).toBe(held.count);
      expect(takenOver.first!.getTime()).toBeGreaterThan(held.until!.getTime());
      expect(await timerOutcome(engine)).toEqual(allFiredOnce(TIMERS));
      expect(started.stderr()).toBe('');
    }, 50_000);
  });

  describe('Scenario: a server restart loses no timer', () => {
    it('Given 300 timers and the server stopped, When they fall due while it is down and it starts again, Then each fires once', async () => {
      const TIMERS = 300;
      const database = await sharedDatabase('timers-restart');
      const clock = new TestClock();
      let engine = await createEngine({ databaseUrl: database.url, clock });
      try {
        await engine.deploy(TIMER_XML);
        const dueAt = new Date(clock.now().getTime() + 10 * 60_000);
        await startTimerInstances(engine, TIMERS, dueAt);
        engine.startJobExecutor({ pollMs: 10 });
        await engine.close(); // the server stops (its executor with it)
        clock.set(new Date(dueAt.getTime() + 60 * 60_000)); // an hour after they fell due
        engine = await createEngine({ databaseUrl: database.url, clock });
        expect(await engine.queryJobs()).toHaveLength(TIMERS);
        expect(await timerFirings(engine)).toBe(0);
        expect(await engine.runDueJobs()).toBe(TIMERS);
        expect(await timerOutcome(engine)).toEqual(allFiredOnce(TIMERS));
      } finally {
        await engine.close();
        await database.drop();
      }
    });
  });
});
