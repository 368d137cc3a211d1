/**
 * The engine's hot path talks SQL through this thin session: prepared statements on one database
 * connection (node-postgres named statements, or cached better-sqlite3 statements), which costs a fraction
 * of Sequelize's model API per statement. Statements are written once with PostgreSQL placeholders
 * ($1…); the SQLite text is derived. A command's writes go out as one batch: on PostgreSQL a single
 * statement of data-modifying CTEs (one round trip); on SQLite (better-sqlite3, synchronous) one
 * statement after another.
 */
import { createHash } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import type { Dialect } from './database.js';
import type { NativeSqlite } from './sqlite-driver.js';

export interface Statement {
  readonly name: string;
  readonly postgres: string;
  readonly sqlite: string;
}

/** Defines a statement; `FOR UPDATE` is dropped on SQLite, where the writer holds the file lock. */
export function sql(name: string, text: string, sqliteText?: string): Statement {
  return { name, postgres: text, sqlite: sqliteText ?? toSqlite(text) };
}

const toSqlite = (text: string) => text.replace(/\s+FOR UPDATE(\s+OF\s+\w+)?\b/g, '').replace(/\$(\d+)/g, '?$1');

/** One write of a batch: a prepared statement or SQL built at run time (multi-row inserts). */
export interface Write {
  readonly statement: Statement | string;
  readonly params: readonly unknown[];
}

export interface SqlSession {
  readonly dialect: Dialect;
  all<T>(statement: Statement, params?: readonly unknown[]): Promise<T[]>;
  /** Runs a write; returns the number of rows it changed. */
  run(statement: Statement, params?: readonly unknown[]): Promise<number>;
  /** Runs SQL built at run time (multi-row inserts, filters); not prepared. */
  allDynamic<T>(text: string, params?: readonly unknown[]): Promise<T[]>;
  runDynamic(text: string, params?: readonly unknown[]): Promise<number>;
  /** Runs the writes in order, atomically with the rest of the command; returns each one's changed rows. */
  runBatch(writes: readonly Write[]): Promise<number[]>;
}

// --- PostgreSQL ---------------------------------------------------------------------------------

export interface PgClient {
  query(config: { name?: string; text: string; values?: unknown[] }): Promise<{ rows: unknown[]; rowCount: number | null }>;
}

const textOf = (write: Write, dialect: Dialect) =>
  typeof write.statement === 'string' ? write.statement : dialect === 'postgres' ? write.statement.postgres : write.statement.sqlite;

/**
 * Writes as one statement: `WITH w0 AS (… RETURNING 1), w1 AS (…) SELECT count(*) of each`.
 * PostgreSQL runs every data-modifying CTE exactly once; each write touches different rows.
 */
function combinedWrites(writes: readonly Write[]): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const parts = writes.map((write, index) => {
    const offset = values.length;
    values.push(...write.params);
    const text = textOf(write, 'postgres').replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`);
    return `w${index} AS (${text} RETURNING 1)`;
  });
  const counts = writes.map((_, index) => `(SELECT count(*) FROM w${index}) AS c${index}`).join(', ');
  return { text: `WITH ${parts.join(', ')} SELECT ${counts}`, values };
}

/**
 * SQL built at run time still comes in few shapes (a batch of the same writes, a filter with the
 * same fields): named after its text, PostgreSQL parses and plans each shape once per connection.
 * The names are remembered, so the hot path does not hash the same text on every call.
 */
const dynamicNames = new Map<string, string>();
/** Few shapes exist; a bound keeps a stream of unexpected ones from growing the table without end. */
const DYNAMIC_NAMES_MAX = 2000;

function dynamicName(text: string): string {
  let name = dynamicNames.get(text);
  if (name === undefined) {
    name = `motcua_d_${createHash('sha1').update(text).digest('base64url')}`;
    if (dynamicNames.size >= DYNAMIC_NAMES_MAX) dynamicNames.clear();
    dynamicNames.set(text, name);
  }
  return name;
}

export function postgresSession(client: PgClient): SqlSession {
  const session: SqlSession = {
    dialect: 'postgres',
    async all<T>(statement: Statement, params: readonly unknown[] = []) {
      return (await client.query({ name: statement.name, text: statement.postgres, values: [...params] })).rows as T[];
    },
    async run(statement: Statement, params: readonly unknown[] = []) {
      return (await client.query({ name: statement.name, text: statement.postgres, values: [...params] })).rowCount ?? 0;
    },
    async allDynamic<T>(text: string, params: readonly unknown[] = []) {
      return (await client.query({ name: dynamicName(text), text, values: [...params] })).rows as T[];
    },
    async runDynamic(text: string, params: readonly unknown[] = []) {
      return (await client.query({ name: dynamicName(text), text, values: [...params] })).rowCount ?? 0;
    },
    async runBatch(writes: readonly Write[]) {
      if (writes.length === 0) return [];
      if (writes.length === 1) {
        const [write] = writes as [Write];
        return [typeof write.statement === 'string' ? await session.runDynamic(write.statement, write.params) : await session.run(write.statement, write.params)];
      }
      const { text, values } = combinedWrites(writes);
      const [row] = (await client.query({ name: dynamicName(text), text, values })).rows as Record<string, unknown>[];
      return writes.map((_, index) => Number(row?.[`c${index}`] ?? 0));
    },
  };
  return session;
}

// --- SQLite -------------------------------------------------------------------------------------

/** better-sqlite3 binds `?1`, `?2`… from an object keyed by number. */
const numbered = (params: readonly unknown[]) => Object.fromEntries(params.map((value, index) => [String(index + 1), value]));

/** Prepared statements of one long-lived connection, by SQL text. */
const preparedByConnection = new WeakMap<NativeSqlite, Map<string, BetterSqlite3.Statement>>();

function prepared(db: NativeSqlite, text: string): BetterSqlite3.Statement {
  let cache = preparedByConnection.get(db);
  if (!cache) {
    cache = new Map();
    preparedByConnection.set(db, cache);
  }
  let statement = cache.get(text);
  if (!statement) {
    statement = db.prepare(text);
    cache.set(text, statement);
  }
  return statement;
}

function allOf<T>(statement: BetterSqlite3.Statement, params: readonly unknown[]): T[] {
  const args = params.length > 0 ? [numbered(params)] : [];
  return (statement.reader ? statement.all(...args) : (statement.run(...args), [])) as T[];
}

function runOf(statement: BetterSqlite3.Statement, params: readonly unknown[]): number {
  return statement.run(...(params.length > 0 ? [numbered(params)] : [])).changes;
}

/** A session on a SQLite connection: the calls are synchronous underneath. */
export function sqliteSession(db: NativeSqlite): SqlSession {
  const session: SqlSession = {
    dialect: 'sqlite',
    all: async <T>(statement: Statement, params: readonly unknown[] = []) => allOf<T>(prepared(db, statement.sqlite), params),
    run: async (statement: Statement, params: readonly unknown[] = []) => runOf(prepared(db, statement.sqlite), params),
    allDynamic: async <T>(text: string, params: readonly unknown[] = []) => allOf<T>(prepared(db, toSqlite(text)), params),
    runDynamic: async (text: string, params: readonly unknown[] = []) => runOf(prepared(db, toSqlite(text)), params),
    runBatch: async (writes: readonly Write[]) =>
      writes.map((write) =>
        runOf(prepared(db, typeof write.statement === 'string' ? toSqlite(write.statement) : write.statement.sqlite), write.params),
      ),
  };
  return session;
}
