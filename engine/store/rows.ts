/**
 * Plain objects for the rows the engine's hot path reads and writes, and their conversion from
 * the drivers' raw rows (snake_case; SQLite returns times as text, PostgreSQL as Date).
 */
import { decodeVariable, encodeVariable, type EncodedVariable } from './variable-codec.js';

export type InstanceState = 'active' | 'completed' | 'terminated';
/**
 * active: moving; waiting: at a task or call; scope: a subprocess holding child tokens; joining: at
 * a join; multi: the body of a multi-instance activity, holding its instances' tokens.
 */
export type TokenState = 'active' | 'waiting' | 'scope' | 'joining' | 'multi';
export type TaskState = 'created' | 'completed' | 'terminated';
/** Camunda 7's delegation: pending while the delegate works on it, resolved once it came back. */
export type DelegationState = 'pending' | 'resolved';

export interface InstanceRow {
  id: string;
  definitionId: string;
  definitionKey: string;
  definitionVersion: number;
  businessKey: string | null;
  /** The unit the dossier belongs to (DOMAIN.md), or null. */
  unitId: string | null;
  /** The dossier status the model's elements last set (motcua:dossierStatus), or null. */
  dossierStatus: number | null;
  /** The legal due date (from the procedure's time limit), later by the working time the clock was paused; or null. */
  dueDate: Date | null;
  /** The legal due date as computed at start, for statistics. */
  originalDueDate: Date | null;
  /** Since when the dossier's clock is paused (status 5 or 6), or null. */
  pausedAt: Date | null;
  state: InstanceState;
  parentInstanceId: string | null;
  parentTokenId: string | null;
  startedAt: Date;
  endedAt: Date | null;
  version: number;
}

export interface TokenRow {
  id: string;
  instanceId: string;
  elementId: string;
  scopeTokenId: string | null;
  state: TokenState;
  arrivedVia: string | null;
  createdAt: Date;
  version: number;
  /** Variables local to this activity instance (multi-instance counters), or null when it has none. */
  localVariables: Readonly<Record<string, unknown>> | null;
}

export interface TaskRow {
  id: string;
  instanceId: string;
  tokenId: string;
  elementId: string;
  name: string | null;
  assignee: string | null;
  candidateGroups: string[];
  candidateUsers: string[];
  dueDate: Date | null;
  followUpDate: Date | null;
  priority: number;
  formKey: string | null;
  /** The unit whose officers work the task: the step's own unit, else the instance's. */
  unitId: string | null;
  /** Who delegated the task and gets it back when the delegate resolves it. */
  owner: string | null;
  delegationState: DelegationState | null;
  state: TaskState;
  createdAt: Date;
  endedAt: Date | null;
  endedBy: string | null;
  version: number;
}

export interface HistoryRow {
  instanceId: string;
  elementId: string | null;
  elementType: string;
  event: string;
  at: Date;
  userId: string | null;
  tokenId: string | null;
  detail: string | null;
}

type Raw = Record<string, unknown>;

/** Local variables are stored as one JSON object of encoded variables (variable-codec.ts). */
export function encodeLocalVariables(variables: Readonly<Record<string, unknown>> | null): string | null {
  if (!variables) return null;
  return JSON.stringify(Object.fromEntries(Object.entries(variables).map(([name, value]) => [name, encodeVariable(name, value)])));
}

function decodeLocalVariables(text: unknown): Record<string, unknown> | null {
  if (typeof text !== 'string' || text === '') return null;
  const encoded = JSON.parse(text) as Record<string, EncodedVariable>;
  return Object.fromEntries(Object.entries(encoded).map(([name, { type, value }]) => [name, decodeVariable(type, value)]));
}

export const toDate = (value: unknown): Date => (value instanceof Date ? value : new Date(String(value)));
export const toNullableDate = (value: unknown): Date | null => (value === null || value === undefined ? null : toDate(value));
export const str = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));
const parseList = (value: unknown): string[] => (typeof value === 'string' && value !== '' ? (JSON.parse(value) as string[]) : []);

/** Times are written as ISO-8601 UTC text: PostgreSQL parses it, SQLite keeps it sortable. */
export const timeParam = (date: Date | null): string | null => (date ? date.toISOString() : null);

export function toInstanceRow(raw: Raw): InstanceRow {
  return {
    id: String(raw.id),
    definitionId: String(raw.definition_id),
    definitionKey: String(raw.definition_key),
    definitionVersion: Number(raw.definition_version),
    businessKey: str(raw.business_key),
    unitId: str(raw.unit_id),
    dossierStatus: raw.dossier_status === null || raw.dossier_status === undefined ? null : Number(raw.dossier_status),
    dueDate: toNullableDate(raw.due_date),
    originalDueDate: toNullableDate(raw.original_due_date),
    pausedAt: toNullableDate(raw.paused_at),
    state: raw.state as InstanceState,
    parentInstanceId: str(raw.parent_instance_id),
    parentTokenId: str(raw.parent_token_id),
    startedAt: toDate(raw.started_at),
    endedAt: toNullableDate(raw.ended_at),
    version: Number(raw.version),
  };
}

export function toTokenRow(raw: Raw): TokenRow {
  return {
    id: String(raw.id),
    instanceId: String(raw.instance_id),
    elementId: String(raw.element_id),
    scopeTokenId: str(raw.scope_token_id),
    state: raw.state as TokenState,
    arrivedVia: str(raw.arrived_via),
    createdAt: toDate(raw.created_at),
    version: Number(raw.version),
    localVariables: decodeLocalVariables(raw.local_variables),
  };
}

export function toTaskRow(raw: Raw): TaskRow {
  return {
    id: String(raw.id),
    instanceId: String(raw.instance_id),
    tokenId: String(raw.token_id),
    elementId: String(raw.element_id),
    name: str(raw.name),
    assignee: str(raw.assignee),
    candidateGroups: parseList(raw.candidate_groups),
    candidateUsers: parseList(raw.candidate_users),
    dueDate: toNullableDate(raw.due_date),
    followUpDate: toNullableDate(raw.follow_up_date),
    priority: Number(raw.priority),
    formKey: str(raw.form_key),
    unitId: str(raw.unit_id),
    owner: str(raw.owner),
    delegationState: str(raw.delegation_state) as DelegationState | null,
    state: raw.state as TaskState,
    createdAt: toDate(raw.created_at),
    endedAt: toNullableDate(raw.ended_at),
    endedBy: str(raw.ended_by),
    version: Number(raw.version),
  };
}

/** A task row with what its instance says about it (read joined as i_definition_key, i_business_key). */
export interface TaskView extends TaskRow {
  readonly processDefinitionKey: string;
  readonly businessKey: string | null;
}

export function toTaskView(raw: Raw): TaskView {
  return { ...toTaskRow(raw), processDefinitionKey: String(raw.i_definition_key), businessKey: str(raw.i_business_key) };
}
