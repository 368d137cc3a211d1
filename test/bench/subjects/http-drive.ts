/** The HTTP bench's load shape: `officers` workers, each doing the work for the next task id until none is left. */
export interface WorkFigures {
  readonly tasks: number;
  readonly seconds: number;
  readonly tasksPerSecond: number;
  /** claim + complete, per task, in ms. */
  readonly p50: number;
  readonly p99: number;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export async function drive(
  taskIds: readonly string[],
  officers: number,
  work: (officer: number, taskId: string) => Promise<void>,
  failures: string[],
): Promise<WorkFigures> {
  let next = 0;
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: officers }, async (_unused, officer) => {
      for (let index = next++; index < taskIds.length; index = next++) {
        const begin = performance.now();
        try {
          await work(officer, taskIds[index]!);
          latencies.push(performance.now() - begin);
        } catch (error) {
          if (failures.length < 5) failures.push(error instanceof Error ? error.message : String(error));
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { tasks: latencies.length, seconds, tasksPerSecond: latencies.length / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}
