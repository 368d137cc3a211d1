/**
 * Opens the SQL database the engine keeps its state in: an embedded SQLite file by default,
 * PostgreSQL when the URL says so. Sequelize owns the connections, the schema and migrations; the
 * engine's hot path runs prepared SQL on connections it takes from Sequelize (command-executor.ts).
 * SQLite runs on better-sqlite3 (sqlite-driver.ts).
 */
import path from 'node:path';
import { Sequelize } from 'sequelize';
import { sequelizeSqliteModule } from './sqlite-driver.js';

export type Dialect = 'sqlite' | 'postgres';

export interface Database {
  readonly sequelize: Sequelize;
  readonly dialect: Dialect;
  /** SQLite: the file, or ':memory:' (one shared connection, gone when closed). */
  readonly storage?: string;
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

export async function openDatabase(url: string = DEFAULT_DATABASE_URL): Promise<Database> {
  const parsed = parseDatabaseUrl(url);
  let sequelize: Sequelize;
  if (parsed.dialect === 'sqlite') {
    sequelize = new Sequelize({
      dialect: 'sqlite',
      storage: parsed.storage,
      dialectModule: sequelizeSqliteModule,
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
  return {
    sequelize,
    dialect: parsed.dialect,
    storage: parsed.storage,
    close: () => sequelize.close(),
  };
}
