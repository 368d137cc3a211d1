/** Checks on the arguments of the engine's calls: a bad one is an InvalidInputError naming it. */
import { InvalidInputError } from './errors.js';

export function requireText(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new InvalidInputError(field, 'must be a non-empty text');
  return value;
}

export function optionalText(value: unknown, field: string): string | null {
  if (value === undefined || value === null) return null;
  return requireText(value, field);
}

export function optionalDate(value: unknown, field: string): void {
  if (value !== undefined && !(value instanceof Date && !Number.isNaN(value.getTime()))) throw new InvalidInputError(field, 'must be a valid date');
}
