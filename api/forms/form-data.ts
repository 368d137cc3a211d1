/**
 * Checks the variables submitted with a task against the task's form (a JSON Schema): AJV with
 * ajv-formats, every error reported (allErrors), nothing coerced and nothing filled in, so what is
 * validated is exactly what gets stored. Each error becomes a problem item naming the variable as
 * a JSON pointer (`/variables/applicant/idNumber`); an empty list means the data fits the form.
 *
 * Compiled validators are cached by a hash of the schema's JSON, so a form is compiled once per
 * process however many tasks use it, and a new version of the form is a new entry.
 */
import { createHash } from 'node:crypto';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { ProblemItem } from '../errors/problem.js';
import { compileFormSchema } from './form-schema.js';

/** Most problems reported for one submission. */
export const MAX_FORM_ERRORS = 50;
const CACHE_SIZE = 256;

const cache = new Map<string, ValidateFunction>();

function validatorFor(schema: Record<string, unknown>): ValidateFunction {
  const hash = createHash('sha256').update(JSON.stringify(schema)).digest('hex');
  let validate = cache.get(hash);
  if (validate) {
    // Most recently used last, so the oldest entry is the one dropped.
    cache.delete(hash);
    cache.set(hash, validate);
    return validate;
  }
  validate = compileFormSchema(schema);
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(hash, validate);
  return validate;
}

/** JSON pointer segments are escaped: `~` → `~0`, `/` → `~1`. */
const segment = (name: string): string => name.replace(/~/g, '~0').replace(/\//g, '~1');

function toItem(error: ErrorObject): ProblemItem {
  const params = error.params as Record<string, unknown>;
  const base = `/variables${error.instancePath}`;
  switch (error.keyword) {
    case 'required':
      return { field: `${base}/${segment(String(params.missingProperty))}`, message: 'is required' };
    case 'additionalProperties':
      return { field: `${base}/${segment(String(params.additionalProperty))}`, message: 'is not a field of this form' };
    case 'unevaluatedProperties':
      return { field: `${base}/${segment(String(params.unevaluatedProperty))}`, message: 'is not a field of this form' };
    case 'enum':
      return { field: base, message: `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}` };
    default:
      return { field: base, message: error.message ?? 'is not valid' };
  }
}

/**
 * The problems of `variables` against the form `schema` (at most MAX_FORM_ERRORS, one per field
 * and message); empty when the data fits. Throws FormSchemaError if the schema itself is unusable.
 */
export function validateFormData(schema: Record<string, unknown>, variables: Record<string, unknown>): ProblemItem[] {
  const validate = validatorFor(schema);
  if (validate(variables)) return [];
  const seen = new Set<string>();
  const items: ProblemItem[] = [];
  for (const error of validate.errors ?? []) {
    const item = toItem(error);
    const id = `${item.field} ${item.message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    items.push(item);
    if (items.length >= MAX_FORM_ERRORS) break;
  }
  return items;
}
