/**
 * The body of every command that moves tokens: a unit of work and a token runner on the command's
 * session, the caller's step, the tokens run until they all wait (signals thrown on the way
 * delivered), and every change written in one batch (with `more`, writes of the caller's own).
 */
import type { SqlSession } from '../store/sql-session.js';
import type { WriteBatch } from '../store/write-batch.js';
import { runToRest } from '../messages/events.js';
import { TokenRunner } from './token-runner.js';
import { UnitOfWork, type RuntimeServices } from './unit-of-work.js';

export async function runCommand<T>(
  session: SqlSession,
  services: RuntimeServices,
  userId: string | null,
  step: (work: UnitOfWork, runner: TokenRunner) => Promise<T>,
  more?: (batch: WriteBatch) => void,
): Promise<T> {
  const work = new UnitOfWork(session, services);
  const runner = new TokenRunner(work, userId);
  const result = await step(work, runner);
  await runToRest(work, runner);
  await work.flush(more);
  return result;
}
