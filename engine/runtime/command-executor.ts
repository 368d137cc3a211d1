/**
 * Runs each engine call as one command in one database transaction (Camunda 7's command
 * context): the command loads what it needs, runs, and writes its changes before the commit.
 * A commit that loses an optimistic-lock check or a PostgreSQL deadlock/serialization race is
 * retried with a fresh transaction; business conflicts (a task claimed by someone else) are not.
 * On SQLite one writer at a time is the database's own rule, so commands queue in-process.
 */
import { Transaction } from 'sequelize';
import type { Database } from '../store/database.js';
import { sessionFor, type SqlSession } from '../store/sql-session.js';
import { OptimisticLockError } from '../errors.js';

export type Command<T> = (session: SqlSession, transaction: Transaction) => Promise<T>;

const RETRYABLE_POSTGRES_CODES = new Set(['40001', '40P01']);

function isRetryable(error: unknown): boolean {
  if (error instanceof OptimisticLockError) return true;
  const code = (error as { parent?: { code?: string }; code?: string } | null)?.parent?.code ??
    (error as { code?: string } | null)?.code;
  return typeof code === 'string' && RETRYABLE_POSTGRES_CODES.has(code);
}

/** A FIFO mutex: SQLite commands run one after another. */
class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work, work);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

export class CommandExecutor {
  private readonly queue = new SerialQueue();

  constructor(
    private readonly database: Database,
    private readonly maxAttempts = 5,
  ) {}

  execute<T>(command: Command<T>): Promise<T> {
    if (this.database.dialect === 'sqlite') return this.queue.run(() => this.withRetries(command));
    return this.withRetries(command);
  }

  private async withRetries<T>(command: Command<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.once(command);
      } catch (error) {
        if (attempt >= this.maxAttempts || !isRetryable(error)) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
      }
    }
  }

  private once<T>(command: Command<T>): Promise<T> {
    const { sequelize, dialect } = this.database;
    const options = dialect === 'sqlite' ? { type: Transaction.TYPES.IMMEDIATE } : {};
    return sequelize.transaction(options, (transaction) => command(sessionFor(dialect, transaction), transaction));
  }
}
