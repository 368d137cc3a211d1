/**
 * The HTTP bench's load shape: `officers` workers, each doing the work for the next task id until
 * none is left. A round gives its latencies and duration; the figures of a path are those of its
 * rounds together (all tasks over all their time, percentiles over all latencies).
 */
export interface WorkRound {
  /** claim + complete, per task, in ms. */
  readonly latencies: readonly number[];
  readonly seconds: number;
}

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

export const tasksPerSecondOf = (round: WorkRound): number => (round.seconds > 0 ? round.latencies.length / round.seconds : 0);

export function figuresOf(rounds: readonly WorkRound[]): WorkFigures {
  const latencies = rounds.flatMap((round) => round.latencies).sort((a, b) => a - b);
  const seconds = rounds.reduce((sum, round) => sum + round.seconds, 0);
  return {
    tasks: latencies.length,
    seconds,
    tasksPerSecond: seconds > 0 ? latencies.length / seconds : 0,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

export async function drive(
  taskIds: readonly string[],
  officers: number,
  work: (officer: number, taskId: string) => Promise<void>,
  failures: string[],
): Promise<WorkRound> {
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
  return { latencies, seconds: (performance.now() - started) / 1000 };
}
