/**
 * Makes many waiting instances fast for the bench: one instance is started through the API, then its
 * instance row and its token rows are copied `copies` times in two INSERT … SELECT statements (a
 * recursive counter; columns read from the database, ids made unique). Only the rows the statistics
 * count are copied (no tasks, no history): a bench shortcut, not an engine operation.
 */
import type { Engine } from '../../../engine/index.js';

async function columns(engine: Engine, table: string): Promise<string[]> {
  const dialect = engine.sequelize.getDialect();
  const [rows] = dialect === 'postgres'
    ? await engine.sequelize.query(`SELECT column_name AS name FROM information_schema.columns WHERE table_name = '${table}' ORDER BY ordinal_position`)
    : await engine.sequelize.query(`PRAGMA table_info(${table})`);
  return (rows as { name: string }[]).map((row) => row.name);
}

export async function cloneInstance(engine: Engine, instanceId: string, copies: number): Promise<void> {
  const counter = `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${copies})`;
  const concat = (prefix: string) => `'${prefix}' || CAST(n.i AS TEXT)`;
  const instanceColumns = await columns(engine, 'process_instances');
  const instanceValues = instanceColumns.map((c) => (c === 'id' ? concat(`${instanceId.slice(0, 8)}-i-`) : `s.${c}`));
  await engine.sequelize.query(
    `${counter} INSERT INTO process_instances (${instanceColumns.join(', ')}) SELECT ${instanceValues.join(', ')} FROM n, process_instances s WHERE s.id = '${instanceId}'`,
  );
  const tokenColumns = await columns(engine, 'tokens');
  const tokenValues = tokenColumns.map((c) => (c === 'id' ? `${concat('t-')} || '-' || s.id` : c === 'instance_id' ? concat(`${instanceId.slice(0, 8)}-i-`) : `s.${c}`));
  await engine.sequelize.query(
    `${counter} INSERT INTO tokens (${tokenColumns.join(', ')}) SELECT ${tokenValues.join(', ')} FROM n, tokens s WHERE s.instance_id = '${instanceId}'`,
  );
}
