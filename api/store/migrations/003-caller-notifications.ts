/**
 * PostgreSQL only: any change to what a request's caller is read from (users, their role
 * assignments, roles and their rules, API keys and their roles, the settings that carry the unit
 * tree's and the forms' versions) notifies the channel `motcua_callers` when it commits, whoever
 * makes it: this server, another one of the cluster, or SQL run by hand. Servers that keep callers
 * in memory (auth/caller-cache.ts) listen and forget them (auth/caller-listener.ts). Statement-level
 * triggers, so a change of many rows is one notification, and PostgreSQL folds identical
 * notifications of one transaction into one. SQLite has no notifications and needs none: there the
 * caller is read on every request.
 */
import type { QueryInterface } from 'sequelize';

export const CALLER_CHANGES_CHANNEL = 'motcua_callers';

const TABLES = ['users', 'user_roles', 'roles', 'api_keys', 'api_key_roles', 'api_settings'] as const;

const triggerName = (table: string) => `${table}_notify_callers`;

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  if (qi.sequelize.getDialect() !== 'postgres') return;
  await qi.sequelize.query(`CREATE OR REPLACE FUNCTION motcua_notify_callers() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('${CALLER_CHANGES_CHANNEL}', TG_TABLE_NAME);
  RETURN NULL;
END
$$`);
  for (const table of TABLES) {
    await qi.sequelize.query(
      `CREATE TRIGGER ${triggerName(table)} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION motcua_notify_callers()`,
    );
  }
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  if (qi.sequelize.getDialect() !== 'postgres') return;
  for (const table of TABLES) await qi.sequelize.query(`DROP TRIGGER IF EXISTS ${triggerName(table)} ON ${table}`);
  await qi.sequelize.query('DROP FUNCTION IF EXISTS motcua_notify_callers()');
}
