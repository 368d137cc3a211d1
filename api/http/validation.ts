/**
 * Request validation with AJV (JSON Schema draft 2020-12 is what OpenAPI 3.1 speaks; AJV's default
 * draft-07 vocabulary covers what the routes use). Bodies are validated as sent; path parameters
 * and query strings are coerced to the schema's types (a query `?limit=5` becomes the number 5).
 * Errors become problem items naming the field as a JSON pointer (`/body/username`, `/query/limit`).
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { ProblemItem } from '../errors/problem.js';

export type JsonSchema = Readonly<Record<string, unknown>>;

const addFormats = addFormatsModule.default;

function newAjv(coerce: boolean): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    strict: true,
    allowUnionTypes: true,
    useDefaults: true,
    coerceTypes: coerce ? 'array' : false,
    removeAdditional: false,
    // OpenAPI keywords that AJV does not validate.
    keywords: ['example'],
  });
  addFormats(ajv);
  return ajv;
}

const bodyAjv = newAjv(false);
const stringAjv = newAjv(true);

export type Part = 'params' | 'query' | 'body';

export interface CompiledValidator {
  (value: unknown): ProblemItem[];
}

const MAX_REPORTED_ERRORS = 20;

function toItem(part: Part, error: ErrorObject): ProblemItem {
  let field = `/${part}${error.instancePath}`;
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required') field += `/${String(params.missingProperty)}`;
  if (error.keyword === 'additionalProperties') {
    return { field: `${field}/${String(params.additionalProperty)}`, message: 'is not a known property' };
  }
  if (error.keyword === 'enum') {
    return { field, message: `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}` };
  }
  return { field, message: error.message ?? 'is not valid' };
}

export function compileValidator(part: Part, schema: JsonSchema): CompiledValidator {
  const validate: ValidateFunction = (part === 'body' ? bodyAjv : stringAjv).compile(schema);
  return (value) => {
    if (validate(value)) return [];
    return (validate.errors ?? []).slice(0, MAX_REPORTED_ERRORS).map((error) => toItem(part, error));
  };
}
