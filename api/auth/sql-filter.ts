/**
 * Permission rules as SQL: the caller's rules for (action, subject) become a WHERE condition, so
 * list queries filter in the database (never load-all-then-drop). CASL's rulesToAST gives the
 * rules as one condition tree (can-rules OR'ed, each bounded by the cannot-rules); this walks the
 * tree into SQL text with named replacements for sequelize.query (`:casl_0`…).
 *
 * The column mapping says what each condition field is in this query: a column or SQL expression
 * (`'t.unit_id'`), or a function for fields that are not one column (an array of candidate groups
 * in a join table: `EXISTS (…)`). A field mapped to `'NULL'` makes every comparison unknown, so it
 * grants nothing, also under NOT. A field that the mapping lacks is a programming error (thrown):
 * every field of catalogue.ts's SUBJECT_FIELDS for the subject should be mapped.
 */
import { rulesToAST } from '@casl/ability/extra';
import type { Condition, CompoundCondition, FieldCondition } from '@ucast/mongo2js';
import type { AppAbility } from './ability.js';
import type { Action, SubjectName } from './catalogue.js';

export interface SqlFilter {
  /** A boolean SQL expression: `1=1` when everything is allowed, `1=0` when nothing is. */
  readonly sql: string;
  readonly replacements: Readonly<Record<string, unknown>>;
}

/** `param(value)` binds a value and returns its placeholder (`:casl_3`). */
export type FieldSql = (operator: string, value: unknown, param: (value: unknown) => string) => string;
export type ColumnMapping = Readonly<Record<string, string | FieldSql>>;

export const ALLOW_ALL: SqlFilter = { sql: '1=1', replacements: {} };
export const ALLOW_NONE: SqlFilter = { sql: '1=0', replacements: {} };

const COMPARISONS: Readonly<Record<string, string>> = { eq: '=', ne: '<>', lt: '<', lte: '<=', gt: '>', gte: '>=' };

/** A column compared with a value, for the operators CASL's mongo conditions produce. */
export function compareColumn(column: string, operator: string, value: unknown, param: (value: unknown) => string): string {
  if (operator === 'in' || operator === 'nin') {
    const list = Array.isArray(value) ? value : [value];
    if (list.length === 0) return operator === 'in' ? '1=0' : '1=1';
    const nonNull = list.filter((v) => v !== null);
    const hasNull = nonNull.length !== list.length;
    const inList = nonNull.length > 0 ? `${column} IN (${param(nonNull)})` : '1=0';
    if (operator === 'in') return hasNull ? `(${inList} OR ${column} IS NULL)` : inList;
    return hasNull ? `(NOT ${inList} AND ${column} IS NOT NULL)` : `(${column} IS NULL OR NOT ${inList})`;
  }
  if (operator === 'eq' && value === null) return `${column} IS NULL`;
  if (operator === 'ne' && value === null) return `${column} IS NOT NULL`;
  if (operator === 'ne') return `(${column} IS NULL OR ${column} <> ${param(value)})`;
  const comparison = COMPARISONS[operator];
  if (!comparison) throw new Error(`Condition operator '${operator}' has no SQL translation`);
  return `${column} ${comparison} ${param(value)}`;
}

/**
 * The WHERE condition for the rows of `subjectName` that `ability` may `action`.
 * `prefix` names the replacements, so that two filters can share one query.
 */
export function accessibleWhere(
  ability: AppAbility,
  action: Action,
  subjectName: SubjectName,
  columns: ColumnMapping,
  prefix = 'casl',
): SqlFilter {
  const ast = rulesToAST(ability, action, subjectName);
  if (ast === null) return ALLOW_NONE;
  const replacements: Record<string, unknown> = {};
  let counter = 0;
  const param = (value: unknown): string => {
    const name = `${prefix}_${counter++}`;
    replacements[name] = value;
    return `:${name}`;
  };
  const walk = (condition: Condition): string => {
    const { operator } = condition;
    if (operator === 'and' || operator === 'or') {
      const parts = (condition as CompoundCondition).value.map(walk);
      if (parts.length === 0) return operator === 'and' ? '1=1' : '1=0';
      return `(${parts.join(operator === 'and' ? ' AND ' : ' OR ')})`;
    }
    if (operator === 'not') return `NOT (${walk((condition as CompoundCondition).value[0]!)})`;
    const field = (condition as FieldCondition).field;
    const mapped = typeof field === 'string' ? columns[field] : undefined;
    if (mapped === undefined) throw new Error(`No SQL column is mapped for ${subjectName}.${String(field)}`);
    const value = (condition as FieldCondition).value;
    return typeof mapped === 'function' ? mapped(operator, value, param) : compareColumn(mapped, operator, value, param);
  };
  return { sql: walk(ast), replacements };
}
