/** Reads and writes deployments and process definitions (the deployed XML, one row per version). */
import { sql, type SqlSession } from './sql-session.js';
import { timeParam, toDate } from './rows.js';

export interface DefinitionRow {
  id: string;
  key: string;
  version: number;
  name: string | null;
  deploymentId: string;
  resourceHash: string;
  createdAt: Date;
}

type Raw = Record<string, unknown>;

const COLUMNS = 'id, key, version, name, deployment_id, resource_hash, created_at';

const S = {
  latest: sql('motcua_definition_latest', `SELECT ${COLUMNS} FROM process_definitions WHERE key = $1 ORDER BY version DESC LIMIT 1`),
  byId: sql('motcua_definition_by_id', `SELECT ${COLUMNS} FROM process_definitions WHERE id = $1`),
  byVersion: sql('motcua_definition_version', `SELECT ${COLUMNS} FROM process_definitions WHERE key = $1 AND version = $2`),
  xml: sql('motcua_definition_xml', 'SELECT xml FROM process_definitions WHERE id = $1'),
  insertDeployment: sql('motcua_insert_deployment', 'INSERT INTO deployments (id, name, created_at) VALUES ($1, $2, $3)'),
  insertDefinition: sql(
    'motcua_insert_definition',
    `INSERT INTO process_definitions (id, key, version, name, deployment_id, resource_hash, xml, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
  ),
} as const;

function toDefinitionRow(raw: Raw): DefinitionRow {
  return {
    id: String(raw.id),
    key: String(raw.key),
    version: Number(raw.version),
    name: raw.name == null ? null : String(raw.name),
    deploymentId: String(raw.deployment_id),
    resourceHash: String(raw.resource_hash),
    createdAt: toDate(raw.created_at),
  };
}

const first = (rows: Raw[]) => (rows[0] ? toDefinitionRow(rows[0]) : undefined);

export const latestDefinition = async (session: SqlSession, key: string) => first(await session.all<Raw>(S.latest, [key]));
export const definitionVersion = async (session: SqlSession, key: string, version: number) =>
  first(await session.all<Raw>(S.byVersion, [key, version]));

export const definitionById = async (session: SqlSession, id: string) => first(await session.all<Raw>(S.byId, [id]));

/** Every version of every process (or of one key), or only the latest version of each key; by key, newest version first. */
export async function listDefinitions(session: SqlSession, options: { key?: string; latestOnly?: boolean }): Promise<DefinitionRow[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (options.key !== undefined) {
    params.push(options.key);
    where.push(`d.key = $${params.length}`);
  }
  if (options.latestOnly) where.push('d.version = (SELECT MAX(v.version) FROM process_definitions v WHERE v.key = d.key)');
  const rows = await session.allDynamic<Raw>(
    `SELECT ${COLUMNS.split(', ').map((c) => `d.${c}`).join(', ')} FROM process_definitions d
     ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY d.key, d.version DESC`,
    params,
  );
  return rows.map(toDefinitionRow);
}

export async function definitionXml(session: SqlSession, id: string): Promise<string | undefined> {
  const [row] = await session.all<{ xml: string }>(S.xml, [id]);
  return row?.xml;
}

export async function insertDeployment(session: SqlSession, id: string, name: string | null, at: Date): Promise<void> {
  await session.run(S.insertDeployment, [id, name, timeParam(at)]);
}

export async function insertDefinition(session: SqlSession, row: DefinitionRow, xml: string): Promise<void> {
  await session.run(S.insertDefinition, [row.id, row.key, row.version, row.name, row.deploymentId, row.resourceHash, xml, timeParam(row.createdAt)]);
}
