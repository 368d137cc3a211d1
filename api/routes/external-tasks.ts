/**
 * External tasks for workers (Camunda 7's external task API): fetch and lock tasks by topic, then
 * complete them, report a failure (retries, then an incident an admin retries) or answer with a
 * BPMN error. Workers are machine clients with API keys holding a role such as `external_worker`.
 *
 * Permissions on ExternalTask (condition field `topic`): fetch-and-lock needs `read` and `complete`
 * on every topic asked for (one topic the caller may not take: 403, nothing locked); complete,
 * failure and bpmn-error need `complete`.
 *
 * A lock belongs to the caller and the worker id together: the engine is given
 * `<caller>/<workerId>` (the caller is the user name, or `apikey:<id>`), so a lock can be used only
 * by the credentials that took it, and those were allowed its topic when they did. Responses show
 * the worker id as the worker sent it; history names the caller too. A task locked by another worker
 * (or whose lock has lapsed) is a 409 `external-task-not-locked`.
 */
import type { ExternalTask } from '../../engine/index.js';
import { defineRoute } from '../http/route.js';
import { forbidden } from '../errors/problem.js';
import { can } from '../auth/ability.js';
import type { Principal } from '../auth/principal.js';
import { text } from './common.js';
import { variables as variablesSchema } from './engine-records.js';

const workerIdSchema = { type: 'string', minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9._:@-]+$' } as const;
const taskParams = {
  type: 'object',
  required: ['id'],
  additionalProperties: false,
  properties: { id: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[A-Za-z0-9._:-]+$' } },
} as const;
/** A day: longer locks hide a crashed worker's tasks for too long. */
const MAX_LOCK_MS = 24 * 60 * 60 * 1000;

/** The worker id the engine records: the caller's name and the worker id it sent. */
const engineWorkerId = (principal: Principal, workerId: string): string => `${principal.username}/${workerId}`;

interface TaskJson extends Omit<ExternalTask, 'lockExpirationTime'> {
  readonly lockExpirationTime: string | null;
}

function taskJson(task: ExternalTask, principal: Principal, workerId: string): TaskJson {
  return {
    ...task,
    workerId: task.workerId === engineWorkerId(principal, workerId) ? workerId : task.workerId,
    lockExpirationTime: task.lockExpirationTime ? new Date(task.lockExpirationTime).toISOString() : null,
  };
}

const taskSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    topicName: { type: 'string' },
    processInstanceId: { type: 'string' },
    elementId: { type: 'string' },
    businessKey: { type: ['string', 'null'] },
    workerId: { type: ['string', 'null'] },
    lockExpirationTime: { type: ['string', 'null'], format: 'date-time' },
    retries: { type: ['integer', 'null'] },
    errorMessage: { type: ['string', 'null'] },
    variables: { type: 'object' },
  },
} as const;

interface FetchBody {
  workerId: string;
  maxTasks: number;
  topics: { topicName: string; lockDuration: number }[];
}

const fetchAndLock = defineRoute<Record<string, never>, Record<string, never>, FetchBody>({
  method: 'post',
  path: '/api/external-tasks/fetch-and-lock',
  summary: 'Lock up to maxTasks free external tasks of the topics for this worker',
  description: 'Each task is locked for its topic\'s `lockDuration` (ms) and comes with its instance\'s variables. An empty list when none is free.',
  tags: ['external-tasks'],
  permission: { action: 'read', subject: 'ExternalTask' },
  body: {
    type: 'object',
    required: ['workerId', 'maxTasks', 'topics'],
    additionalProperties: false,
    properties: {
      workerId: workerIdSchema,
      maxTasks: { type: 'integer', minimum: 1, maximum: 100 },
      topics: {
        type: 'array',
        minItems: 1,
        maxItems: 50,
        items: {
          type: 'object',
          required: ['topicName', 'lockDuration'],
          additionalProperties: false,
          properties: { topicName: text(255), lockDuration: { type: 'integer', minimum: 1, maximum: MAX_LOCK_MS } },
        },
      },
    },
  },
  response: { type: 'array', items: taskSchema },
  async handler({ body, principal, ability, services }) {
    for (const topic of body.topics) {
      const record = { topic: topic.topicName };
      if (!can(ability, 'read', 'ExternalTask', record) || !can(ability, 'complete', 'ExternalTask', record)) {
        throw forbidden(`You may not take external tasks of topic '${topic.topicName}'`);
      }
    }
    const tasks = await services.engine.fetchAndLockExternalTasks({
      workerId: engineWorkerId(principal, body.workerId),
      maxTasks: body.maxTasks,
      topics: body.topics.map((topic) => ({ topicName: topic.topicName, lockDuration: topic.lockDuration })),
    });
    return tasks.map((task) => taskJson(task, principal, body.workerId));
  },
});

const complete = defineRoute<{ id: string }, Record<string, never>, { workerId: string; variables?: Record<string, unknown> }>({
  method: 'post',
  path: '/api/external-tasks/{id}/complete',
  summary: 'Complete an external task this worker holds; the instance runs on',
  tags: ['external-tasks'],
  permission: { action: 'complete', subject: 'ExternalTask' },
  params: taskParams,
  body: {
    type: 'object',
    required: ['workerId'],
    additionalProperties: false,
    properties: { workerId: workerIdSchema, variables: variablesSchema },
  },
  problems: [404, 409, 422],
  async handler({ params, body, principal, services }) {
    await services.engine.completeExternalTask(params.id, { workerId: engineWorkerId(principal, body.workerId), variables: body.variables ?? {} });
    return undefined;
  },
});

interface FailureBody {
  workerId: string;
  errorMessage?: string;
  retries: number;
  retryTimeout?: number;
}

const failure = defineRoute<{ id: string }, Record<string, never>, FailureBody>({
  method: 'post',
  path: '/api/external-tasks/{id}/failure',
  summary: 'Report a failure: the task is fetched again after retryTimeout ms, or with retries 0 becomes an incident',
  tags: ['external-tasks'],
  permission: { action: 'complete', subject: 'ExternalTask' },
  params: taskParams,
  body: {
    type: 'object',
    required: ['workerId', 'retries'],
    additionalProperties: false,
    properties: {
      workerId: workerIdSchema,
      errorMessage: text(4000, 0),
      retries: { type: 'integer', minimum: 0, maximum: 1000 },
      retryTimeout: { type: 'integer', minimum: 0, maximum: 30 * 24 * 60 * 60 * 1000 },
    },
  },
  problems: [404, 409],
  async handler({ params, body, principal, services }) {
    await services.engine.failExternalTask(params.id, {
      workerId: engineWorkerId(principal, body.workerId),
      retries: body.retries,
      ...(body.errorMessage !== undefined ? { errorMessage: body.errorMessage } : {}),
      ...(body.retryTimeout !== undefined ? { retryTimeout: body.retryTimeout } : {}),
    });
    return undefined;
  },
});

const bpmnError = defineRoute<{ id: string }, Record<string, never>, { workerId: string; errorCode: string; variables?: Record<string, unknown> }>({
  method: 'post',
  path: '/api/external-tasks/{id}/bpmn-error',
  summary: "Answer with a BPMN error: the task's error boundary events (then the enclosing scopes') catch it",
  description: 'An error nobody catches is a 422 `uncaught-error` and changes nothing.',
  tags: ['external-tasks'],
  permission: { action: 'complete', subject: 'ExternalTask' },
  params: taskParams,
  body: {
    type: 'object',
    required: ['workerId', 'errorCode'],
    additionalProperties: false,
    properties: { workerId: workerIdSchema, errorCode: text(255), variables: variablesSchema },
  },
  problems: [404, 409, 422],
  async handler({ params, body, principal, services }) {
    await services.engine.throwExternalTaskError(params.id, {
      workerId: engineWorkerId(principal, body.workerId),
      errorCode: body.errorCode,
      variables: body.variables ?? {},
    });
    return undefined;
  },
});

export default [fetchAndLock, complete, failure, bpmnError];
