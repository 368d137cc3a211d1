/** Schema pieces and small helpers shared by route files. */
import { notFound } from '../errors/problem.js';
import type { JsonSchema } from '../http/validation.js';

export const uuid = { type: 'string', format: 'uuid' } as const;

export const idParams: JsonSchema = {
  type: 'object',
  required: ['id'],
  additionalProperties: false,
  properties: { id: uuid },
};

/** `limit` (1–200, default 50) and `offset` query parameters. */
export const paging = {
  limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
  offset: { type: 'integer', minimum: 0, maximum: 1_000_000, default: 0 },
} as const;

export interface Paging {
  readonly limit: number;
  readonly offset: number;
}

export const page = (items: JsonSchema): JsonSchema => ({
  type: 'object',
  properties: { items: { type: 'array', items }, total: { type: 'integer' } },
});

/** A record the caller may not see is answered exactly like one that does not exist. */
export function visible<T>(record: T | undefined, what: string, id: string): T {
  if (record === undefined) throw notFound(what, id);
  return record;
}

/** A text field: trimmed length limits, no control characters. */
export const text = (maxLength: number, minLength = 1): JsonSchema => ({
  type: 'string',
  minLength,
  maxLength,
  pattern: '^[^\\u0000-\\u001f\\u007f]*$',
});
