/**
 * Seeds the procedure library in workflows/ on start: first the form schemas in workflows/forms/
 * (`<key>.json` or `<key>.form.json`), so that models can name them as `schema:<key>`, then the
 * models. Saving an unchanged form or deploying unchanged XML stores nothing, so this is safe on
 * every start; a changed file becomes the next version. A form that is not a usable JSON Schema
 * stops the start with its problems.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Clock, Engine } from '../engine/index.js';
import { checkFormFile, formKeyOfFile, type CheckedForm } from './forms/form-schema.js';
import { saveForm } from './store/forms.js';
import { isUniqueViolation, type Sql } from './store/sql.js';

export async function seedWorkflows(engine: Engine, directory: string): Promise<string[]> {
  const files = (await readdir(directory)).filter((file) => file.endsWith('.bpmn')).sort();
  const deployed: string[] = [];
  for (const file of files) {
    const result = await engine.deploy(await readFile(path.join(directory, file), 'utf8'), { name: file });
    deployed.push(...result.definitions.map((d) => `${d.key} v${d.version}`));
  }
  return deployed;
}

/** Saves each form of `directory` (a missing folder holds none); returns `key vN` of each. */
export async function seedForms(sql: Sql, clock: Clock, directory: string): Promise<string[]> {
  let names: string[];
  try {
    names = (await readdir(directory)).filter((file) => formKeyOfFile(file) !== undefined).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const forms: CheckedForm[] = [];
  for (const name of names) {
    const checked = checkFormFile(name, await readFile(path.join(directory, name)));
    if (!checked.form) throw new Error(`workflows form ${name}: ${checked.problems.map((p) => `${p.field ?? ''} ${p.message}`.trim()).join('; ')}`);
    forms.push(checked.form);
  }
  const keys = new Set<string>();
  for (const form of forms) {
    if (keys.has(form.key)) throw new Error(`workflows form '${form.key}' is in two files`);
    keys.add(form.key);
  }
  const save = () =>
    sql.transaction(async (tx) => {
      const saved: string[] = [];
      for (const form of forms) {
        const { form: stored } = await saveForm(tx, { key: form.key, schema: form.schema, deploymentId: null, createdBy: 'system', at: clock.now() });
        saved.push(`${stored.key} v${stored.version}`);
      }
      return saved;
    });
  try {
    return await save();
  } catch (error) {
    // Another server of the cluster seeded the same forms at the same moment: theirs are ours now.
    if (isUniqueViolation(error)) return save();
    throw error;
  }
}
