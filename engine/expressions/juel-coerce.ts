/**
 * EL type coercions and operator rules (EL specification sections 1.7-1.8 and 1.18), mapped onto
 * the JSON-like values our process variables hold.
 *
 * - To number: null and '' are 0; a numeric string is parsed (strictly: '12', '-1.5', '2e3');
 *   anything else (booleans, other strings, objects) is an error.
 * - To boolean: null and '' are false; a string is true only when it equals 'true' ignoring case;
 *   numbers and objects are an error.
 * - Equality: numbers compare numerically when either side is a number, then booleans, then
 *   strings by value; null equals only null; arrays and objects compare structurally (as Java's
 *   List/Map.equals would); dates compare by instant.
 * - Relational: null on either side gives false; numbers numerically; strings by UTF-16 code
 *   units (Java's compareTo); dates by instant; booleans false < true.
 * JavaScript has one number type, so the Long/Double split of EL is not visible: integers stay
 * integers under + - * % because JavaScript's arithmetic already does, and `/` is always a
 * decimal division.
 */
import { describeValue } from './describe-value.js';

/** An evaluation failure with its reason; juel.ts wraps it into ExpressionEvaluationError. */
export class JuelFailure extends Error {}

const NUMERIC = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

export function toNumber(value: unknown): number {
  if (value === null || value === undefined || value === '') return 0;
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && NUMERIC.test(value)) return Number(value);
  throw new JuelFailure(`Cannot coerce ${describeValue(value)} to a number`);
}

export function toBoolean(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return false;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') return value.toLowerCase() === 'true';
  throw new JuelFailure(`Cannot coerce ${describeValue(value)} to a boolean`);
}

/** How a value is written into a composite template (`Task ${n}`). */
export function toText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value instanceof Date) return value.toISOString();
  return JSON.stringify(value) ?? '';
}

export function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (value instanceof Map || value instanceof Set) return value.size === 0;
  if (isPlainObject(value)) return Object.keys(value).length === 0;
  return false;
}

export function equals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || a === undefined || b === null || b === undefined) return false;
  if (typeof a === 'number' || typeof b === 'number') return toNumber(a) === toNumber(b);
  if (typeof a === 'boolean' || typeof b === 'boolean') return toBoolean(a) === toBoolean(b);
  if (typeof a === 'string' || typeof b === 'string') {
    const other = typeof a === 'string' ? b : a;
    const text = typeof a === 'string' ? a : (b as string);
    return other instanceof Date ? !isNaN(other.getTime()) && other.toISOString() === text : false;
  }
  return deepEquals(a, b);
}

/** Negative, zero or positive like Java's compareTo; null when either side is null (all relations false). */
export function compare(a: unknown, b: unknown): number | null {
  if (a === b) return 0;
  if (a === null || a === undefined || b === null || b === undefined) return null;
  if (typeof a === 'number' || typeof b === 'number') return toNumber(a) - toNumber(b);
  if (typeof a === 'string' || typeof b === 'string') {
    const left = comparableText(a);
    const right = comparableText(b);
    return left < right ? -1 : left > right ? 1 : 0;
  }
  if (a instanceof Date && b instanceof Date) return a.getTime() - b.getTime();
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  throw new JuelFailure(`Cannot compare ${describeValue(a)} with ${describeValue(b)}`);
}

function comparableText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  throw new JuelFailure(`Cannot coerce ${describeValue(value)} to a string`);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

function deepEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => deepEquals(item, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length &&
      keys.every((key) => Object.prototype.hasOwnProperty.call(b, key) && deepEquals(a[key], b[key]))
    );
  }
  return false;
}
