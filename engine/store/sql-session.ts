/**
 * The engine's hot path talks SQL through this thin session: prepared statements on the very
 * connection of the current Sequelize transaction (node-postgres named statements, or sqlite3),
 * which costs a fraction of Sequelize's model API per statement.
 * Statements are written once with PostgreSQL placeholders ($1…); the SQLite text is derived.
 */
import type { Transaction } from 'sequelize';
import type { Dialect } from './database.js';

export interface Statement {
  readonly name: string;
  readonly postgres: string;
  readonly sqlite: string;
}

/** Defines a statement; `FOR UPDATE` is dropped on SQLite, where the writer holds the file lock. */
export function sql(name: string, text: string, sqliteText?: string): Statement {
  const sqlite = sqliteText ?? text.replace(/\s+FOR UPDATE\b/g, '').replace(/\$(\d+)/g, '?$1');
  return { name, postgres: text, sqlite };
}

export interface SqlSession {
  readonly dialect: Dialect;
  all<T>(statement: Statement, params?: readonly unknown[]): Promise<T[]>;
  /** Runs a write; returns the number of rows it changed. */
  run(statement: Statement, params?: readonly unknown[]): Promise<number>;
  /** Runs SQL built at run time (multi-row inserts); not prepared. */
  allDynamic<T>(text: string, params?: readonly unknown[]): Promise<T[]>;
  runDynamic(text: string, params?: readonly unknown[]): Promise<number>;
}

interface PgClient {
  query(config: { name?: string; text: string; values?: unknown[] }): Promise<{ rows: unknown[]; rowCount: number | null }>;
}

interface SqliteDatabase {
  all(sql: string, params: unknown[], callback: (error: Error | null, rows: unknown[]) => void): void;
  run(sql: string, params: unknown[], callback: (this: { changes: number }, error: Error | null) => void): void;
}

function postgresSession(client: PgClient): SqlSession {
  return {
    dialect: 'postgres',
    async all<T>(statement: Statement, params: readonly unknown[] = []) {
      const result = await client.query({ name: statement.name, text: statement.postgres, values: [...params] });
      return result.rows as T[];
    },
    async run(statement: Statement, params: readonly unknown[] = []) {
      const result = await client.query({ name: statement.name, text: statement.postgres, values: [...params] });
      return result.rowCount ?? 0;
    },
    async allDynamic<T>(text: string, params: readonly unknown[] = []) {
      return (await client.query({ text, values: [...params] })).rows as T[];
    },
    async runDynamic(text: string, params: readonly unknown[] = []) {
      return (await client.query({ text, values: [...params] })).rowCount ?? 0;
    },
  };
}

function sqliteAll<T>(db: SqliteDatabase, text: string, params: readonly unknown[]): Promise<T[]> {
  return new Promise((resolve, reject) =>
    db.all(text, [...params], (error, rows) => (error ? reject(error) : resolve(rows as T[]))),
  );
}

function sqliteRun(db: SqliteDatabase, text: string, params: readonly unknown[]): Promise<number> {
  return new Promise((resolve, reject) =>
    db.run(text, [...params], function (error) {
      if (error) reject(error);
      else resolve(this.changes);
    }),
  );
}

const toSqlitePlaceholders = (text: string) => text.replace(/\$(\d+)/g, '?$1');

function sqliteSession(db: SqliteDatabase): SqlSession {
  return {
    dialect: 'sqlite',
    all: <T>(statement: Statement, params: readonly unknown[] = []) => sqliteAll<T>(db, statement.sqlite, params),
    run: (statement: Statement, params: readonly unknown[] = []) => sqliteRun(db, statement.sqlite, params),
    allDynamic: <T>(text: string, params: readonly unknown[] = []) => sqliteAll<T>(db, toSqlitePlaceholders(text), params),
    runDynamic: (text: string, params: readonly unknown[] = []) => sqliteRun(db, toSqlitePlaceholders(text), params),
  };
}

/** The session over the connection that `transaction` holds. */
export function sessionFor(dialect: Dialect, transaction: Transaction): SqlSession {
  const connection = (transaction as unknown as { connection: unknown }).connection;
  if (!connection) throw new Error('The transaction holds no connection');
  if (dialect === 'postgres') return postgresSession(connection as PgClient);
  return sqliteSession(connection as SqliteDatabase);
}
