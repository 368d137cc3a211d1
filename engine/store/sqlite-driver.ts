/**
 * SQLite through better-sqlite3, for the whole project. The engine uses the native, synchronous
 * handle (`native`): a statement costs microseconds instead of a trip through a thread pool.
 * Sequelize's SQLite dialect expects the callback API of the `sqlite3` package, so this module
 * gives Sequelize a small stand-in with that API (passed as its dialectModule) over the same handle:
 * one driver, one copy of SQLite, and an in-memory database shared by both.
 * Every connection is opened with a 5 s busy timeout, WAL (files) and synchronous=NORMAL.
 */
import BetterSqlite3 from 'better-sqlite3';

export type NativeSqlite = BetterSqlite3.Database;

type Callback = (this: { lastID?: number; changes?: number }, error: Error | null, rows?: unknown[]) => void;

/** sqlite3-style parameters to better-sqlite3's: `$name` objects lose the prefix; `$1`/`?1` lists become {1: …}. */
function bindable(sql: string, params: unknown): unknown[] {
  const value = (v: unknown) =>
    typeof v === 'boolean' ? (v ? 1 : 0) : v instanceof Date ? v.toISOString() : v === undefined ? null : v;
  if (params === undefined || params === null) return [];
  if (Array.isArray(params)) {
    if (params.length === 0) return [];
    if (/[$?]\d+/.test(sql)) return [Object.fromEntries(params.map((v, i) => [String(i + 1), value(v)]))];
    return params.map(value);
  }
  return [Object.fromEntries(Object.entries(params as object).map(([k, v]) => [k.replace(/^[$@:]/, ''), value(v)]))];
}

/** The part of the `sqlite3` package's Database that Sequelize uses. */
export class SequelizeSqliteConnection {
  static readonly OPEN_READONLY = 0x00000001;
  static readonly OPEN_READWRITE = 0x00000002;
  static readonly OPEN_CREATE = 0x00000004;

  readonly native: NativeSqlite;
  /** Sequelize marks the connection with the id of the transaction that holds it. */
  uuid?: string;

  constructor(
    readonly filename: string,
    mode?: number,
    callback?: (error: Error | null) => void,
  ) {
    let opened: NativeSqlite | undefined;
    let failure: Error | null = null;
    try {
      opened = new BetterSqlite3(filename, {
        readonly: mode !== undefined && (mode & SequelizeSqliteConnection.OPEN_READWRITE) === 0,
        fileMustExist: mode !== undefined && (mode & SequelizeSqliteConnection.OPEN_CREATE) === 0,
        timeout: 5000,
      });
      if (filename !== ':memory:') opened.pragma('journal_mode = WAL');
      opened.pragma('synchronous = NORMAL');
    } catch (error) {
      failure = error as Error;
    }
    this.native = opened as NativeSqlite;
    if (callback) process.nextTick(() => callback(failure));
  }

  serialize(work?: () => void): void {
    work?.();
  }

  all(sql: string, params: unknown, callback?: Callback): void {
    this.execute('all', sql, params, callback);
  }

  run(sql: string, params: unknown, callback?: Callback): void {
    this.execute('run', sql, params, callback);
  }

  exec(sql: string, callback?: (error: Error | null) => void): void {
    let failure: Error | null = null;
    try {
      this.native.exec(sql);
    } catch (error) {
      failure = error as Error;
    }
    if (callback) process.nextTick(() => callback(failure));
  }

  close(callback?: (error: Error | null) => void): void {
    let failure: Error | null = null;
    try {
      if (this.native?.open) this.native.close();
    } catch (error) {
      failure = error as Error;
    }
    if (callback) process.nextTick(() => callback(failure));
  }

  private execute(method: 'all' | 'run', sql: string, params: unknown, callback?: Callback): void {
    const done: Callback = typeof params === 'function' ? (params as Callback) : (callback ?? (() => undefined));
    const args = typeof params === 'function' ? [] : bindable(sql, params);
    let rows: unknown[] | undefined;
    const meta: { lastID?: number; changes?: number } = {};
    let failure: Error | null = null;
    try {
      const statement = this.native.prepare(sql);
      if (method === 'all' && statement.reader) {
        rows = statement.all(...args);
      } else {
        const info = statement.run(...args);
        meta.lastID = Number(info.lastInsertRowid);
        meta.changes = info.changes;
        rows = [];
      }
    } catch (error) {
      // Sequelize sends a few scripts of several statements without parameters.
      if (args.length === 0 && /more than one statement/.test((error as Error).message)) {
        try {
          this.native.exec(sql);
          rows = [];
        } catch (scriptError) {
          failure = scriptError as Error;
        }
      } else {
        failure = error as Error;
      }
    }
    process.nextTick(() => done.call(meta, failure, rows));
  }
}

/** What Sequelize loads instead of the `sqlite3` package. */
export const sequelizeSqliteModule = {
  Database: SequelizeSqliteConnection,
  OPEN_READONLY: SequelizeSqliteConnection.OPEN_READONLY,
  OPEN_READWRITE: SequelizeSqliteConnection.OPEN_READWRITE,
  OPEN_CREATE: SequelizeSqliteConnection.OPEN_CREATE,
};
