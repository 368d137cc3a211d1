/**
 * Messages and signals from outside (Camunda 7's /message and /signal): a message goes to the one
 * waiting subscription that matches its name and keys, or starts the process whose message start
 * event has that name; a signal goes to every waiting subscription and signal start event.
 *
 * A message that matches nothing or several is the caller's mistake about the message: 400 with
 * `message-not-correlated` or `message-ambiguous` (as Camunda answers), never a 404 or 409.
 *
 * Permission: `correlate` on ProcessInstance. A caller whose rules allow it everywhere (the system
 * admin) correlates as the engine does. A caller whose rules are conditional (the one-stop officer,
 * for the dossiers of their unit) must name the instance by `processInstanceId` or `businessKey`;
 * only instances their rules allow are considered, the others count as absent, and a message start
 * event is not theirs to trigger. Signals reach every instance, so they need `correlate` everywhere.
 */
import { ConflictError, NotFoundError, type CorrelationResult, type Engine } from '../../engine/index.js';
import { defineRoute } from '../http/route.js';
import { badRequest, forbidden, type HttpProblem } from '../errors/problem.js';
import { unrestricted } from '../auth/access-filter.js';
import { engineAccess } from '../auth/engine-access.js';
import type { AppAbility } from '../auth/ability.js';
import { text } from './common.js';
import { variables as variablesSchema } from './engine-records.js';

const eventName = text(255);
const idText = { type: 'string', minLength: 1, maxLength: 255, pattern: '^[A-Za-z0-9._:-]+$' } as const;

interface MessageBody {
  messageName: string;
  businessKey?: string;
  correlationKey?: string;
  processInstanceId?: string;
  variables?: Record<string, unknown>;
}

type Keys = Pick<MessageBody, 'businessKey' | 'correlationKey' | 'processInstanceId'>;

function describe(name: string, keys: Keys): string {
  const given = Object.entries(keys).filter(([, value]) => value !== undefined);
  return `Message '${name}'${given.length > 0 ? ` with ${given.map(([key, value]) => `${key} '${String(value)}'`).join(', ')}` : ''}`;
}

const notCorrelated = (name: string, keys: Keys): HttpProblem =>
  badRequest('message-not-correlated', `${describe(name, keys)} matches no waiting process instance or message start event`, [
    { field: '/body/messageName', message: 'nothing waits for this message with these keys' },
  ]);
const ambiguous = (name: string, keys: Keys, detail: string): HttpProblem =>
  badRequest('message-ambiguous', `${describe(name, keys)} ${detail}; give processInstanceId, businessKey or correlationKey to pick one`, [
    { field: '/body/messageName', message: 'matches more than one' },
  ]);

/** At most this many candidate instances are inspected for a caller with conditional rules. */
const MAX_CANDIDATES = 100;

/**
 * For a caller whose correlate rules are conditional: the one instance they may correlate to that
 * waits for this message (by name and correlation key). None: 400 not correlated; several: 400 ambiguous.
 */
async function allowedTarget(engine: Engine, ability: AppAbility, body: MessageBody, keys: Keys): Promise<string> {
  const access = engineAccess(ability, 'correlate', 'ProcessInstance');
  let candidates: string[];
  if (keys.processInstanceId !== undefined) {
    try {
      candidates = [(await engine.getProcessInstance(keys.processInstanceId, { access })).id];
    } catch (error) {
      if (error instanceof NotFoundError) throw notCorrelated(body.messageName, keys);
      throw error;
    }
  } else if (keys.businessKey !== undefined) {
    const found = await engine.queryProcessInstances({ businessKey: keys.businessKey, state: 'active', access, limit: MAX_CANDIDATES });
    if (found.total > MAX_CANDIDATES) throw ambiguous(body.messageName, keys, `matches more than ${MAX_CANDIDATES} process instances`);
    candidates = found.items.map((instance) => instance.id);
  } else {
    throw forbidden('You may correlate messages only to process instances you name: give processInstanceId or businessKey', 'correlate-needs-instance');
  }
  const waiting: string[] = [];
  for (const id of candidates) {
    const subscriptions = await engine.querySubscriptions({ processInstanceId: id });
    const matches = subscriptions.filter(
      (s) => s.kind === 'message' && s.name === body.messageName && (keys.correlationKey === undefined || s.correlationKey === keys.correlationKey),
    );
    if (matches.length > 0) waiting.push(id);
  }
  if (waiting.length === 0) throw notCorrelated(body.messageName, keys);
  if (waiting.length > 1) throw ambiguous(body.messageName, keys, `matches ${waiting.length} waiting process instances`);
  return waiting[0]!;
}

const correlate = defineRoute<Record<string, never>, Record<string, never>, MessageBody>({
  method: 'post',
  path: '/api/messages',
  summary: 'Correlate a message to the waiting process instance, or start a process by it',
  description:
    'Matches the name and every key given. Nothing matching: 400 `message-not-correlated`; several: 400 `message-ambiguous`. ' +
    'Callers allowed to correlate only some instances must name one by `processInstanceId` or `businessKey`.',
  tags: ['messages'],
  permission: { action: 'correlate', subject: 'ProcessInstance' },
  body: {
    type: 'object',
    required: ['messageName'],
    additionalProperties: false,
    properties: {
      messageName: eventName,
      businessKey: text(255),
      correlationKey: text(255),
      processInstanceId: idText,
      variables: variablesSchema,
    },
  },
  response: { type: 'object', properties: { processInstanceId: { type: 'string' }, started: { type: 'boolean' } } },
  problems: [409],
  async handler({ body, ability, services }): Promise<CorrelationResult> {
    const keys: Keys = { businessKey: body.businessKey, correlationKey: body.correlationKey, processInstanceId: body.processInstanceId };
    const engineKeys = unrestricted(ability, 'correlate', 'ProcessInstance')
      ? keys
      : { ...keys, processInstanceId: await allowedTarget(services.engine, ability, body, keys) };
    try {
      const result = await services.engine.correlateMessage(body.messageName, { ...engineKeys, variables: body.variables ?? {} });
      return { processInstanceId: result.processInstanceId, started: result.started };
    } catch (error) {
      if (error instanceof NotFoundError && error.entity === 'message-subscription') throw notCorrelated(body.messageName, keys);
      if (error instanceof ConflictError && error.code === 'message-ambiguous') throw ambiguous(body.messageName, keys, 'matches more than one waiting subscription or message start event');
      throw error;
    }
  },
});

const signal = defineRoute<Record<string, never>, Record<string, never>, { name: string; variables?: Record<string, unknown> }>({
  method: 'post',
  path: '/api/signals',
  summary: 'Broadcast a signal to every waiting subscription and signal start event',
  description: 'Answers how many subscriptions and start events it reached (0 is no error). Needs `correlate` on every ProcessInstance.',
  tags: ['messages'],
  permission: { action: 'correlate', subject: 'ProcessInstance' },
  body: {
    type: 'object',
    required: ['name'],
    additionalProperties: false,
    properties: { name: eventName, variables: variablesSchema },
  },
  response: { type: 'object', properties: { delivered: { type: 'integer' } } },
  async handler({ body, ability, services }) {
    if (!unrestricted(ability, 'correlate', 'ProcessInstance')) throw forbidden('A signal reaches every process instance: you may correlate only some');
    return { delivered: await services.engine.broadcastSignal(body.name, { variables: body.variables ?? {} }) };
  },
});

export default [correlate, signal];
