/**
 * Schema migrations with umzug, recorded in the `motcua_migrations` table. Migrations are listed
 * here in order (not globbed) so the same list runs from the TypeScript sources and from dist/.
 */
import { Umzug, SequelizeStorage } from 'umzug';
import type { QueryInterface, Sequelize } from 'sequelize';
import type { Database } from './database.js';
import * as initialSchema from './migrations/001-initial-schema.js';
import * as jobs from './migrations/002-jobs.js';
import * as holidays from './migrations/003-holidays.js';
import * as subscriptions from './migrations/004-subscriptions.js';
import * as externalTasks from './migrations/005-external-tasks.js';
import * as tokenLocalVariables from './migrations/006-token-local-variables.js';
import * as unitsAndDelegation from './migrations/007-units-and-delegation.js';
import * as dossierStatusAndDueDate from './migrations/008-dossier-status-and-due-date.js';
import * as pausedClock from './migrations/009-paused-clock.js';

interface Migration {
  up(params: { context: QueryInterface }): Promise<void>;
  down(params: { context: QueryInterface }): Promise<void>;
}

const MIGRATIONS: ReadonlyArray<readonly [string, Migration]> = [
  ['001-initial-schema', initialSchema],
  ['002-jobs', jobs],
  ['003-holidays', holidays],
  ['004-subscriptions', subscriptions],
  ['005-external-tasks', externalTasks],
  ['006-token-local-variables', tokenLocalVariables],
  ['007-units-and-delegation', unitsAndDelegation],
  ['008-dossier-status-and-due-date', dossierStatusAndDueDate],
  ['009-paused-clock', pausedClock],
];

export function createMigrator(sequelize: Sequelize): Umzug<QueryInterface> {
  return new Umzug({
    migrations: MIGRATIONS.map(([name, migration]) => ({ name, up: migration.up, down: migration.down })),
    context: sequelize.getQueryInterface(),
    storage: new SequelizeStorage({ sequelize, tableName: 'motcua_migrations' }),
    logger: undefined,
  });
}

/** Any fixed number: the PostgreSQL advisory lock that keeps two starting servers from migrating at once. */
const MIGRATION_LOCK = 720_250_001;

interface PgConnection {
  query(text: string): Promise<unknown>;
}

/** Brings the schema up to date; safe to call on every start, by several servers at once. */
export async function migrate(database: Database): Promise<void> {
  const { sequelize } = database;
  if (database.dialect !== 'postgres') {
    await createMigrator(sequelize).up();
    return;
  }
  const manager = sequelize.connectionManager as unknown as {
    getConnection(options: { type: string }): Promise<PgConnection>;
    releaseConnection(connection: PgConnection): Promise<void>;
  };
  const connection = await manager.getConnection({ type: 'write' });
  try {
    await connection.query(`SELECT pg_advisory_lock(${MIGRATION_LOCK})`);
    try {
      await createMigrator(sequelize).up();
    } finally {
      await connection.query(`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`);
    }
  } finally {
    await manager.releaseConnection(connection);
  }
}
