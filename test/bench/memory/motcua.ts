/**
 * Principle 4, "waiting instances cost no memory": motcua's heap with `small` instances waiting at
 * their first user task, then with `large` waiting, on a SQLite file. Instances are started with
 * startProcess (16 in flight) and left waiting; the engine stays open between the two readings.
 * First `warmup` instances are started and terminated (nothing left waiting), so one-off growth
 * (compiled code, caches filling up) is not counted as growth per waiting instance.
 */
import { createEngine } from '../../../engine/index.js';
import { drive } from '../drive.js';
import type { BenchModel } from '../models.js';
import { settledHeap } from './heap.js';

export interface MotcuaHeap {
  readonly warmup: number;
  readonly small: number;
  readonly large: number;
  readonly heapSmall: number;
  readonly heapLarge: number;
  readonly rssSmall: number;
  readonly rssLarge: number;
  /** (heapLarge − heapSmall) / (large − small), in bytes. */
  readonly bytesPerInstance: number;
  readonly failed: number;
  readonly errors: readonly string[];
}

export async function motcuaHeap(databaseUrl: string, model: BenchModel, warmup: number, small: number, large: number): Promise<MotcuaHeap> {
  const engine = await createEngine({ databaseUrl });
  try {
    await engine.deploy(model.xml);
    const start = (offset: number) => async (index: number) => {
      await engine.startProcess(model.key, { businessKey: `waiting-${offset + index}` });
      return 0;
    };
    const warm = await drive(warmup, async (index) => {
      const { id } = await engine.startProcess(model.key, { businessKey: `warm-up-${index}` });
      await engine.terminateProcessInstance(id);
      return 0;
    });
    const first = await drive(small, start(0));
    const atSmall = await settledHeap();
    const rest = await drive(large - small, start(small));
    const atLarge = await settledHeap();
    const waiting = (await engine.queryTasks({ elementId: 'task1', limit: large + 1 })).length;
    const errors = [...warm.errors.map((error) => `warm-up: ${error}`), ...first.errors, ...rest.errors];
    if (waiting !== large) errors.push(`expected ${large} tasks waiting at task1, found ${waiting}`);
    return {
      warmup,
      small,
      large,
      heapSmall: atSmall.heapUsed,
      heapLarge: atLarge.heapUsed,
      rssSmall: atSmall.rss,
      rssLarge: atLarge.rss,
      bytesPerInstance: (atLarge.heapUsed - atSmall.heapUsed) / (large - small),
      failed: warm.failed + first.failed + rest.failed,
      errors,
    };
  } finally {
    await engine.close();
  }
}
