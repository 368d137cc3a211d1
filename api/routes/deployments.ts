/**
 * Deployments: BPMN models and their form schemas, uploaded together.
 *
 * `POST /api/deployments` takes `multipart/form-data` as Camunda Modeler sends it (text fields
 * `deployment-name`, `deployment-source`, `deploy-changed-only`, `enable-duplicate-filtering`,
 * `tenant-id`; every file part is a resource: `*.bpmn` / `*.bpmn20.xml` models, `<key>.json` /
 * `<key>.form.json` form schemas), or one model as a raw `application/xml` / `text/xml` body
 * (`?name=` names the deployment).
 *
 * Everything is checked before anything is stored: each model as the engine would deploy it
 * (engine.checkModel; a DOCTYPE is refused outright, so no entity is ever expanded), each form as
 * a JSON Schema AJV compiles, process keys and form keys unique within the upload, and every
 * `camunda:formKey="schema:<key>"` resolving to a form of this upload or one already stored. Any
 * problem: 422 listing each with its file and element id or field, and nothing stored. Then each
 * model is deployed (one engine deployment each; identical XML stores nothing), and the forms and
 * the audit entry are written in one API transaction. The engine cannot join that transaction, so
 * a database failure between the two steps could leave models deployed without their forms.
 *
 * The response's `id` is the engine's deployment id when the upload held exactly one model, and
 * otherwise an id of the upload (the forms' deploymentId and the audit entry's subject); each
 * definition carries its own engine deploymentId.
 */
import { randomUUID } from 'node:crypto';
import { DeploymentError, InvalidInputError, type DeploymentResult, type Engine } from '../../engine/index.js';
import { defineRoute } from '../http/route.js';
import { badRequest, forbidden, unprocessable, type ProblemItem } from '../errors/problem.js';
import { can } from '../auth/ability.js';
import { readUpload, type UploadedFile, type UploadLimits } from '../http/upload.js';
import { checkFormFile, formKeyOfFile, type CheckedForm } from '../forms/form-schema.js';
import { schemaFormReferences } from '../forms/form-references.js';
import { formKeyOf, latestForm, saveForm } from '../store/forms.js';
import { text } from './common.js';
import { definitionSchema } from './process-definitions.js';

export const DEPLOYMENT_LIMITS: UploadLimits = {
  fileBytes: 4 * 1024 * 1024,
  totalBytes: 16 * 1024 * 1024,
  files: 20,
  fields: 10,
  fieldBytes: 1024,
};

/** The text fields accepted in a multipart deployment (Camunda 7's deployment/create names). */
export const DEPLOYMENT_FIELDS = ['deployment-name', 'deployment-source', 'deploy-changed-only', 'enable-duplicate-filtering', 'tenant-id'] as const;

/** Most problems listed in one 422. */
const MAX_PROBLEMS = 100;

const MODEL_SUFFIXES = ['.bpmn', '.bpmn20.xml'];
const isModelFile = (name: string): boolean => MODEL_SUFFIXES.some((suffix) => name.toLowerCase().endsWith(suffix));

/** A deployed version in the answer: the definition's fields (not createdAt) and the file it came from. */
const deployedSchema = (({ createdAt: _createdAt, ...fields }) => ({
  type: 'object',
  properties: { ...fields, resource: { type: 'string', description: 'The file the definition came from' } },
}))(definitionSchema.properties);

const problemItemSchema = {
  type: 'object',
  properties: { file: { type: 'string' }, elementId: { type: 'string' }, field: { type: 'string' }, code: { type: 'string' }, message: { type: 'string' } },
} as const;

const deploymentSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    name: { type: ['string', 'null'] },
    definitions: { type: 'array', items: deployedSchema },
    forms: { type: 'array', items: { type: 'object', properties: { key: { type: 'string' }, version: { type: 'integer' }, duplicate: { type: 'boolean' } } } },
    duplicate: { type: 'boolean', description: 'True when nothing new was stored: every model and form was identical to its latest version' },
    warnings: { type: 'array', items: problemItemSchema },
  },
} as const;

interface DeployOptions {
  readonly name: string | null;
  readonly source: string | null;
}

// eslint-disable-next-line no-control-regex -- control characters are exactly what it looks for
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;
const BOOLEAN_FIELDS = new Set(['deploy-changed-only', 'enable-duplicate-filtering']);

/** The text fields: known names only, booleans as `true`/`false`, no tenants. */
function readFields(fields: ReadonlyMap<string, string>): DeployOptions {
  const problems: ProblemItem[] = [];
  for (const [name, value] of fields) {
    if (!(DEPLOYMENT_FIELDS as readonly string[]).includes(name)) {
      problems.push({ field: name, message: `is not a deployment field (known: ${DEPLOYMENT_FIELDS.join(', ')}; files are sent as file parts)` });
    } else if (BOOLEAN_FIELDS.has(name) && !['true', 'false'].includes(value)) {
      problems.push({ field: name, message: "must be 'true' or 'false'" });
    } else if (name === 'tenant-id' && value.trim() !== '') {
      problems.push({ field: name, message: 'this server has no tenants; leave it empty' });
    } else if (CONTROL_CHARACTERS.test(value)) {
      problems.push({ field: name, message: 'must not contain control characters' });
    }
  }
  const name = fields.get('deployment-name')?.trim() || null;
  if (name !== null && name.length > 255) problems.push({ field: 'deployment-name', message: 'must be at most 255 characters' });
  if (problems.length > 0) throw badRequest('invalid-request', 'The deployment fields are not valid', problems);
  return { name, source: fields.get('deployment-source')?.trim() || null };
}

interface CheckedModel {
  readonly file: string;
  readonly xml: string;
  readonly keys: readonly string[];
  readonly warnings: readonly ProblemItem[];
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function modelProblem(file: string, p: { elementId?: string; attribute?: string; code: string; message: string }): ProblemItem {
  return { file, ...(p.elementId ? { elementId: p.elementId } : {}), ...(p.attribute ? { field: p.attribute } : {}), code: p.code, message: p.message };
}

/** One model as the engine would deploy it; problems are pushed, the checked model returned. */
async function checkModelFile(engine: Engine, file: UploadedFile, label: string, problems: ProblemItem[]): Promise<CheckedModel | undefined> {
  let xml: string;
  try {
    xml = utf8.decode(file.content).replace(/^\uFEFF/, '');
  } catch {
    problems.push({ file: label, code: 'invalid-encoding', message: 'A model must be UTF-8 text' });
    return undefined;
  }
  // No DTDs: an entity declaration is how billion-laughs and external-entity attacks start, and
  // BPMN never needs one. Refused before any parser sees the text.
  if (/<!DOCTYPE/i.test(xml)) {
    problems.push({ file: label, code: 'doctype-not-allowed', message: 'A model must not contain a DOCTYPE (entity declarations are not accepted)' });
    return undefined;
  }
  try {
    const result = await engine.checkModel(xml);
    return { file: label, xml, keys: result.processes.map((p) => p.key), warnings: result.warnings.map((w) => modelProblem(label, w)) };
  } catch (error) {
    if (error instanceof DeploymentError) problems.push(...error.problems.map((p) => modelProblem(label, p)));
    else if (error instanceof InvalidInputError) problems.push({ file: label, code: 'xml-invalid', message: 'The model is empty' });
    else throw error;
    return undefined;
  }
}

const deploy = defineRoute<Record<string, never>, { name?: string }>({
  method: 'post',
  path: '/api/deployments',
  summary: 'Deploy BPMN models and form schemas (multipart, as Camunda Modeler sends them, or one model as XML)',
  description:
    'Multipart fields: deployment-name, deployment-source, deploy-changed-only, enable-duplicate-filtering, tenant-id (must be empty). ' +
    'Each file part is a resource: *.bpmn or *.bpmn20.xml models, <key>.json or <key>.form.json JSON Schemas of user-task forms. ' +
    `Limits: ${DEPLOYMENT_LIMITS.fileBytes / 1024 / 1024} MiB a file, ${DEPLOYMENT_LIMITS.totalBytes / 1024 / 1024} MiB together, ${DEPLOYMENT_LIMITS.files} files. ` +
    'Everything is checked before anything is stored; identical models and forms store nothing new (duplicate filtering is always on).',
  tags: ['deployments'],
  permission: { action: 'create', subject: 'Deployment' },
  status: 201,
  query: { type: 'object', additionalProperties: false, properties: { name: text(255) } },
  rawBody: {
    'multipart/form-data': {
      type: 'object',
      properties: {
        'deployment-name': { type: 'string', maxLength: 255 },
        'deployment-source': { type: 'string' },
        'deploy-changed-only': { enum: ['true', 'false'] },
        'enable-duplicate-filtering': { enum: ['true', 'false'] },
        'tenant-id': { type: 'string', maxLength: 0 },
      },
      additionalProperties: { type: 'string', contentMediaType: 'application/octet-stream', description: 'A .bpmn model or a .json form schema' },
    },
    'application/xml': { type: 'string', description: 'One BPMN 2.0 model' },
    'text/xml': { type: 'string', description: 'One BPMN 2.0 model' },
  },
  response: deploymentSchema,
  problems: [422],
  async handler({ query, request, principal, ability, services, audit }) {
    if (!can(ability, 'create', 'Deployment', { deployedBy: principal.username })) throw forbidden('You may not deploy');
    const upload = await readUpload(request, DEPLOYMENT_LIMITS);
    const options = readFields(upload.fields);
    const deploymentName = options.name ?? query.name ?? null;

    // Sort the files: models, forms, and anything else (refused by name).
    const modelFiles: UploadedFile[] = [];
    const formFiles: UploadedFile[] = [];
    const unknown: ProblemItem[] = [];
    for (const file of upload.files) {
      if (upload.kind === 'xml' || isModelFile(file.name)) modelFiles.push(file);
      else if (formKeyOfFile(file.name) !== undefined) formFiles.push(file);
      else unknown.push({ file: file.name, message: 'not a resource this server deploys: send .bpmn or .bpmn20.xml models and .json or .form.json form schemas' });
    }
    if (unknown.length > 0) throw badRequest('unsupported-file', `Unsupported file${unknown.length > 1 ? 's' : ''}: ${unknown.map((u) => u.file).join(', ')}`, unknown);
    if (modelFiles.length === 0 && formFiles.length === 0) throw badRequest('no-resources', 'The upload holds no model and no form');

    // Check everything before storing anything.
    const problems: ProblemItem[] = [];
    const models: CheckedModel[] = [];
    for (const file of modelFiles) {
      const label = upload.kind === 'xml' ? (deploymentName ?? 'request body') : file.name;
      const checked = await checkModelFile(services.engine, file, label, problems);
      if (checked) models.push(checked);
    }
    const processFile = new Map<string, string>();
    for (const model of models) {
      for (const key of model.keys) {
        const other = processFile.get(key);
        if (other !== undefined) problems.push({ file: model.file, elementId: key, code: 'duplicate-process-key', message: `The process '${key}' is also in ${other}; one upload deploys each process once` });
        else processFile.set(key, model.file);
      }
    }
    const forms = new Map<string, { form: CheckedForm; file: string }>();
    for (const file of formFiles) {
      const checked = checkFormFile(file.name, file.content);
      problems.push(...checked.problems);
      if (!checked.form) continue;
      const other = forms.get(checked.form.key);
      if (other) problems.push({ file: file.name, code: 'duplicate-form-key', message: `The form '${checked.form.key}' is also in ${other.file}` });
      else forms.set(checked.form.key, { form: checked.form, file: file.name });
    }
    for (const model of models) {
      for (const reference of schemaFormReferences(model.xml)) {
        const where = { file: model.file, ...(reference.elementId ? { elementId: reference.elementId } : {}), field: 'camunda:formKey' };
        const key = formKeyOf(reference.formKey);
        if (key === undefined) {
          problems.push({ ...where, code: 'invalid-form-key', message: `'${reference.formKey}' is not a form key: after 'schema:' come 1–128 letters, digits, '.', '-' or '_'` });
        } else if (!forms.has(key) && !(await latestForm(services.sql, key))) {
          problems.push({ ...where, code: 'unknown-form', message: `The form '${key}' is neither in this deployment (${key}.json) nor stored already` });
        }
      }
    }
    if (problems.length > 0) {
      const listed = problems.slice(0, MAX_PROBLEMS);
      throw unprocessable(
        'invalid-deployment',
        `The deployment has ${problems.length} problem${problems.length > 1 ? 's' : ''}${problems.length > listed.length ? ` (the first ${listed.length} listed)` : ''}; nothing was stored`,
        listed,
      );
    }

    // Store: each model, then the forms and the audit entry together.
    const deployed: Array<{ file: string; result: DeploymentResult }> = [];
    for (const model of models) {
      deployed.push({ file: model.file, result: await services.engine.deploy(model.xml, deploymentName ? { name: deploymentName } : {}) });
    }
    const id = deployed.length === 1 ? deployed[0]!.result.deploymentId : randomUUID();
    const definitions = deployed.flatMap(({ file, result }) => result.definitions.map((d) => ({ ...d, deploymentId: result.deploymentId, resource: file })));
    const warnings = models.flatMap((model) => model.warnings);
    const savedForms = await services.sql.transaction(async (sql) => {
      const saved: Array<{ key: string; version: number; duplicate: boolean }> = [];
      for (const { form } of forms.values()) {
        const result = await saveForm(sql, { key: form.key, schema: form.schema, deploymentId: id, createdBy: principal.username, at: services.clock.now() });
        saved.push({ key: result.form.key, version: result.form.version, duplicate: result.duplicate });
      }
      const duplicate = deployed.every((d) => d.result.duplicate) && saved.every((f) => f.duplicate);
      await audit(sql, {
        action: duplicate ? 'deploy-unchanged' : 'deploy',
        subject: 'Deployment',
        subjectId: id,
        unitId: null,
        after: {
          name: deploymentName,
          source: options.source,
          resources: upload.files.map((f) => (upload.kind === 'xml' ? (deploymentName ?? 'request body') : f.name)),
          definitions: definitions.map(({ id: definitionId, key, version, deploymentId }) => ({ id: definitionId, key, version, deploymentId })),
          forms: saved,
        },
      });
      return saved;
    });
    return {
      id,
      name: deploymentName,
      definitions,
      forms: savedForms,
      duplicate: deployed.every((d) => d.result.duplicate) && savedForms.every((f) => f.duplicate),
      warnings,
    };
  },
});

export default [deploy];
