/**
 * Where the running instances of one deployed version stand, per element, counted in SQL (one
 * statement, whatever the number of instances): tokens waiting there (a multi-instance body is not
 * counted, its instances are), open tasks past their due date, and incidents (timer jobs and
 * external tasks out of retries). The caller's access filter applies to the instances counted.
 */
import type { SqlSession } from './sql-session.js';
import { accessSql, type AccessFilter } from './access-filter.js';
import { INSTANCE_FIELDS } from './instance-query.js';
import { sqlParams } from './sql-params.js';
import { timeParam } from './rows.js';

export interface ElementStatistics {
  readonly elementId: string;
  readonly waiting: number;
  readonly overdue: number;
  readonly incidents: number;
}


export async function definitionStatistics(session: SqlSession, definitionId: string, now: Date, access?: AccessFilter): Promise<ElementStatistics[]> {
  const { values: params, param } = sqlParams([definitionId, timeParam(now)]);
  const visible = accessSql(access, INSTANCE_FIELDS, param);
  const running = `JOIN process_instances i ON i.id = x.instance_id WHERE i.definition_id = $1 AND i.state = 'active' AND ${visible}`;
  const rows = await session.allDynamic<{ kind: string; element_id: string; total: unknown }>(
    `SELECT 'waiting' AS kind, x.element_id, COUNT(*) AS total FROM tokens x ${running} AND x.state <> 'multi' GROUP BY x.element_id
     UNION ALL
     SELECT 'overdue', x.element_id, COUNT(*) FROM tasks x ${running} AND x.state = 'created' AND x.due_date < $2 GROUP BY x.element_id
     UNION ALL
     SELECT 'incidents', x.element_id, COUNT(*) FROM jobs x ${running} AND x.retries = 0 GROUP BY x.element_id
     UNION ALL
     SELECT 'incidents', x.element_id, COUNT(*) FROM external_tasks x ${running} AND x.retries = 0 GROUP BY x.element_id`,
    params,
  );
  const byElement = new Map<string, { elementId: string; waiting: number; overdue: number; incidents: number }>();
  for (const row of rows) {
    const entry = byElement.get(row.element_id) ?? { elementId: row.element_id, waiting: 0, overdue: 0, incidents: 0 };
    byElement.set(row.element_id, entry);
    entry[row.kind as 'waiting' | 'overdue' | 'incidents'] += Number(row.total);
  }
  return [...byElement.values()].sort((a, b) => a.elementId.localeCompare(b.elementId));
}
