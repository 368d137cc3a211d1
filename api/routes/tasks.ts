/**
 * User tasks: the task list (filtered, sorted and paged in SQL by the caller's `read Task` rules),
 * one task with its instance's variables and its form, and what officers do with a task.
 *
 * Every action is checked against the caller's read rules (a task they may not see is a 404), then
 * against the action's rules on the task's record (403), and done by the engine (a task someone
 * else holds is a 409 from the engine's conditional update). Most actions read the task first;
 * the two every officer does all day take fewer round trips with the same answers:
 * - claim passes both rule sets to the engine's conditional update, and only when that claims
 *   nothing reads the task to say why (404, 403, 409, or a no-op for its holder);
 * - complete has the engine lock the task and hand it to a guard that makes every check on it
 *   before anything changes (the rules in memory, the form from memory). Only when a rule speaks
 *   of `handledBy` is the instance's history read first.
 * The actions:
 * - claim: `claim Task` (claiming a task one already holds is a no-op);
 * - unclaim: the holder lets go of their task; somebody else's needs `assign Task`;
 * - assign {userId}: `assign Task` (heads of division, leaders); userId is an active user's name,
 *   or null to take it from whoever holds it;
 * - delegate {userId}: `delegate Task`, and only the holder delegates;
 * - resolve {variables}: the delegate (the holder of a pending delegation), with `complete Task`;
 * - complete {variables}: `complete Task` on a task the caller holds or nobody holds (Camunda allows
 *   the latter); a task somebody else holds needs `assign Task` (then the engine is told to
 *   override its holder check); a pending delegation must be resolved first (as in Camunda 7). The
 *   variables are checked against the task's form schema first: 422 with each field's error, and
 *   nothing changes.
 */
import { ConflictError, NotFoundError, type Task } from '../../engine/index.js';
import { defineRoute, type RouteContext } from '../http/route.js';
import { conflict, forbidden, unprocessable } from '../errors/problem.js';
import { can, type AppAbility } from '../auth/ability.js';
import type { Action } from '../auth/catalogue.js';
import { engineAccess, subjectRecord } from '../auth/engine-access.js';
import type { ApiServices } from '../http/services.js';
import { formKeyOf, type StoredForm } from '../store/forms.js';
import type { StoreVersions } from '../store/caller.js';
import { credentialsByUsername } from '../store/users.js';
import { validateFormData } from '../forms/form-data.js';
import { idParams, uuid } from './common.js';
import { actionRecord, businessKey, handledBy, rulesNeedHandledBy, processKey, taskJson, taskSchema, unitCode, unitFilter, variables } from './engine-records.js';

const username = { type: 'string', minLength: 1, maxLength: 128, pattern: '^[^\\u0000-\\u001f\\u007f]*$' } as const;

const formSchema = {
  type: ['object', 'null'],
  properties: { key: { type: 'string' }, version: { type: 'integer' }, schema: { type: 'object' } },
} as const;

const taskDetailSchema = {
  ...taskSchema,
  properties: { ...taskSchema.properties, variables: { type: 'object' }, form: formSchema },
} as const;

const readAccess = (ability: AppAbility) => engineAccess(ability, 'read', 'Task');

/** The open task, if the caller may see it; otherwise a 404 exactly like a task that does not exist. */
const visibleTask = (services: ApiServices, ability: AppAbility, id: string): Promise<Task> => services.engine.getTask(id, { access: readAccess(ability) });

async function may(services: ApiServices, ability: AppAbility, action: Action, task: Task): Promise<boolean> {
  return can(ability, action, 'Task', await actionRecord(services, ability, action, 'Task', { ...task }, task.processInstanceId));
}

/** The form a task names (`schema:<key>`), latest version; null when it names none or no such form is stored. */
function formOf(forms: ReadonlyMap<string, StoredForm>, task: Task): StoredForm | null {
  const key = formKeyOf(task.formKey);
  return key === undefined ? null : (forms.get(key) ?? null);
}

const latestForms = ({ services, versions }: { services: ApiServices; versions: StoreVersions }) => services.latestForms.get(services.sql, versions.forms);

/** An active user by name (422 otherwise), for assign and delegate. */
async function activeUser(services: ApiServices, name: string): Promise<string> {
  const user = await credentialsByUsername(services.sql, name);
  if (!user || user.disabled) throw unprocessable('unknown-user', `There is no active user '${name}'`, [{ field: '/body/userId', message: 'no such active user' }]);
  return user.username;
}

interface ListQuery {
  assignee?: string;
  candidateGroup?: string;
  candidateUser?: string;
  unassigned?: boolean;
  processDefinitionKey?: string;
  processInstanceId?: string;
  businessKey?: string;
  unitId?: string;
  unitCode?: string;
  dueBefore?: string;
  dueAfter?: string;
  overdue?: boolean;
  sortBy?: 'created' | 'due' | 'priority' | 'name';
  sortOrder?: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

const list = defineRoute<Record<string, never>, ListQuery>({
  method: 'get',
  path: '/api/tasks',
  summary: 'Open tasks the caller may see',
  description: '`assignee=me` and `candidateUser=me` mean the caller. `page` counts from 1.',
  tags: ['tasks'],
  permission: { action: 'read', subject: 'Task' },
  query: {
    type: 'object',
    additionalProperties: false,
    properties: {
      assignee: username,
      candidateGroup: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[^\\u0000-\\u001f\\u007f]*$' },
      candidateUser: username,
      unassigned: { type: 'boolean' },
      processDefinitionKey: processKey,
      processInstanceId: uuid,
      businessKey,
      unitId: uuid,
      unitCode,
      dueBefore: { type: 'string', format: 'date-time' },
      dueAfter: { type: 'string', format: 'date-time' },
      overdue: { type: 'boolean' },
      sortBy: { enum: ['created', 'due', 'priority', 'name'], default: 'created' },
      sortOrder: { enum: ['asc', 'desc'], default: 'asc' },
      page: { type: 'integer', minimum: 1, maximum: 100_000, default: 1 },
      pageSize: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
    },
  },
  response: {
    type: 'object',
    properties: { items: { type: 'array', items: taskSchema }, total: { type: 'integer' }, page: { type: 'integer' }, pageSize: { type: 'integer' } },
  },
  async handler({ query, principal, ability, services }) {
    const paging = { page: query.page, pageSize: query.pageSize };
    const unit = await unitFilter(services, query);
    if (unit === null) return { items: [], total: 0, ...paging };
    const me = (value: string | undefined) => (value === 'me' ? principal.username : value);
    const filter = {
      assignee: me(query.assignee),
      candidateGroup: query.candidateGroup,
      candidateUser: me(query.candidateUser),
      unassigned: query.unassigned,
      processDefinitionKey: query.processDefinitionKey,
      processInstanceId: query.processInstanceId,
      businessKey: query.businessKey,
      unitId: unit,
      dueBefore: query.dueBefore === undefined ? undefined : new Date(query.dueBefore),
      dueAfter: query.dueAfter === undefined ? undefined : new Date(query.dueAfter),
      overdue: query.overdue,
      sortBy: query.sortBy,
      sortOrder: query.sortOrder,
    };
    const result = await services.engine.queryTaskPage({
      ...Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== undefined)),
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
      access: readAccess(ability),
    });
    return { items: result.items.map(taskJson), total: result.total, ...paging };
  },
});

const get = defineRoute<{ id: string }>({
  method: 'get',
  path: '/api/tasks/{id}',
  summary: "One open task with its instance's variables and its form schema",
  tags: ['tasks'],
  permission: { action: 'read', subject: 'Task' },
  params: idParams,
  response: taskDetailSchema,
  problems: [404],
  async handler({ params, ability, services, versions }) {
    const task = await visibleTask(services, ability, params.id);
    const instance = await services.engine.getProcessInstance(task.processInstanceId);
    const form = formOf(await latestForms({ services, versions }), task);
    return { ...taskJson(task), variables: instance.variables, form: form && { key: form.key, version: form.version, schema: form.schema } };
  },
});

type ActionContext<B> = RouteContext<{ id: string }, Record<string, never>, B>;

/** A task action's route; `handler` gets the task as the caller may see it (read first). */
const actionRoute = <B = undefined>(
  name: string,
  summary: string,
  permission: Action,
  body: Record<string, unknown> | undefined,
  handler: (context: ActionContext<B>) => Promise<unknown>,
) =>
  defineRoute<{ id: string }, Record<string, never>, B>({
    method: 'post',
    path: `/api/tasks/{id}/${name}`,
    summary,
    tags: ['tasks'],
    permission: { action: permission, subject: 'Task' },
    params: idParams,
    ...(body ? { body } : {}),
    problems: [404, 409, 422],
    handler,
  });

/** A task action that reads the task through the caller's read rules first (404), then runs. */
const action = <B = undefined>(
  name: string,
  summary: string,
  permission: Action,
  body: Record<string, unknown> | undefined,
  run: (context: ActionContext<B>, task: Task) => Promise<unknown>,
) =>
  actionRoute<B>(name, summary, permission, body, async (context) => run(context, await visibleTask(context.services, context.ability, context.params.id)));

const claim = actionRoute('claim', 'Claim a task: the caller becomes its assignee', 'claim', undefined, async ({ params, principal, ability, services }) => {
  try {
    const access = [readAccess(ability), engineAccess(ability, 'claim', 'Task')];
    return taskJson(await services.engine.claimTask(params.id, principal.username, { access }));
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
  }
  // Nothing claimed and nothing the caller may claim: say why, from the task as they may see it.
  const task = await visibleTask(services, ability, params.id);
  if (task.assignee === principal.username) return taskJson(task);
  if (!(await may(services, ability, 'claim', task))) throw forbidden('You may not claim this task');
  return taskJson(await services.engine.claimTask(task.id, principal.username));
});

const unclaim = action('unclaim', 'Let go of a task (somebody else’s: needs assign)', 'read', undefined, async ({ principal, ability, services }, task) => {
  if (task.assignee === null) return taskJson(task);
  if (task.assignee !== principal.username && !(await may(services, ability, 'assign', task))) {
    throw forbidden(`The task is held by '${task.assignee}'; only they, or someone who may assign it, can let it go`, 'not-task-holder');
  }
  // Only the hold the caller saw is let go: a task that changed hands meanwhile is a 409.
  return taskJson(await services.engine.unclaimTask(task.id, { userId: principal.username, holder: task.assignee }));
});

const assign = action<{ userId: string | null }>(
  'assign',
  'Give a task to a user (null: to nobody), whoever holds it',
  'assign',
  { type: 'object', required: ['userId'], additionalProperties: false, properties: { userId: { anyOf: [username, { type: 'null' }] } } },
  async ({ body, principal, ability, services }, task) => {
    if (!(await may(services, ability, 'assign', task))) throw forbidden('You may not assign this task');
    const to = body.userId === null ? null : await activeUser(services, body.userId);
    return taskJson(await services.engine.assignTask(task.id, to, { userId: principal.username }));
  },
);

const delegate = action<{ userId: string }>(
  'delegate',
  'Hand a task one holds to another user, who gives it back with resolve',
  'delegate',
  { type: 'object', required: ['userId'], additionalProperties: false, properties: { userId: username } },
  async ({ body, principal, ability, services }, task) => {
    if (!(await may(services, ability, 'delegate', task))) throw forbidden('You may not delegate this task');
    if (task.assignee === null) throw conflict('task-not-claimed', 'Nobody holds this task; claim it before delegating');
    if (task.assignee !== principal.username) throw forbidden(`Only the holder ('${task.assignee}') may delegate this task`, 'not-task-holder');
    const to = await activeUser(services, body.userId);
    if (to === principal.username) throw unprocessable('delegate-to-self', 'You hold this task already', [{ field: '/body/userId', message: 'is you' }]);
    return taskJson(await services.engine.delegateTask(task.id, to, { userId: principal.username }));
  },
);

const resolve = action<{ variables?: Record<string, unknown> }>(
  'resolve',
  'Give a delegated task back to its owner, with variables',
  'complete',
  { type: 'object', additionalProperties: false, properties: { variables } },
  async ({ body, principal, ability, services }, task) => {
    if (task.delegationState !== 'pending') throw conflict('task-not-delegated', 'This task has no pending delegation to resolve');
    if (task.assignee !== principal.username) throw forbidden(`Only the delegate ('${String(task.assignee)}') may resolve this task`, 'not-task-holder');
    if (!(await may(services, ability, 'complete', task))) throw forbidden('You may not work on this task');
    return taskJson(await services.engine.resolveTask(task.id, { userId: principal.username, variables: body.variables ?? {} }));
  },
);

/** The users who did something in the task's instance, when the caller's rules need them. */
async function handledByOf(services: ApiServices, ability: AppAbility, taskId: string): Promise<{ handledBy?: string[] }> {
  if (!rulesNeedHandledBy(ability, ['read', 'complete', 'assign'], 'Task')) return {};
  const task = await visibleTask(services, ability, taskId);
  return { handledBy: handledBy(await services.engine.getHistory(task.processInstanceId)) };
}

const complete = actionRoute<{ variables?: Record<string, unknown> }>(
  'complete',
  'Complete a task with the form’s variables; the process moves on',
  'complete',
  { type: 'object', additionalProperties: false, properties: { variables } },
  async (context) => {
    const { params, body, principal, ability, services } = context;
    const submitted = body.variables ?? {};
    const [forms, history] = await Promise.all([latestForms(context), handledByOf(services, ability, params.id)]);
    const allows = (action: Action, task: Task) => can(ability, action, 'Task', { ...subjectRecord({ ...task }), ...history });
    // The checks run on the task as the engine locked it, before anything changes; the engine's own
    // holder check is left to them (override), since another's task is a 403 here, not a 409.
    const guard = (task: Task) => {
      if (!allows('read', task)) throw new NotFoundError('task', task.id);
      if (task.assignee !== null && task.assignee !== principal.username) {
        if (!allows('assign', task)) throw forbidden(`The task is assigned to '${task.assignee}'`, 'task-assigned-to-other');
      } else if (!allows('complete', task)) {
        throw forbidden('You may not complete this task');
      }
      if (task.delegationState === 'pending') throw conflict('task-delegation-pending', 'A delegated task is resolved by its delegate, not completed');
      const form = formOf(forms, task);
      if (form) {
        const problems = validateFormData(form.schema, submitted);
        if (problems.length > 0) throw unprocessable('invalid-form-data', `The variables do not fit the form '${form.key}'`, problems);
      }
    };
    try {
      await services.engine.completeTask(params.id, { variables: submitted, userId: principal.username, override: true, guard });
    } catch (error) {
      // A task that is no longer open is gone, as for a read (and says nothing to those who never saw it).
      if (error instanceof ConflictError && error.code === 'task-not-open') throw new NotFoundError('task', params.id);
      throw error;
    }
    return undefined;
  },
);

export default [list, get, claim, unclaim, assign, delegate, resolve, complete];
