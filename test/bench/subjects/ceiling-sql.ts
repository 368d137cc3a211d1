/**
 * The ceiling's own tables (the same rows and indexes motcua keeps for instances, tasks and
 * history, minus tokens and variables) and its prepared statements.
 */
export const CEILING_SCHEMA = `
CREATE TABLE instances (
  id uuid PRIMARY KEY,
  definition_key text NOT NULL,
  business_key text,
  state text NOT NULL,
  version integer NOT NULL,
  started_at timestamptz NOT NULL,
  ended_at timestamptz
);
CREATE INDEX instances_business_key ON instances (business_key);
CREATE TABLE tasks (
  id uuid PRIMARY KEY,
  instance_id uuid NOT NULL REFERENCES instances (id),
  element_id text NOT NULL,
  state text NOT NULL,
  assignee text,
  version integer NOT NULL,
  created_at timestamptz NOT NULL,
  ended_at timestamptz,
  ended_by text
);
CREATE INDEX tasks_instance ON tasks (instance_id);
CREATE INDEX tasks_state_assignee ON tasks (state, assignee);
CREATE TABLE history (
  id bigserial PRIMARY KEY,
  instance_id uuid NOT NULL,
  element_id text NOT NULL,
  event text NOT NULL,
  user_id text,
  at timestamptz NOT NULL
);
CREATE INDEX history_instance ON history (instance_id, id);
`;

/** node-postgres prepares a named statement once per connection. */
export interface NamedQuery {
  readonly name: string;
  readonly text: string;
}

const q = (name: string, text: string): NamedQuery => ({ name, text });

export const SQL = {
  insertInstance: q(
    'ceiling_insert_instance',
    "INSERT INTO instances (id, definition_key, business_key, state, version, started_at) VALUES ($1, $2, $3, 'active', 1, $4)",
  ),
  insertTask: q(
    'ceiling_insert_task',
    "INSERT INTO tasks (id, instance_id, element_id, state, version, created_at) VALUES ($1, $2, $3, 'created', 1, $4)",
  ),
  insertHistory: q('ceiling_insert_history', 'INSERT INTO history (instance_id, element_id, event, user_id, at) VALUES ($1, $2, $3, $4, $5)'),
  insertTwoHistory: q(
    'ceiling_insert_two_history',
    'INSERT INTO history (instance_id, element_id, event, user_id, at) VALUES ($1, $2, $3, $4, $5), ($1, $6, $7, $4, $5)',
  ),
  claimTask: q(
    'ceiling_claim_task',
    "UPDATE tasks SET assignee = $2, version = version + 1 WHERE id = $1 AND version = $3 AND state = 'created'",
  ),
  completeTask: q(
    'ceiling_complete_task',
    "UPDATE tasks SET state = 'completed', ended_at = $3, ended_by = $4, version = version + 1 WHERE id = $1 AND version = $2 AND state = 'created'",
  ),
  bumpInstance: q(
    'ceiling_bump_instance',
    'UPDATE instances SET version = version + 1, state = $3, ended_at = $4 WHERE id = $1 AND version = $2',
  ),
} as const;
