/**
 * The job executor: leases due jobs (a lock owner and an expiry; on PostgreSQL FOR UPDATE SKIP
 * LOCKED, so nodes never wait for each other), fires each in a command of its own, and on failure
 * counts the job's retries down with a growing delay until it becomes an incident. A node that dies
 * holding leases loses them when they expire; another node then takes the jobs over.
 * runDueJobs() works through everything due now (tests move the engine's clock and call it);
 * start() polls in the background.
 */
import type { CommandExecutor } from '../runtime/command-executor.js';
import type { RuntimeServices } from '../runtime/unit-of-work.js';
import * as jobs from '../store/job-repository.js';
import { fireJob } from './fire-job.js';

export interface JobExecutorOptions {
  /** How long a lease lasts before another node may take the job over (default 60 s). */
  readonly lockMs?: number;
  /** Jobs leased at a time (default 50). */
  readonly batchSize?: number;
  /** Jobs fired at once by this node (default 4). */
  readonly concurrency?: number;
  /** First retry delay after a failure; it doubles with each failure (default 10 s). */
  readonly retryDelayMs?: number;
  /** Told when a polling round fails as a whole (the database is unreachable…); default: console.error. */
  readonly onError?: (error: unknown) => void;
}

export class JobExecutor {
  private timer: NodeJS.Timeout | undefined;
  private round: Promise<number> | undefined;
  private running = false;

  constructor(
    private readonly executor: CommandExecutor,
    private readonly services: RuntimeServices,
    /** This node's name in the lock_owner column. */
    readonly owner: string,
    private readonly options: JobExecutorOptions = {},
  ) {}

  /** Fires every job due by the engine's clock, including those that fall due meanwhile; returns how many fired. */
  async runDueJobs(): Promise<number> {
    let fired = 0;
    const batchSize = this.options.batchSize ?? 50;
    for (;;) {
      const now = this.services.clock.now();
      const leased = await this.executor.atomic((session) =>
        jobs.acquireDueJobs(session, this.owner, now, new Date(now.getTime() + (this.options.lockMs ?? 60_000)), batchSize),
      );
      if (leased.length === 0) return fired;
      fired += await this.fireAll(leased);
      if (leased.length < batchSize) return fired;
    }
  }

  /** Polls for due jobs every `pollMs` (default 1 s) until stop(). */
  start(pollMs = 1000): void {
    if (this.running) return;
    this.running = true;
    const poll = async () => {
      this.round = this.runDueJobs().catch((error: unknown) => {
        (this.options.onError ?? ((e: unknown) => console.error('motcua job executor: polling failed', e)))(error);
        return 0;
      });
      await this.round;
      if (this.running) this.timer = setTimeout(() => void poll(), pollMs);
    };
    void poll();
  }

  /** Stops polling and waits for the round under way. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    await this.round;
  }

  private async fireAll(leased: readonly jobs.JobRow[]): Promise<number> {
    let fired = 0;
    let next = 0;
    const worker = async () => {
      while (next < leased.length) {
        const job = leased[next++]!;
        if (await this.fireOne(job)) fired++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.options.concurrency ?? 4, leased.length) }, worker));
    return fired;
  }

  private async fireOne(job: jobs.JobRow): Promise<boolean> {
    try {
      return await this.executor.execute((session) => fireJob(session, this.services, job.id, this.owner));
    } catch (error) {
      const failures = this.services.jobRetries - job.retries + 1;
      const retryAt = new Date(this.services.clock.now().getTime() + (this.options.retryDelayMs ?? 10_000) * 2 ** (failures - 1));
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      await this.executor.atomic((session) => jobs.failJob(session, job.id, this.owner, message.slice(0, 4000), retryAt));
      return false;
    }
  }
}
