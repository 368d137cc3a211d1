/**
 * A thin layer over the engine's Sequelize for the API's stores: parameterised SQL with named
 * replacements (`:name`, arrays expand to lists) on SQLite and PostgreSQL alike, timestamps read
 * back as ISO strings whatever the driver returns, and transactions for multi-row admin changes.
 * Transactions run through `exclusive` (the engine's runExclusive): on SQLite one writer at a time,
 * in the same queue as the engine's commands, so the two connections never wait on each other.
 */
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';

export type Replacements = Record<string, unknown>;

export interface Sql {
  readonly dialect: 'sqlite' | 'postgres';
  select<T extends object>(text: string, replacements?: Replacements): Promise<T[]>;
  run(text: string, replacements?: Replacements): Promise<void>;
  /** Runs `work` in one transaction; everything it does through the given Sql commits or rolls back together. */
  transaction<T>(work: (sql: Sql) => Promise<T>): Promise<T>;
}

export type Exclusive = <T>(work: () => Promise<T>) => Promise<T>;

/** A read on the engine's own connections: `$1`… placeholders, prepared, no Sequelize (Engine.query). */
export type FastRead = <T>(text: string, params: readonly unknown[]) => Promise<T[]>;

/** How Sequelize writes a time into SQLite text; the fast path binds times the same way, so they compare alike. */
function sqliteTime(date: Date): string {
  return `${date.toISOString().replace('T', ' ').replace('Z', '')} +00:00`;
}

/**
 * `:name` replacements → `$n` parameters (an array becomes a list of them; an empty one NULL, as
 * Sequelize does). Quoted text is left alone, and so is `::`.
 */
export function toPositional(text: string, replacements: Replacements, dialect: Sql['dialect']): { text: string; params: unknown[] } {
  const params: unknown[] = [];
  const bind = (value: unknown): string => {
    if (value === undefined) throw new Error('a replacement is undefined');
    let bound = value;
    if (dialect === 'sqlite' && value instanceof Date) bound = sqliteTime(value);
    if (dialect === 'sqlite' && typeof value === 'boolean') bound = value ? 1 : 0;
    params.push(bound);
    return `$${params.length}`;
  };
  const converted = text.replace(/'(?:[^']|'')*'|::|:([A-Za-z_][A-Za-z0-9_]*)/g, (match, name: string | undefined) => {
    if (name === undefined) return match;
    if (!Object.hasOwn(replacements, name)) throw new Error(`no replacement for :${name}`);
    const value = replacements[name];
    if (Array.isArray(value)) return value.length === 0 ? 'NULL' : value.map(bind).join(', ');
    return bind(value);
  });
  return { text: converted, params };
}

/**
 * Outside a transaction, a select with `fastRead` goes through the engine's connections (prepared
 * statements, no Sequelize: about ten times less CPU, which every request's authentication feels);
 * writes and transactions stay on Sequelize.
 */
export function createSql(sequelize: Sequelize, exclusive: Exclusive, fastRead?: FastRead): Sql {
  const dialect = sequelize.getDialect() === 'postgres' ? 'postgres' : 'sqlite';
  const bound = (transaction: Transaction | undefined): Sql => ({
    dialect,
    async select<T extends object>(text: string, replacements: Replacements = {}) {
      if (fastRead && !transaction) {
        const positional = toPositional(text, replacements, dialect);
        return fastRead<T>(positional.text, positional.params);
      }
      if (transaction) return sequelize.query<T>(text, { type: QueryTypes.SELECT, replacements, transaction });
      return exclusive(() => sequelize.query<T>(text, { type: QueryTypes.SELECT, replacements }));
    },
    async run(text: string, replacements: Replacements = {}) {
      // Outside a transaction a write still takes its turn with the engine's commands (SQLite: one writer).
      if (transaction) await sequelize.query(text, { replacements, transaction });
      else await exclusive(() => sequelize.query(text, { replacements }));
    },
    async transaction<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
      if (transaction) return work(bound(transaction));
      return exclusive(() => sequelize.transaction((t) => work(bound(t))));
    },
  });
  return bound(undefined);
}

/** A timestamp column as an ISO string (PostgreSQL gives a Date, SQLite text). */
export function iso(value: unknown): string;
export function iso(value: unknown, optional: true): string | null;
export function iso(value: unknown, _optional?: true): string | null {
  if (value === null || value === undefined) return null;
  const date = value instanceof Date ? value : new Date(String(value));
  return Number.isNaN(date.getTime()) ? String(value) : date.toISOString();
}

/** True when the database refused a row for a unique key. */
export function isUniqueViolation(error: unknown): boolean {
  const candidate = error as { name?: string; parent?: { code?: string }; original?: { code?: string } } | null;
  if (!candidate) return false;
  if (candidate.name === 'SequelizeUniqueConstraintError') return true;
  const code = candidate.parent?.code ?? candidate.original?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
