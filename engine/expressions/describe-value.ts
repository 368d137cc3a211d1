/**
 * A short human description of a runtime value for error messages: its type and, for scalars,
 * the value itself ("string 'abc'", "number 3", "null", "list of 2", "object").
 */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return `string '${value.length > 60 ? `${value.slice(0, 57)}...` : value}'`;
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${String(value)}`;
  if (value instanceof Date) return `date ${isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString()}`;
  if (Array.isArray(value)) return `list of ${value.length}`;
  return typeof value === 'object' ? 'object' : typeof value;
}
