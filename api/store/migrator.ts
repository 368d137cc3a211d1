/**
 * The API's schema migrations (umzug), recorded in their own table `api_migrations` so they never
 * mix with the engine's. They run on the engine's Sequelize after the engine's migrations (which
 * createEngine has already run). On PostgreSQL a session advisory lock makes servers that start at
 * once take turns; `prepareApiStore` also seeds under that lock, so the seed runs once.
 */
import { Umzug, SequelizeStorage } from 'umzug';
import type { QueryInterface, Sequelize } from 'sequelize';
import * as identity from './migrations/001-identity.js';
import * as forms from './migrations/002-forms.js';
import * as callerNotifications from './migrations/003-caller-notifications.js';

interface Migration {
  up(params: { context: QueryInterface }): Promise<void>;
  down(params: { context: QueryInterface }): Promise<void>;
}

const MIGRATIONS: ReadonlyArray<readonly [string, Migration]> = [
  ['001-identity', identity],
  ['002-forms', forms],
  ['003-caller-notifications', callerNotifications],
];

export function createApiMigrator(sequelize: Sequelize): Umzug<QueryInterface> {
  return new Umzug({
    migrations: MIGRATIONS.map(([name, migration]) => ({ name, up: migration.up, down: migration.down })),
    context: sequelize.getQueryInterface(),
    storage: new SequelizeStorage({ sequelize, tableName: 'api_migrations' }),
    logger: undefined,
  });
}

/** Any fixed number other than the engine's: the advisory lock for the API's migrations and seed. */
const API_MIGRATION_LOCK = 720_250_004;

interface PgConnection {
  query(text: string): Promise<unknown>;
}

/** Runs `work` while holding the API's migration lock (PostgreSQL); on SQLite one process owns the file. */
export async function withApiMigrationLock<T>(sequelize: Sequelize, work: () => Promise<T>): Promise<T> {
  if (sequelize.getDialect() !== 'postgres') return work();
  const manager = sequelize.connectionManager as unknown as {
    getConnection(options: { type: string }): Promise<PgConnection>;
    releaseConnection(connection: PgConnection): Promise<void>;
  };
  const connection = await manager.getConnection({ type: 'write' });
  try {
    await connection.query(`SELECT pg_advisory_lock(${API_MIGRATION_LOCK})`);
    try {
      return await work();
    } finally {
      await connection.query(`SELECT pg_advisory_unlock(${API_MIGRATION_LOCK})`);
    }
  } finally {
    await manager.releaseConnection(connection);
  }
}

export async function migrateApi(sequelize: Sequelize): Promise<void> {
  await createApiMigrator(sequelize).up();
}
