/**
 * The load shape every throughput subject shares: CONCURRENCY async workers, each driving one
 * instance at a time from start to end, until `instances` instances have finished. Failed
 * instances are counted and their first errors kept, so the report can show engine problems.
 */
import { CONCURRENCY } from './config.js';

/** Drives one instance from start to end; returns the number of user tasks it completed. */
export type InstanceDriver = (index: number) => Promise<number>;

export interface Throughput {
  readonly instances: number;
  readonly tasks: number;
  readonly failed: number;
  readonly seconds: number;
  readonly instancesPerSecond: number;
  readonly tasksPerSecond: number;
  /** The first few distinct error messages. */
  readonly errors: readonly string[];
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return `${error.name}${typeof code === 'string' ? ` [${code}]` : ''}: ${error.message}`.slice(0, 300);
  }
  return String(error);
}

export async function drive(instances: number, driveInstance: InstanceDriver, concurrency = CONCURRENCY): Promise<Throughput> {
  let next = 0;
  let finished = 0;
  let tasks = 0;
  let failed = 0;
  const errors = new Set<string>();
  const worker = async () => {
    while (next < instances) {
      const index = next++;
      try {
        const completed = await driveInstance(index);
        tasks += completed; // not `tasks += await …`: that would read `tasks` before the await and lose updates
        finished++;
      } catch (error) {
        failed++;
        if (errors.size < 5) errors.add(describeError(error));
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  return {
    instances: finished,
    tasks,
    failed,
    seconds,
    instancesPerSecond: finished / seconds,
    tasksPerSecond: tasks / seconds,
    errors: [...errors],
  };
}

/** A short untimed warm-up (JIT, connection pools, caches), then the timed run; warm-up failures are reported too. */
export async function warmThenMeasure(warmup: number, instances: number, driveInstance: InstanceDriver): Promise<Throughput> {
  const warm = warmup > 0 ? await drive(warmup, (index) => driveInstance(-1 - index)) : undefined;
  const measured = await drive(instances, driveInstance);
  if (!warm || warm.failed === 0) return measured;
  return {
    ...measured,
    failed: measured.failed + warm.failed,
    errors: [...warm.errors.map((message) => `warm-up: ${message}`), ...measured.errors].slice(0, 5),
  };
}
