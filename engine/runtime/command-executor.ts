/**
 * Runs each engine call as one command in one database transaction (Camunda 7's command
 * context): the command loads what it needs, runs, and writes its changes before the commit.
 * A commit that loses an optimistic-lock check or a PostgreSQL deadlock/serialization race is
 * retried with a fresh transaction; business conflicts (a task claimed by someone else) are not.
 *
 * The transaction is opened with plain BEGIN/COMMIT on a connection taken from Sequelize's pool:
 * Sequelize's own transaction object sends BEGIN and COMMIT through its query pipeline, which cost
 * more CPU than the command's statements themselves (measured with `npm run bench`).
 * On SQLite one writer at a time is the database's own rule: commands queue in-process and run
 * on one long-lived connection, whose prepared statements are reused.
 */
import path from 'node:path';
import type { Database } from '../store/database.js';
import { postgresSession, sqliteSession, type PgClient, type SqlSession } from '../store/sql-session.js';
import type { NativeSqlite, SequelizeSqliteConnection } from '../store/sqlite-driver.js';
import { OptimisticLockError } from '../errors.js';

export type Command<T> = (session: SqlSession) => Promise<T>;

const RETRYABLE_POSTGRES_CODES = new Set(['40001', '40P01']);

/** A unique index refused a row: PostgreSQL 23505, SQLite SQLITE_CONSTRAINT_UNIQUE. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

function isRetryable(error: unknown): boolean {
  if (error instanceof OptimisticLockError) return true;
  const code = (error as { code?: string } | null)?.code;
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

interface ConnectionManager<C> {
  getConnection(options: { type?: string; uuid?: string }): Promise<C>;
  releaseConnection(connection: C): Promise<void> | void;
  destroyConnection(connection: C): Promise<void>;
}

/** How a command gets its connection and transaction on one kind of database. */
interface Driver {
  transaction<T>(command: Command<T>): Promise<T>;
  /** A command whose writes are one statement: on PostgreSQL that statement is its own transaction. */
  atomic<T>(command: Command<T>): Promise<T>;
  read<T>(command: Command<T>): Promise<T>;
  /** Runs work of other stores on the same database so that it never overlaps a command where that matters (SQLite). */
  exclusive<T>(work: () => Promise<T>): Promise<T>;
  /** Releases what the driver holds; the database closes afterwards. */
  close(): Promise<void>;
}

function postgresDriver(database: Database): Driver {
  const manager = database.sequelize.connectionManager as unknown as ConnectionManager<PgClient>;
  const withClient = async <T>(work: (client: PgClient) => Promise<T>): Promise<T> => {
    const client = await manager.getConnection({ type: 'write' });
    let broken = false;
    try {
      return await work(client);
    } catch (error) {
      broken = (error as { brokenConnection?: boolean }).brokenConnection === true;
      throw error;
    } finally {
      if (broken) await manager.destroyConnection(client);
      else await manager.releaseConnection(client);
    }
  };
  return {
    transaction: (command) =>
      withClient(async (client) => {
        await client.query({ text: 'BEGIN' });
        try {
          const result = await command(postgresSession(client));
          await client.query({ text: 'COMMIT' });
          return result;
        } catch (error) {
          try {
            await client.query({ text: 'ROLLBACK' });
          } catch {
            Object.assign(error as object, { brokenConnection: true });
          }
          throw error;
        }
      }),
    atomic: (command) => withClient((client) => command(postgresSession(client))),
    read: (command) => withClient((client) => command(postgresSession(client))),
    // PostgreSQL's own locks order other stores' transactions against the engine's.
    exclusive: (work) => work(),
    close: async () => undefined,
  };
}

/**
 * One queue per SQLite file in this process. better-sqlite3 waits for a busy database by blocking
 * the thread, so two engines of one process on one file must never both hold a transaction across
 * an await: the second would block the first one's thread forever. Other processes are waited for
 * by SQLite's busy timeout.
 */
const fileQueues = new Map<string, SerialQueue>();

function queueOfFile(storage: string): SerialQueue {
  const key = path.resolve(storage);
  let queue = fileQueues.get(key);
  if (!queue) {
    queue = new SerialQueue();
    fileQueues.set(key, queue);
  }
  return queue;
}

function sqliteDriver(database: Database): Driver {
  const manager = database.sequelize.connectionManager as unknown as ConnectionManager<SequelizeSqliteConnection>;
  // On a file, a connection of the engine's own; in memory, Sequelize's one shared connection.
  let connection: Promise<NativeSqlite> | undefined;
  const native = () => (connection ??= manager.getConnection({ uuid: 'motcua-engine' }).then((c) => c.native));
  const storage = database.storage ?? ':memory:';
  const queue = storage === ':memory:' ? new SerialQueue() : queueOfFile(storage);
  const transaction = <T>(command: Command<T>): Promise<T> =>
    queue.run(async () => {
      const db = await native();
      db.exec('BEGIN IMMEDIATE');
      try {
        const result = await command(sqliteSession(db));
        db.exec('COMMIT');
        return result;
      } catch (error) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw error;
      }
    });
  return {
    transaction,
    // SQLite has no statement that writes two tables, so an atomic command is a transaction here.
    atomic: transaction,
    // Commands are serialised, so a read in between sees one consistent state.
    read: (command) => queue.run(async () => command(sqliteSession(await native()))),
    // Another connection writing while a command waits would block the thread (see queueOfFile).
    exclusive: (work) => queue.run(work),
    // Waits for the commands already queued; Sequelize closes the connection itself.
    close: () => queue.run(async () => undefined),
  };
}

export class CommandExecutor {
  private readonly driver: Driver;

  constructor(
    database: Database,
    private readonly maxAttempts = 5,
  ) {
    this.driver = database.dialect === 'postgres' ? postgresDriver(database) : sqliteDriver(database);
  }

  /**
   * Runs the command in a transaction, retrying it when it lost a race; `alsoRetry` names errors
   * that mean a lost race for this command only (a deploy that lost the next version number).
   */
  async execute<T>(command: Command<T>, alsoRetry: (error: unknown) => boolean = () => false): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.driver.transaction(command);
      } catch (error) {
        if (attempt >= this.maxAttempts || !(isRetryable(error) || alsoRetry(error))) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
      }
    }
  }

  /**
   * Runs a command whose writes are a single statement (claim, unclaim). On PostgreSQL it needs no
   * BEGIN/COMMIT, the statement being atomic; a lost race shows in the statement's result, not as a retry.
   */
  atomic<T>(command: Command<T>): Promise<T> {
    return this.driver.atomic(command);
  }

  /** Runs a read-only command outside a transaction (a single statement is consistent by itself). */
  read<T>(command: Command<T>): Promise<T> {
    return this.driver.read(command);
  }

  /**
   * Runs work of another store on the same database (the API's admin tables, through Sequelize) so
   * that on SQLite it never overlaps a command: it waits for the commands queued before it, and
   * those queued after it wait for it. On PostgreSQL it just runs.
   */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    return this.driver.exclusive(work);
  }

  /** Waits for running commands and releases the connection's resources. */
  close(): Promise<void> {
    return this.driver.close();
  }
}
