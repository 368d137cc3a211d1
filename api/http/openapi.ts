/**
 * The OpenAPI 3.1 document, generated from the declared routes: the same JSON Schemas that
 * validate requests describe them here (OpenAPI 3.1 uses JSON Schema as it is). Each operation
 * also says the permission it needs (`x-permission`) and which problems it can answer.
 */
import type { Route } from './route.js';
import type { JsonSchema } from './validation.js';
import { titleOf } from '../errors/problem.js';

const PROBLEM_SCHEMA = {
  type: 'object',
  required: ['type', 'title', 'status', 'code', 'detail'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    code: { type: 'string', description: 'Stable, for programs to branch on' },
    detail: { type: 'string' },
    instance: { type: 'string', description: 'The request id' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['message'],
        properties: { file: { type: 'string' }, field: { type: 'string' }, elementId: { type: 'string' }, code: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
};

function parametersOf(schema: JsonSchema | undefined, location: 'path' | 'query'): unknown[] {
  if (!schema) return [];
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || required.has(name),
    ...(typeof property.description === 'string' ? { description: property.description } : {}),
    schema: property,
  }));
}

function operation(route: Route): Record<string, unknown> {
  const success = route.status ?? 200;
  const problemStatuses = new Set<number>([
    ...(route.public ? [] : [401]),
    ...(route.permission ? [403] : []),
    ...(route.params || route.query || route.body ? [400] : []),
    ...(route.body || route.rawBody ? [413, 415] : []),
    ...(route.problems ?? []),
  ]);
  const responses: Record<string, unknown> = {
    [String(success)]: {
      description: success === 204 ? 'Done' : 'Success',
      ...(route.response ? { content: { 'application/json': { schema: route.response } } } : {}),
    },
  };
  for (const status of [...problemStatuses].sort()) {
    responses[String(status)] = { description: titleOf(status), content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
  }
  return {
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    tags: route.tags,
    ...(route.public ? { security: [] } : {}),
    ...(route.permission ? { 'x-permission': route.permission } : {}),
    parameters: [...parametersOf(route.params, 'path'), ...parametersOf(route.query, 'query')],
    ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: route.body } } } } : {}),
    ...(route.rawBody
      ? { requestBody: { required: true, content: Object.fromEntries(Object.entries(route.rawBody).map(([type, schema]) => [type, { schema }])) } }
      : {}),
    responses,
  };
}

export function buildOpenApi(routes: readonly Route[], info: { version: string }): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    (paths[route.path] ??= {})[route.method] = operation(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'motcua API',
      version: info.version,
      description:
        'BPMN workflow engine service for administrative procedures. Errors are application/problem+json with a stable `code`.',
    },
    jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
    security: [{ bearer: [] }, { apiKey: [] }],
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'Or `Authorization: ApiKey <key>`' },
      },
      schemas: { Problem: PROBLEM_SCHEMA },
    },
    paths,
  };
}
