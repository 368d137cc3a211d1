/**
 * User-task forms are JSON Schemas (draft 2020-12 by default, or draft-07 when `$schema` says so),
 * compiled with AJV and ajv-formats in strict mode so that a misspelt keyword is an error when the
 * form is deployed, not a field that is silently never checked. Every schema gets an AJV instance
 * of its own, so two versions of a form with the same `$id` never collide; remote `$ref`s are never
 * fetched (a reference that is not inside the schema is an error).
 *
 * `checkFormFile` reads an uploaded `<key>.json` / `<key>.form.json` file into a form or problems;
 * `compileFormSchema` is shared with the check of submitted form data (form-data.ts).
 */
import { Ajv, type Options, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { HttpProblem, type ProblemItem } from '../errors/problem.js';
import { guardJson } from '../http/json-guard.js';
import { FORM_KEY_PATTERN } from '../store/forms.js';

const addFormats = addFormatsModule.default;

export const DRAFT_2020_12 = 'https://json-schema.org/draft/2020-12/schema';
export const DRAFT_07 = 'http://json-schema.org/draft-07/schema';

/** Deepest nesting accepted in a form schema (a real form is a few levels deep). */
export const MAX_FORM_DEPTH = 64;

const OPTIONS: Options = {
  allErrors: true,
  strict: true,
  // Form authors write `properties` without `type: object` and the like; those are not mistakes.
  strictTypes: false,
  strictTuples: false,
  strictRequired: false,
  allowUnionTypes: true,
  coerceTypes: false,
  useDefaults: false,
  removeAdditional: false,
  validateFormats: true,
};

type Dialect = '2020-12' | 'draft-07';

function dialectOf(schema: Record<string, unknown>): Dialect | undefined {
  const declared = schema.$schema;
  if (declared === undefined) return '2020-12';
  if (typeof declared !== 'string') return undefined;
  const uri = declared.replace(/#$/, '');
  if (uri === DRAFT_2020_12) return '2020-12';
  if (uri === DRAFT_07 || uri === DRAFT_07.replace('http:', 'https:')) return 'draft-07';
  return undefined;
}

/** Thrown by compileFormSchema: the schema cannot be used, with the reason. */
export class FormSchemaError extends Error {
  constructor(
    message: string,
    readonly field: string = '',
  ) {
    super(message);
    this.name = 'FormSchemaError';
  }
}

/** Compiles a form schema with a fresh AJV instance; a FormSchemaError says why it cannot be used. */
export function compileFormSchema(schema: Record<string, unknown>): ValidateFunction {
  const dialect = dialectOf(schema);
  if (!dialect) {
    throw new FormSchemaError(`$schema must be ${DRAFT_2020_12} (the default) or ${DRAFT_07}#`, '/$schema');
  }
  const ajv = dialect === '2020-12' ? new Ajv2020(OPTIONS) : new Ajv(OPTIONS);
  addFormats(ajv);
  try {
    return ajv.compile(schema);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    // AJV names the failing keyword's place in its message ("schema is invalid: data/properties/a/type must be ...").
    throw new FormSchemaError(`not a usable JSON Schema: ${detail.replace(/\s+/g, ' ').slice(0, 500)}`);
  }
}

export interface CheckedForm {
  readonly key: string;
  readonly schema: Record<string, unknown>;
}

/** `a.form.json` → `a`, `a.json` → `a`; anything else → undefined. */
export function formKeyOfFile(fileName: string): string | undefined {
  if (fileName.endsWith('.form.json')) return fileName.slice(0, -'.form.json'.length);
  if (fileName.endsWith('.json')) return fileName.slice(0, -'.json'.length);
  return undefined;
}

/**
 * Reads one uploaded form file: UTF-8 JSON, a JSON object, a key (the file name) that a model can
 * name as `schema:<key>`, and a schema AJV compiles. Returns the form, or the problems (each
 * naming the file, and the place in the schema where there is one).
 */
export function checkFormFile(fileName: string, content: Buffer): { form?: CheckedForm; problems: ProblemItem[] } {
  const problem = (code: string, message: string, field?: string): { problems: ProblemItem[] } => ({
    problems: [{ file: fileName, ...(field ? { field } : {}), code, message }],
  });
  const key = formKeyOfFile(fileName);
  if (key === undefined || !new RegExp(FORM_KEY_PATTERN).test(key)) {
    return problem('invalid-form-key', `The form key '${key ?? fileName}' (the file name without .json or .form.json) must be 1–128 letters, digits, '.', '-' or '_'`);
  }
  let schema: unknown;
  try {
    schema = JSON.parse(content.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (error) {
    return problem('invalid-json', `The file is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) {
    return problem('invalid-form-schema', 'A form schema must be a JSON object');
  }
  try {
    guardJson(schema, MAX_FORM_DEPTH);
  } catch (error) {
    if (error instanceof HttpProblem) {
      const item = error.errors[0];
      return problem('invalid-form-schema', `${error.detail}`, item?.field?.replace(/^\/body/, '') || undefined);
    }
    throw error;
  }
  const object = schema as Record<string, unknown>;
  if (object.type !== undefined && object.type !== 'object') {
    return problem('invalid-form-schema', "A form describes the task's variables: its top-level type must be 'object'", '/type');
  }
  try {
    compileFormSchema(object);
  } catch (error) {
    if (error instanceof FormSchemaError) return problem('invalid-form-schema', error.message, error.field || undefined);
    throw error;
  }
  return { form: { key, schema: object }, problems: [] };
}
