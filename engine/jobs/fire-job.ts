/**
 * Fires one leased job in one command: the timer's event happens and the job row is deleted in the
 * same transaction, with a version check, so a job fires exactly once even when two nodes raced for
 * it (the loser's delete finds nothing, its transaction rolls back, and its retry sees the job gone).
 * A timer start event starts an instance of its definition version; a cycle arms its next firing.
 */
import type { SqlSession } from '../store/sql-session.js';
import * as jobs from '../store/job-repository.js';
import type { JobRow } from '../store/job-repository.js';
import { definitionById } from '../store/definition-repository.js';
import type { RuntimeServices } from '../runtime/unit-of-work.js';
import type { TokenRunner } from '../runtime/token-runner.js';
import { nextFiring } from '../runtime/timer-schedule.js';
import { runCommand } from '../runtime/run-command.js';

/** Returns false when the job is no longer this node's (disarmed, or its lease taken over). */
export async function fireJob(session: SqlSession, services: RuntimeServices, jobId: string, owner: string): Promise<boolean> {
  const job = await jobs.readLockedJob(session, jobId, owner);
  if (!job) return false;
  let next: JobRow | undefined;
  await runCommand(
    session,
    services,
    null,
    async (work, runner) => {
      if (job.instanceId) await runner.fireTimer(await work.load(job.instanceId), job);
      else next = await startByTimer(session, services, runner, job);
    },
    (batch) => {
      jobs.deleteFiredJob(batch, job, owner);
      if (next) jobs.insertJob(batch, next);
    },
  );
  return true;
}

/** A timer start event: a new instance of the job's definition version, and the cycle's next job. */
async function startByTimer(session: SqlSession, services: RuntimeServices, runner: TokenRunner, job: JobRow): Promise<JobRow | undefined> {
  const definition = job.definitionId ? await definitionById(session, job.definitionId) : undefined;
  if (!definition) return undefined;
  await runner.startInstance({ definition, businessKey: null, variables: new Map() }, job.elementId);
  if (!job.repeat) return undefined;
  const graph = await services.definitions.graphOf(session, definition.id, definition.key);
  const workingTime = graph.nodes.get(job.elementId)?.timer?.workingTime ?? false;
  const schedule = nextFiring(job.repeat, job.dueAt, workingTime, services.calendar, services.workingDayHours);
  return { ...job, id: services.newId(), dueAt: schedule.dueAt, repeat: schedule.repeat, lockOwner: null, lockExpiresAt: null, version: 0 };
}
