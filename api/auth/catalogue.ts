/**
 * What permissions can speak of: the actions, the subjects, and for each subject the fields a rule's
 * conditions may use. Admin-written rules are checked against this list (rule-validation.ts), and
 * list routes map the same field names to SQL columns (sql-filter.ts). Adding a subject or a
 * condition field for a new resource is one line here.
 */

export const ACTIONS = [
  'manage', // any action (CASL's wildcard)
  'read',
  'create',
  'update',
  'delete',
  'assign', // Role: grant a role at a unit; Task: assign to somebody else
  'claim',
  'complete',
  'delegate',
  'start',
  'cancel',
  'deploy',
  'retry',
  'correlate',
] as const;
export type Action = (typeof ACTIONS)[number];

/** Subject → the fields its conditions may reference. */
export const SUBJECT_FIELDS = {
  all: [], // CASL's wildcard subject
  ProcessDefinition: ['key', 'unitId'],
  /** unitCode: the e-ID of the dossier's unit; handledBy: users who did something in it (DOMAIN.md). */
  ProcessInstance: ['unitCode', 'processDefinitionKey', 'businessKey', 'handledBy'],
  Task: ['unitCode', 'candidateGroups', 'candidateUsers', 'assignee', 'owner', 'processDefinitionKey', 'handledBy'],
  Deployment: ['deployedBy'],
  Unit: ['id', 'parentId', 'kind'],
  User: ['id', 'unitId', 'username'],
  /** `unitId` is the unit a role is granted at (action `assign`). */
  Role: ['code', 'unitId'],
  Incident: ['unitId', 'processDefinitionKey'],
  Holiday: ['kind'],
  AuditLog: ['unitId', 'actor', 'subject'],
  ApiKey: ['id', 'unitId', 'createdBy'],
  /** A task of an external worker, by its `camunda:topic` (read and complete: fetch-and-lock; complete: complete, failure, BPMN error). */
  ExternalTask: ['topic'],
  Report: ['unitId'],
} as const satisfies Record<string, readonly string[]>;
export type SubjectName = keyof typeof SUBJECT_FIELDS;
export const SUBJECTS = Object.keys(SUBJECT_FIELDS) as SubjectName[];

/** Condition operators a stored rule may use (a bare value means $eq). */
export const CONDITION_OPERATORS = ['$eq', '$ne', '$in', '$nin'] as const;

/**
 * Placeholders a condition value may hold, resolved per request for the role assignment the rule
 * comes from (a role is held at a unit):
 * - `${user.id}`, `${user.username}`: the caller;
 * - `${user.unitIds}`: every unit where the caller holds any role; `${user.roleCodes}`: all their roles;
 * - `${unit.id}`: the unit of this assignment; `${unit.subtreeIds}`: that unit and every unit below it;
 * - `${user.unitCodes}`, `${unit.code}`, `${unit.subtreeCodes}`: the same units by code (e-ID), which
 *   is how process instances and tasks name their unit;
 * - `${role.code}`: the role of this assignment (e.g. a task's candidate group).
 */
export const PLACEHOLDERS = [
  '${user.id}',
  '${user.username}',
  '${user.unitIds}',
  '${user.unitCodes}',
  '${user.roleCodes}',
  '${unit.id}',
  '${unit.subtreeIds}',
  '${unit.code}',
  '${unit.subtreeCodes}',
  '${role.code}',
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
