/**
 * User-task forms (JSON Schemas, versioned by key; store/forms.ts): the latest version of every
 * form, and one form by key (latest, or `?version=`). Forms are part of the procedures, so reading
 * them needs `read ProcessDefinition`. They are written by deployments (routes/deployments.ts) and
 * by the server's seed from workflows/forms/.
 */
import { defineRoute } from '../http/route.js';
import { notFound } from '../errors/problem.js';
import { FORM_KEY_PATTERN, formVersion, latestForm, listLatestForms, type StoredForm } from '../store/forms.js';

const keySchema = { type: 'string', pattern: FORM_KEY_PATTERN } as const;

const summarySchema = {
  type: 'object',
  properties: {
    key: { type: 'string' },
    version: { type: 'integer' },
    title: { type: ['string', 'null'], description: "The schema's title" },
    deploymentId: { type: ['string', 'null'] },
    createdBy: { type: ['string', 'null'] },
    createdAt: { type: 'string', format: 'date-time' },
  },
} as const;

const formSchema = {
  type: 'object',
  properties: { ...summarySchema.properties, schema: { type: 'object', description: 'The JSON Schema of the form' } },
} as const;

const summary = ({ schema, ...form }: StoredForm) => ({ ...form, title: typeof schema.title === 'string' ? schema.title : null });

const list = defineRoute<Record<string, never>, Record<string, never>>({
  method: 'get',
  path: '/api/forms',
  summary: 'The latest version of every form',
  tags: ['forms'],
  permission: { action: 'read', subject: 'ProcessDefinition' },
  response: { type: 'object', properties: { items: { type: 'array', items: summarySchema }, total: { type: 'integer' } } },
  async handler({ services }) {
    const items = (await listLatestForms(services.sql)).map(summary);
    return { items, total: items.length };
  },
});

const get = defineRoute<{ key: string }, { version?: number }>({
  method: 'get',
  path: '/api/forms/{key}',
  summary: 'A form with its JSON Schema: the latest version, or the one asked for',
  tags: ['forms'],
  permission: { action: 'read', subject: 'ProcessDefinition' },
  params: { type: 'object', required: ['key'], additionalProperties: false, properties: { key: keySchema } },
  query: { type: 'object', additionalProperties: false, properties: { version: { type: 'integer', minimum: 1, maximum: 1_000_000 } } },
  response: formSchema,
  problems: [404],
  async handler({ params, query, services }) {
    const form = query.version === undefined ? await latestForm(services.sql, params.key) : await formVersion(services.sql, params.key, query.version);
    if (!form) throw notFound('form', query.version === undefined ? params.key : `${params.key} v${query.version}`);
    return { ...summary(form), schema: form.schema };
  },
});

export default [list, get];
