/**
 * Process-instance lists, filtered, paged and counted in SQL: by definition key or version, business
 * key, unit, state, an element a token waits at (the monitoring view's click-through), and the caller's access filter (fields: unitId, processDefinitionKey, businessKey,
 * handledBy), newest first unless told otherwise.
 */
import type { SqlSession } from './sql-session.js';
import { accessSql, type AccessFilter, type FieldSql } from './access-filter.js';
import { sqlParams } from './sql-params.js';
import { toInstanceRow, type InstanceRow, type InstanceState } from './rows.js';

export interface InstanceFilter {
  readonly processDefinitionKey?: string;
  /** One deployed version. */
  readonly definitionId?: string;
  /** Instances with a token at this element (a multi-instance body does not count; its instances do). */
  readonly activeElementId?: string;
  readonly businessKey?: string;
  readonly unitId?: string;
  readonly state?: InstanceState;
  /** Only instances started by a call activity of this instance (or, with null, only top-level ones). */
  readonly parentInstanceId?: string | null;
  readonly sortOrder?: 'asc' | 'desc';
  readonly limit?: number;
  readonly offset?: number;
  readonly access?: AccessFilter;
}

/** The fields an access filter on instances may name (alias `i` for process_instances). */
export const INSTANCE_FIELDS: Readonly<Record<string, FieldSql>> = {
  unitId: { column: 'i.unit_id' },
  processDefinitionKey: { column: 'i.definition_key' },
  businessKey: { column: 'i.business_key' },
  handledBy: { hasAny: (users) => `EXISTS (SELECT 1 FROM history h WHERE h.instance_id = i.id AND h.user_id IN (${users.join(', ')}))` },
};

function whereClause(filter: InstanceFilter): { where: string; params: unknown[] } {
  const { values: params, param } = sqlParams();
  const where: string[] = [];
  const equal = (column: string, value: string | undefined) => {
    if (value !== undefined) where.push(`${column} = ${param(value)}`);
  };
  equal('i.definition_key', filter.processDefinitionKey);
  equal('i.definition_id', filter.definitionId);
  equal('i.business_key', filter.businessKey);
  if (filter.activeElementId !== undefined) {
    where.push(`EXISTS (SELECT 1 FROM tokens tk WHERE tk.instance_id = i.id AND tk.element_id = ${param(filter.activeElementId)} AND tk.state <> 'multi')`);
  }
  equal('i.unit_id', filter.unitId);
  equal('i.state', filter.state);
  if (filter.parentInstanceId === null) where.push('i.parent_instance_id IS NULL');
  else equal('i.parent_instance_id', filter.parentInstanceId);
  where.push(accessSql(filter.access, INSTANCE_FIELDS, param));
  return { where: where.join(' AND '), params };
}

export async function queryInstances(session: SqlSession, filter: InstanceFilter): Promise<InstanceRow[]> {
  const { where, params } = whereClause(filter);
  params.push(filter.limit ?? 100, filter.offset ?? 0);
  const direction = filter.sortOrder === 'asc' ? 'ASC' : 'DESC';
  const rows = await session.allDynamic<Record<string, unknown>>(
    `SELECT i.* FROM process_instances i WHERE ${where} ORDER BY i.started_at ${direction}, i.id ${direction}
     LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
  return rows.map(toInstanceRow);
}

export async function countInstances(session: SqlSession, filter: InstanceFilter): Promise<number> {
  const { where, params } = whereClause(filter);
  const [row] = await session.allDynamic<{ total: unknown }>(`SELECT COUNT(*) AS total FROM process_instances i WHERE ${where}`, params);
  return Number(row?.total ?? 0);
}

/** Whether the instance passes the access filter (a read of one instance checks the same rules as its list). */
export async function instanceVisible(session: SqlSession, id: string, access: AccessFilter | undefined): Promise<boolean> {
  const { where, params } = whereClause({ access });
  params.push(id);
  const rows = await session.allDynamic(`SELECT 1 FROM process_instances i WHERE ${where} AND i.id = $${params.length}`, params);
  return rows.length > 0;
}

/** Running instances per definition key, among those the access filter lets through: one GROUP BY. */
export async function countActiveByKey(session: SqlSession, access: AccessFilter | undefined): Promise<Map<string, number>> {
  const { values, param } = sqlParams();
  const rows = await session.allDynamic<{ definition_key: string; total: unknown }>(
    `SELECT i.definition_key, COUNT(*) AS total FROM process_instances i
     WHERE i.state = 'active' AND ${accessSql(access, INSTANCE_FIELDS, param)} GROUP BY i.definition_key`,
    values,
  );
  return new Map(rows.map((row) => [row.definition_key, Number(row.total)]));
}
