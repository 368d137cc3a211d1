/**
 * The form store: JSON Schemas by key, versioned (migrations/002-forms.ts). Saving the schema the
 * latest version already has stores nothing (like a duplicate deploy); a new version bumps the
 * forms' version setting, so servers read the latest forms again (versioned-cache.ts). A model
 * names its form as `camunda:formKey="schema:<key>"`; `formKeyOf` reads the key out of that.
 */
import { createHash } from 'node:crypto';
import { iso, type Sql } from './sql.js';
import { bumpVersion, FORMS_VERSION } from './settings.js';

export interface StoredForm {
  readonly key: string;
  readonly version: number;
  readonly schema: Record<string, unknown>;
  readonly deploymentId: string | null;
  readonly createdBy: string | null;
  readonly createdAt: string;
}

interface FormRow {
  key: string;
  version: number | string;
  schema: string;
  schema_hash: string;
  deployment_id: string | null;
  created_by: string | null;
  created_at: unknown;
}

const toForm = (row: FormRow): StoredForm => ({
  key: row.key,
  version: Number(row.version),
  schema: JSON.parse(row.schema) as Record<string, unknown>,
  deploymentId: row.deployment_id,
  createdBy: row.created_by,
  createdAt: iso(row.created_at),
});

/** Form keys: letters, digits, dot, dash and underscore. */
export const FORM_KEY_PATTERN = '^[A-Za-z0-9._-]{1,128}$';

/** `schema:household-registration-review` → `household-registration-review`; other form keys → undefined. */
export function formKeyOf(taskFormKey: string | null): string | undefined {
  const match = taskFormKey ? /^schema:([A-Za-z0-9._-]{1,128})$/.exec(taskFormKey) : null;
  return match?.[1];
}

export async function latestForm(sql: Sql, key: string): Promise<StoredForm | undefined> {
  const [row] = await sql.select<FormRow>('SELECT * FROM forms WHERE key = :key ORDER BY version DESC LIMIT 1', { key });
  return row ? toForm(row) : undefined;
}

export async function formVersion(sql: Sql, key: string, version: number): Promise<StoredForm | undefined> {
  const [row] = await sql.select<FormRow>('SELECT * FROM forms WHERE key = :key AND version = :version', { key, version });
  return row ? toForm(row) : undefined;
}

/** The latest version of every form, by key (kept in memory by services.latestForms). */
export async function latestFormsByKey(sql: Sql): Promise<ReadonlyMap<string, StoredForm>> {
  return new Map((await listLatestForms(sql)).map((form) => [form.key, form]));
}

/** The latest version of every form, by key. */
export async function listLatestForms(sql: Sql): Promise<StoredForm[]> {
  const rows = await sql.select<FormRow>(
    'SELECT f.* FROM forms f WHERE f.version = (SELECT MAX(v.version) FROM forms v WHERE v.key = f.key) ORDER BY f.key',
  );
  return rows.map(toForm);
}

/**
 * Stores a new version of the form unless the latest version has the same schema; returns the form
 * as stored (new or latest). Call inside a transaction when several forms go together.
 */
export async function saveForm(
  sql: Sql,
  form: { key: string; schema: Record<string, unknown>; deploymentId: string | null; createdBy: string | null; at: Date },
): Promise<{ form: StoredForm; duplicate: boolean }> {
  const text = JSON.stringify(form.schema);
  const hash = createHash('sha256').update(text).digest('hex');
  const [latest] = await sql.select<FormRow>('SELECT * FROM forms WHERE key = :key ORDER BY version DESC LIMIT 1', { key: form.key });
  if (latest?.schema_hash === hash) return { form: toForm(latest), duplicate: true };
  const version = latest ? Number(latest.version) + 1 : 1;
  await sql.run(
    `INSERT INTO forms (key, version, schema, schema_hash, deployment_id, created_by, created_at)
     VALUES (:key, :version, :schema, :hash, :deploymentId, :createdBy, :at)`,
    { key: form.key, version, schema: text, hash, deploymentId: form.deploymentId, createdBy: form.createdBy, at: form.at },
  );
  await bumpVersion(sql, FORMS_VERSION, form.at);
  return { form: (await formVersion(sql, form.key, version))!, duplicate: false };
}
