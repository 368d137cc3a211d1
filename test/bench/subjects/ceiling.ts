/**
 * The ceiling: the bench's work as bare SQL through node-postgres (a Pool of 8, prepared
 * statements), with no engine, in the same transactions per step as motcua:
 *   start    = insert instance + first task + one history row;
 *   claim    = one versioned UPDATE of the task row, in its own transaction;
 *   complete = versioned UPDATE of the task, two history rows, the next task row(s), and a
 *              versioned UPDATE of the instance row (state 'completed' when nothing is left).
 * The driver knows the model, so it never queries for the next task (motcua's driver must).
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { BenchModel, ModelName } from '../models.js';
import { warmThenMeasure, type Throughput } from '../drive.js';
import { CEILING_SCHEMA, SQL, type NamedQuery } from './ceiling-sql.js';

/** Which user tasks completing `completed` creates, given the tasks still open in the instance. */
interface Plan {
  readonly first: string;
  next(completed: string, stillOpen: readonly string[]): string[];
}

const PLANS: Record<ModelName, Plan> = {
  'sequential-10': {
    first: 'task1',
    next: (completed) => {
      const step = Number(completed.slice('task'.length));
      return step < 10 ? [`task${step + 1}`] : [];
    },
  },
  'parallel-3': {
    first: 'receive',
    next: (completed, stillOpen) => {
      if (completed === 'receive') return ['branchA', 'branchB', 'branchC'];
      if (completed.startsWith('branch')) return stillOpen.some((id) => id.startsWith('branch')) ? [] : ['decide'];
      return [];
    },
  },
};

interface OpenTask {
  readonly id: string;
  readonly elementId: string;
  version: number;
}

async function transaction(pool: pg.Pool, work: (run: (query: NamedQuery, values: unknown[]) => Promise<number>) => Promise<void>) {
  const client = await pool.connect();
  const run = async (query: NamedQuery, values: unknown[]) => (await client.query({ ...query, values })).rowCount ?? 0;
  try {
    await client.query('BEGIN');
    await work(run);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

function expectOne(changed: number, what: string): void {
  if (changed !== 1) throw new Error(`version check failed: ${what}`);
}

async function driveOne(pool: pg.Pool, model: BenchModel, plan: Plan, index: number): Promise<number> {
  const userId = `officer-${index % 16}`;
  const instanceId = randomUUID();
  let instanceVersion = 1;
  const open: OpenTask[] = [{ id: randomUUID(), elementId: plan.first, version: 1 }];
  await transaction(pool, async (run) => {
    const now = new Date();
    await run(SQL.insertInstance, [instanceId, model.key, `bench-${index}`, now]);
    await run(SQL.insertTask, [open[0]!.id, instanceId, plan.first, now]);
    await run(SQL.insertHistory, [instanceId, 'start', 'started', null, now]);
  });
  let completed = 0;
  for (let task = open.shift(); task; task = open.shift()) {
    const claimed = task;
    await transaction(pool, async (run) => expectOne(await run(SQL.claimTask, [claimed.id, userId, claimed.version]), `claim ${claimed.id}`));
    claimed.version++;
    const created = plan.next(claimed.elementId, open.map((other) => other.elementId)).map((elementId) => ({ id: randomUUID(), elementId, version: 1 }));
    const ends = open.length === 0 && created.length === 0;
    await transaction(pool, async (run) => {
      const now = new Date();
      expectOne(await run(SQL.completeTask, [claimed.id, claimed.version, now, userId]), `complete ${claimed.id}`);
      await run(SQL.insertTwoHistory, [instanceId, claimed.elementId, 'completed', userId, now, created[0]?.elementId ?? 'end', ends ? 'ended' : 'activated']);
      for (const next of created) await run(SQL.insertTask, [next.id, instanceId, next.elementId, now]);
      expectOne(await run(SQL.bumpInstance, [instanceId, instanceVersion, ends ? 'completed' : 'active', ends ? now : null]), `instance ${instanceId}`);
    });
    instanceVersion++;
    claimed.version++;
    open.push(...created);
    completed++;
  }
  return completed;
}

/** Runs the ceiling on `databaseUrl`, a fresh empty database; creates its tables first. */
export async function benchCeiling(databaseUrl: string, model: BenchModel, instances: number, warmup: number): Promise<Throughput> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 8 });
  try {
    await pool.query(CEILING_SCHEMA);
    const plan = PLANS[model.name];
    return await warmThenMeasure(warmup, instances, (index) => driveOne(pool, model, plan, index));
  } finally {
    await pool.end();
  }
}
