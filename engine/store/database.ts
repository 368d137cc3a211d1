/**
 * Opens the SQL database the engine keeps its state in: an embedded SQLite file by default,
 * PostgreSQL when the URL says so. Sequelize owns connections, the schema and migrations; the
 * engine's hot path runs prepared SQL on the connection of a Sequelize transaction (sql-session.ts).
 */
import path from 'node:path';
import { Sequelize } from 'sequelize';
import sqlite3 from 'sqlite3';

export type Dialect = 'sqlite' | 'postgres';

export interface Database {
  readonly sequelize: Sequelize;
  readonly dialect: Dialect;
  /** True for 'sqlite::memory:': one shared connection, gone when closed. */
  readonly inMemory: boolean;
  close(): Promise<void>;
}

export const DEFAULT_DATABASE_URL = `sqlite:${path.join('data', 'motcua.sqlite')}`;

/** Parses 'sqlite::memory:', 'sqlite:path/to/file' (relative to the working directory) and 'postgres://…'. */
export function parseDatabaseUrl(url: string): { dialect: Dialect; storage?: string } {
  if (url === 'sqlite::memory:' || url === 'sqlite://:memory:') return { dialect: 'sqlite', storage: ':memory:' };
  if (url.startsWith('sqlite:')) {
    const storage = url.slice('sqlite:'.length).replace(/^\/\//, '');
    if (storage === '') throw new Error(`Database URL '${url}' names no SQLite file`);
    return { dialect: 'sqlite', storage };
  }
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return { dialect: 'postgres' };
  throw new Error(`Database URL '${url}' is not supported: use sqlite:<file>, sqlite::memory: or postgres://…`);
}

/**
 * sqlite3 with the settings every connection needs, applied as it opens (Sequelize opens one per
 * transaction on a file database, and SQLite refuses some pragmas inside a transaction).
 */
class TunedSqliteDatabase extends sqlite3.Database {
  constructor(filename: string, mode?: number, callback?: (error: Error | null) => void) {
    super(filename, mode ?? sqlite3.OPEN_READWRITE | sqlite3.OPEN_CREATE, (error) => {
      if (error) return callback?.(error);
      this.exec('PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL;', (pragmaError) => callback?.(pragmaError));
    });
  }
}

const tunedSqlite = { ...sqlite3, Database: TunedSqliteDatabase };

export async function openDatabase(url: string = DEFAULT_DATABASE_URL): Promise<Database> {
  const parsed = parseDatabaseUrl(url);
  let sequelize: Sequelize;
  if (parsed.dialect === 'sqlite') {
    sequelize = new Sequelize({
      dialect: 'sqlite',
      storage: parsed.storage,
      dialectModule: tunedSqlite,
      logging: false,
    });
  } else {
    sequelize = new Sequelize(url, {
      dialect: 'postgres',
      logging: false,
      pool: { max: Number(process.env.DATABASE_POOL_MAX ?? 10), min: 0, idle: 10_000 },
    });
  }
  await sequelize.authenticate();
  const inMemory = parsed.storage === ':memory:';
  if (parsed.dialect === 'sqlite' && !inMemory) {
    // WAL lets readers run beside the one writer and makes commits cheap; it is stored in the file.
    await sequelize.query('PRAGMA journal_mode = WAL');
  }
  return {
    sequelize,
    dialect: parsed.dialect,
    inMemory,
    close: () => sequelize.close(),
  };
}
