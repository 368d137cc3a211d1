/**
 * Message and signal subscriptions: opened when a token starts waiting for the event, closed in
 * the transaction that delivers it (a delete that must find the row, so a message is delivered
 * once) or when the token moves on. Start-event subscriptions belong to a definition version.
 */
import { sql, type SqlSession } from './sql-session.js';
import { timeParam, toDate } from './rows.js';
import type { WriteBatch } from './write-batch.js';
import { sqlParams } from './sql-params.js';

export interface SubscriptionRow {
  id: string;
  kind: 'message' | 'signal';
  name: string;
  correlationKey: string | null;
  businessKey: string | null;
  definitionId: string;
  instanceId: string | null;
  tokenId: string | null;
  elementId: string;
  createdAt: Date;
}

type Raw = Record<string, unknown>;
const text = (value: unknown) => (value == null ? null : String(value));

function toSubscriptionRow(raw: Raw): SubscriptionRow {
  return {
    id: String(raw.id),
    kind: raw.kind as 'message' | 'signal',
    name: String(raw.name),
    correlationKey: text(raw.correlation_key),
    businessKey: text(raw.business_key),
    definitionId: String(raw.definition_id),
    instanceId: text(raw.instance_id),
    tokenId: text(raw.token_id),
    elementId: String(raw.element_id),
    createdAt: toDate(raw.created_at),
  };
}

const S = {
  insert: sql(
    'motcua_insert_subscription',
    `INSERT INTO subscriptions (id, kind, name, correlation_key, business_key, definition_id, instance_id, token_id, element_id, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
  ),
  deleteOne: sql('motcua_delete_subscription', 'DELETE FROM subscriptions WHERE id = $1'),
  deleteOfToken: sql('motcua_delete_subscriptions_of_token', 'DELETE FROM subscriptions WHERE token_id = $1 AND element_id = $2'),
  deleteOfInstance: sql('motcua_delete_subscriptions_of_instance', 'DELETE FROM subscriptions WHERE instance_id = $1'),
  deleteStarts: sql('motcua_delete_start_subscriptions', 'DELETE FROM subscriptions WHERE definition_id = $1 AND instance_id IS NULL'),
  byId: sql('motcua_subscription_by_id', 'SELECT * FROM subscriptions WHERE id = $1'),
} as const;

export function insertSubscription(batch: WriteBatch, row: SubscriptionRow): void {
  batch.add(S.insert, [
    row.id,
    row.kind,
    row.name,
    row.correlationKey,
    row.businessKey,
    row.definitionId,
    row.instanceId,
    row.tokenId,
    row.elementId,
    timeParam(row.createdAt),
  ]);
}

/** Closes a subscription as its event is delivered; another delivery that got there first makes it fail. */
export function deleteDeliveredSubscription(batch: WriteBatch, row: SubscriptionRow): void {
  batch.addExpectOne(S.deleteOne, [row.id], 'subscriptions', row.id);
}

/** Closes what a token opened at an element (never one delivered in the same command: see InstanceContext). */
export function deleteSubscriptionOfToken(batch: WriteBatch, tokenId: string, elementId: string): void {
  batch.add(S.deleteOfToken, [tokenId, elementId]);
}

export function deleteSubscriptionsOfInstance(batch: WriteBatch, instanceId: string): void {
  batch.add(S.deleteOfInstance, [instanceId]);
}

export function deleteStartSubscriptions(batch: WriteBatch, definitionId: string): void {
  batch.add(S.deleteStarts, [definitionId]);
}

export async function readSubscription(session: SqlSession, id: string): Promise<SubscriptionRow | undefined> {
  const [raw] = await session.all<Raw>(S.byId, [id]);
  return raw ? toSubscriptionRow(raw) : undefined;
}

/** The subscriptions of an instance (or every start-event subscription with no instance given). */
export async function subscriptionsOf(session: SqlSession, instanceId: string | undefined): Promise<SubscriptionRow[]> {
  const rows =
    instanceId === undefined
      ? await session.allDynamic<Raw>('SELECT * FROM subscriptions ORDER BY created_at, id')
      : await session.allDynamic<Raw>('SELECT * FROM subscriptions WHERE instance_id = $1 ORDER BY created_at, id', [instanceId]);
  return rows.map(toSubscriptionRow);
}

export interface SubscriptionFilter {
  readonly kind: 'message' | 'signal';
  readonly name: string;
  /** true: waiting tokens only; false: start events only. */
  readonly ofInstances: boolean;
  readonly processInstanceId?: string;
  readonly businessKey?: string;
  readonly correlationKey?: string;
}

/** Subscriptions that match, filtered in SQL. */
export async function findSubscriptions(session: SqlSession, filter: SubscriptionFilter): Promise<SubscriptionRow[]> {
  const { values: params, param } = sqlParams([filter.kind, filter.name]);
  const where = ['kind = $1', 'name = $2', filter.ofInstances ? 'instance_id IS NOT NULL' : 'instance_id IS NULL'];
  const add = (column: string, value: string | undefined) => {
    if (value !== undefined) where.push(`${column} = ${param(value)}`);
  };
  add('instance_id', filter.processInstanceId);
  add('business_key', filter.businessKey);
  add('correlation_key', filter.correlationKey);
  const rows = await session.allDynamic<Raw>(`SELECT * FROM subscriptions WHERE ${where.join(' AND ')} ORDER BY created_at, id`, params);
  return rows.map(toSubscriptionRow);
}
