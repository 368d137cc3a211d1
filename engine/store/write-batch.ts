/**
 * The writes of one command, collected while it runs and sent together before the commit
 * (SqlSession.runBatch: one round trip on PostgreSQL). A versioned write must change exactly one
 * row, or another command changed that row first: OptimisticLockError, and the command is retried.
 * After the batch, each versioned row holds its new version.
 */
import { OptimisticLockError } from '../errors.js';
import type { SqlSession, Statement, Write } from './sql-session.js';

interface VersionCheck {
  readonly index: number;
  readonly table: string;
  readonly id: string;
  /** A versioned row, whose version goes up once the batch is written. */
  readonly row?: { id: string; version: number };
}

export class WriteBatch {
  private readonly writes: Write[] = [];
  private readonly checks: VersionCheck[] = [];

  add(statement: Statement | string, params: readonly unknown[]): void {
    this.writes.push({ statement, params });
  }

  addVersioned(statement: Statement, params: readonly unknown[], table: string, row: { id: string; version: number }): void {
    this.checks.push({ index: this.writes.length, table, id: row.id, row });
    this.add(statement, params);
  }

  /** A write that must change exactly one row (a delete of a row another command may delete first). */
  addExpectOne(statement: Statement, params: readonly unknown[], table: string, id: string): void {
    this.checks.push({ index: this.writes.length, table, id });
    this.add(statement, params);
  }

  get size(): number {
    return this.writes.length;
  }

  async execute(session: SqlSession): Promise<void> {
    const changes = await session.runBatch(this.writes);
    for (const check of this.checks) {
      if (changes[check.index] !== 1) throw new OptimisticLockError(check.table, check.id);
    }
    for (const check of this.checks) if (check.row) check.row.version += 1;
  }
}
