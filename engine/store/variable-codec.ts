/**
 * How process variables are stored: a type tag plus text. Values must be JSON data (strings,
 * finite numbers, booleans, null, arrays and plain objects) or Dates; anything else is refused
 * with the variable's name, before anything is written.
 */
import { InvalidInputError } from '../errors.js';

export type VariableType = 'null' | 'string' | 'number' | 'boolean' | 'date' | 'json';

export interface EncodedVariable {
  type: VariableType;
  value: string | null;
}

function assertJsonData(value: unknown, path: string): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new InvalidInputError(path, 'numbers must be finite');
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, index) => assertJsonData(item, `${path}[${index}]`));
    return;
  }
  if (typeof value === 'object') {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      throw new InvalidInputError(path, `a ${proto?.constructor?.name ?? 'class'} instance is not JSON data`);
    }
    for (const [key, item] of Object.entries(value)) assertJsonData(item, `${path}.${key}`);
    return;
  }
  throw new InvalidInputError(path, `a ${typeof value} cannot be stored as a variable`);
}

export function encodeVariable(name: string, value: unknown): EncodedVariable {
  const path = `variables.${name}`;
  if (value === undefined) throw new InvalidInputError(path, 'undefined cannot be stored; use null');
  if (value === null) return { type: 'null', value: null };
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new InvalidInputError(path, 'invalid date');
    return { type: 'date', value: value.toISOString() };
  }
  switch (typeof value) {
    case 'string':
      return { type: 'string', value };
    case 'number':
      assertJsonData(value, path);
      return { type: 'number', value: String(value) };
    case 'boolean':
      return { type: 'boolean', value: String(value) };
    default:
      assertJsonData(value, path);
      return { type: 'json', value: JSON.stringify(value) };
  }
}

export function decodeVariable(type: string, value: string | null): unknown {
  switch (type as VariableType) {
    case 'null':
      return null;
    case 'string':
      return value ?? '';
    case 'number':
      return Number(value);
    case 'boolean':
      return value === 'true';
    case 'date':
      return new Date(String(value));
    case 'json':
      return JSON.parse(String(value));
    default:
      throw new Error(`Unknown stored variable type '${type}'`);
  }
}

/** Checks every variable of a request before any of them is used. */
export function validateVariables(variables: unknown, field = 'variables'): Record<string, unknown> {
  if (variables === undefined || variables === null) return {};
  if (typeof variables !== 'object' || Array.isArray(variables)) {
    throw new InvalidInputError(field, 'must be an object of name → value');
  }
  for (const [name, value] of Object.entries(variables)) {
    if (name === '' || name.length > 255) throw new InvalidInputError(`${field}.${name}`, 'a variable name must have 1 to 255 characters');
    encodeVariable(name, value);
  }
  return variables as Record<string, unknown>;
}
