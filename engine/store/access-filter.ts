/**
 * Access filters: which rows a caller may see, as data. The API builds them from the caller's CASL
 * rules (rulesToQuery), so the rules that guard an action also filter its lists, in SQL. A row
 * passes when at least one clause of `anyOf` holds (no `anyOf`: no restriction; an empty one:
 * nothing passes) and no clause of `noneOf` holds; a clause holds when every one of its conditions
 * does. Conditions name fields, never columns: each query maps the fields it allows to SQL, and an
 * unknown field or operator is an InvalidInputError, because a rule a query cannot honour must
 * never widen what a caller sees.
 */
import { InvalidInputError } from '../errors.js';

type Scalar = string | number | boolean | null;
export type AccessValue = Scalar | { readonly $in: readonly Scalar[] } | { readonly $nin: readonly Scalar[] } | { readonly $ne: Scalar };
export type AccessClause = Readonly<Record<string, AccessValue>>;

export interface AccessFilter {
  readonly anyOf?: readonly AccessClause[];
  readonly noneOf?: readonly AccessClause[];
}

/**
 * How a query maps a field: a column compared directly, or a set-valued field (a task's candidate
 * groups) given as the SQL that holds when the row has one of the values (placeholders given).
 */
export type FieldSql = { readonly column: string } | { readonly hasAny: (placeholders: readonly string[]) => string };

type Param = (value: unknown) => string;

function inList(field: FieldSql, values: readonly Scalar[], param: Param): string {
  const present = values.filter((value) => value !== null);
  if ('hasAny' in field) return present.length === 0 ? '1 = 0' : field.hasAny(present.map(param));
  // Never NULL (a NULL would make NOT drop the row): "IS NOT NULL AND IN", or "IS NULL".
  const parts = present.length === 0 ? [] : [`(${field.column} IS NOT NULL AND ${field.column} IN (${present.map(param).join(', ')}))`];
  if (present.length !== values.length) parts.push(`${field.column} IS NULL`);
  return parts.length === 0 ? '1 = 0' : `(${parts.join(' OR ')})`;
}

function condition(name: string, value: AccessValue, fields: Readonly<Record<string, FieldSql>>, param: Param): string {
  const field = fields[name];
  if (!field) throw new InvalidInputError(`access.${name}`, `this list cannot be filtered by '${name}' (fields: ${Object.keys(fields).join(', ')})`);
  if (value === null || typeof value !== 'object') return inList(field, [value], param);
  const operators = Object.keys(value);
  if (operators.length !== 1) throw new InvalidInputError(`access.${name}`, 'a condition has exactly one operator ($in, $nin or $ne)');
  if ('$in' in value && Array.isArray(value.$in)) return inList(field, value.$in, param);
  if ('$nin' in value && Array.isArray(value.$nin)) return `NOT ${inList(field, value.$nin, param)}`;
  if ('$ne' in value) return `NOT ${inList(field, [value.$ne], param)}`;
  throw new InvalidInputError(`access.${name}`, `unknown operator '${operators[0]}' (use $in, $nin or $ne)`);
}

function clause(conditions: AccessClause, fields: Readonly<Record<string, FieldSql>>, param: Param): string {
  const parts = Object.entries(conditions).map(([name, value]) => condition(name, value, fields, param));
  return parts.length === 0 ? '1 = 1' : `(${parts.join(' AND ')})`;
}

/** Filters that must all hold: one, or several (what a caller may see and what they may do). */
export type AccessFilters = AccessFilter | readonly AccessFilter[];

/** The filters as one SQL condition over the query's fields; `param` adds a parameter and names it. */
export function accessSql(filters: AccessFilters | undefined, fields: Readonly<Record<string, FieldSql>>, param: Param): string {
  if (!filters) return '1 = 1';
  if (Array.isArray(filters)) {
    const parts = (filters as readonly AccessFilter[]).map((filter) => accessSql(filter, fields, param)).filter((part) => part !== '1 = 1');
    return parts.length === 0 ? '1 = 1' : parts.join(' AND ');
  }
  const filter = filters as AccessFilter;
  const parts: string[] = [];
  if (filter.anyOf) {
    parts.push(filter.anyOf.length === 0 ? '1 = 0' : `(${filter.anyOf.map((c) => clause(c, fields, param)).join(' OR ')})`);
  }
  for (const denied of filter.noneOf ?? []) parts.push(`NOT ${clause(denied, fields, param)}`);
  return parts.length === 0 ? '1 = 1' : parts.join(' AND ');
}
