/** The unit tree (province → departments / communes → divisions): rows and subtree arithmetic. */
import { iso, type Sql } from './sql.js';
import type { SqlFilter } from '../auth/sql-filter.js';
import { bumpVersion, UNIT_TREE_VERSION } from './settings.js';

export const UNIT_KINDS = ['province', 'department', 'commune', 'division'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export interface Unit {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly kind: UnitKind;
  readonly parentId: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

interface UnitRow {
  id: string;
  code: string;
  name: string;
  kind: UnitKind;
  parent_id: string | null;
  created_at: unknown;
  updated_at: unknown;
}

const toUnit = (row: UnitRow): Unit => ({
  id: row.id,
  code: row.code,
  name: row.name,
  kind: row.kind,
  parentId: row.parent_id,
  createdAt: iso(row.created_at),
  updatedAt: iso(row.updated_at),
});

/** The columns a permission rule's Unit conditions map to. */
export const UNIT_COLUMNS = { id: 'u.id', parentId: 'u.parent_id', kind: 'u.kind' } as const;

export async function listUnits(
  sql: Sql,
  access: SqlFilter,
  query: { parentId?: string; kind?: string; limit: number; offset: number },
): Promise<{ items: Unit[]; total: number }> {
  const where = [access.sql];
  const replacements: Record<string, unknown> = { ...access.replacements, limit: query.limit, offset: query.offset };
  if (query.parentId !== undefined) {
    where.push('u.parent_id = :parentId');
    replacements.parentId = query.parentId;
  }
  if (query.kind !== undefined) {
    where.push('u.kind = :kind');
    replacements.kind = query.kind;
  }
  const clause = where.map((c) => `(${c})`).join(' AND ');
  const [rows, [count]] = await Promise.all([
    sql.select<UnitRow>(`SELECT u.* FROM units u WHERE ${clause} ORDER BY u.code, u.id LIMIT :limit OFFSET :offset`, replacements),
    sql.select<{ n: number | string }>(`SELECT COUNT(*) AS n FROM units u WHERE ${clause}`, replacements),
  ]);
  return { items: rows.map(toUnit), total: Number(count?.n ?? 0) };
}

/** One unit, if it exists and passes the access filter. */
export async function findUnit(sql: Sql, id: string, access?: SqlFilter): Promise<Unit | undefined> {
  const [row] = await sql.select<UnitRow>(`SELECT u.* FROM units u WHERE u.id = :id AND (${access?.sql ?? '1=1'})`, {
    ...access?.replacements,
    id,
  });
  return row ? toUnit(row) : undefined;
}

export async function findUnitByCode(sql: Sql, code: string): Promise<Unit | undefined> {
  const [row] = await sql.select<UnitRow>('SELECT u.* FROM units u WHERE u.code = :code', { code });
  return row ? toUnit(row) : undefined;
}

export async function insertUnit(
  sql: Sql,
  unit: { id: string; code: string; name: string; kind: UnitKind; parentId: string | null },
  now: Date,
): Promise<Unit> {
  await sql.run(
    'INSERT INTO units (id, code, name, kind, parent_id, created_at, updated_at) VALUES (:id, :code, :name, :kind, :parentId, :now, :now)',
    { ...unit, now },
  );
  await bumpUnitTreeVersion(sql, now);
  return (await findUnit(sql, unit.id))!;
}

/** Marks the unit tree as changed, so that servers holding it in memory read it again (versioned-cache.ts). */
const bumpUnitTreeVersion = (sql: Sql, now: Date) => bumpVersion(sql, UNIT_TREE_VERSION, now);

export async function updateUnit(
  sql: Sql,
  id: string,
  changes: { code?: string; name?: string; kind?: UnitKind; parentId?: string | null },
  now: Date,
): Promise<void> {
  const sets: string[] = ['updated_at = :now'];
  const columns = { code: 'code', name: 'name', kind: 'kind', parentId: 'parent_id' } as const;
  for (const [field, column] of Object.entries(columns)) {
    if (field in changes) sets.push(`${column} = :${field}`);
  }
  await sql.run(`UPDATE units SET ${sets.join(', ')} WHERE id = :id`, { parentId: null, ...changes, id, now });
  await bumpUnitTreeVersion(sql, now);
}

export interface UnitLink {
  readonly id: string;
  /** The unit's e-ID: how processes and tasks name their unit (the engine stores the code). */
  readonly code: string;
  readonly parentId: string | null;
}

export async function unitLinks(sql: Sql): Promise<UnitLink[]> {
  return (await sql.select<{ id: string; code: string; parent_id: string | null }>('SELECT id, code, parent_id FROM units')).map((r) => ({
    id: r.id,
    code: r.code,
    parentId: r.parent_id,
  }));
}

/** A unit and every unit below it. */
export function subtreeOf(links: readonly UnitLink[], rootId: string): string[] {
  const children = new Map<string, string[]>();
  for (const link of links) {
    if (link.parentId === null) continue;
    const list = children.get(link.parentId) ?? [];
    list.push(link.id);
    children.set(link.parentId, list);
  }
  const result: string[] = [];
  const seen = new Set<string>();
  const stack = [rootId];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    result.push(id);
    stack.push(...(children.get(id) ?? []));
  }
  return result;
}
