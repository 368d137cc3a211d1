/**
 * The engine's first schema: deployments, process definitions, instances, tokens, tasks with their
 * candidates, variables and the append-only history. Instance, token and task rows carry a `version`
 * column for optimistic locking.
 */
import { DataTypes, type QueryInterface } from 'sequelize';

const id = { type: DataTypes.STRING(64), allowNull: false, primaryKey: true };
const ref = (nullable = false) => ({ type: DataTypes.STRING(64), allowNull: nullable });
const version = { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 };
const time = (nullable = false) => ({ type: DataTypes.DATE(3), allowNull: nullable });

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('deployments', {
    id,
    name: { type: DataTypes.STRING(255), allowNull: true },
    created_at: time(),
  });

  await qi.createTable('process_definitions', {
    id,
    key: { type: DataTypes.STRING(255), allowNull: false },
    version: { type: DataTypes.INTEGER, allowNull: false },
    name: { type: DataTypes.STRING(255), allowNull: true },
    deployment_id: ref(),
    resource_hash: { type: DataTypes.STRING(64), allowNull: false },
    xml: { type: DataTypes.TEXT, allowNull: false },
    created_at: time(),
  });
  await qi.addIndex('process_definitions', ['key', 'version'], { unique: true, name: 'process_definitions_key_version' });

  await qi.createTable('process_instances', {
    id,
    definition_id: ref(),
    definition_key: { type: DataTypes.STRING(255), allowNull: false },
    definition_version: { type: DataTypes.INTEGER, allowNull: false },
    business_key: { type: DataTypes.STRING(255), allowNull: true },
    state: { type: DataTypes.STRING(16), allowNull: false },
    parent_instance_id: ref(true),
    parent_token_id: ref(true),
    started_at: time(),
    ended_at: time(true),
    version,
  });
  await qi.addIndex('process_instances', ['parent_instance_id'], { name: 'process_instances_parent' });
  await qi.addIndex('process_instances', ['business_key'], { name: 'process_instances_business_key' });

  await qi.createTable('tokens', {
    id,
    instance_id: ref(),
    element_id: { type: DataTypes.STRING(255), allowNull: false },
    scope_token_id: ref(true),
    state: { type: DataTypes.STRING(16), allowNull: false },
    arrived_via: { type: DataTypes.STRING(255), allowNull: true },
    created_at: time(),
    version,
  });
  await qi.addIndex('tokens', ['instance_id'], { name: 'tokens_instance' });

  await qi.createTable('tasks', {
    id,
    instance_id: ref(),
    token_id: ref(),
    element_id: { type: DataTypes.STRING(255), allowNull: false },
    name: { type: DataTypes.STRING(1024), allowNull: true },
    assignee: { type: DataTypes.STRING(255), allowNull: true },
    candidate_groups: { type: DataTypes.TEXT, allowNull: false },
    candidate_users: { type: DataTypes.TEXT, allowNull: false },
    due_date: time(true),
    follow_up_date: time(true),
    priority: { type: DataTypes.INTEGER, allowNull: false },
    form_key: { type: DataTypes.STRING(1024), allowNull: true },
    state: { type: DataTypes.STRING(16), allowNull: false },
    created_at: time(),
    ended_at: time(true),
    ended_by: { type: DataTypes.STRING(255), allowNull: true },
    version,
  });
  await qi.addIndex('tasks', ['instance_id'], { name: 'tasks_instance' });
  await qi.addIndex('tasks', ['state', 'assignee'], { name: 'tasks_state_assignee' });

  await qi.createTable('task_candidates', {
    task_id: { type: DataTypes.STRING(64), allowNull: false, primaryKey: true },
    kind: { type: DataTypes.STRING(8), allowNull: false, primaryKey: true },
    value: { type: DataTypes.STRING(255), allowNull: false, primaryKey: true },
  });
  await qi.addIndex('task_candidates', ['kind', 'value'], { name: 'task_candidates_kind_value' });

  await qi.createTable('variables', {
    instance_id: { type: DataTypes.STRING(64), allowNull: false, primaryKey: true },
    name: { type: DataTypes.STRING(255), allowNull: false, primaryKey: true },
    type: { type: DataTypes.STRING(16), allowNull: false },
    value: { type: DataTypes.TEXT, allowNull: true },
  });

  await qi.createTable('history', {
    id: { type: DataTypes.BIGINT, autoIncrement: true, primaryKey: true },
    instance_id: ref(),
    element_id: { type: DataTypes.STRING(255), allowNull: true },
    element_type: { type: DataTypes.STRING(64), allowNull: false },
    event: { type: DataTypes.STRING(32), allowNull: false },
    at: time(),
    user_id: { type: DataTypes.STRING(255), allowNull: true },
    token_id: ref(true),
    detail: { type: DataTypes.TEXT, allowNull: true },
  });
  await qi.addIndex('history', ['instance_id', 'id'], { name: 'history_instance' });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  for (const table of ['history', 'variables', 'task_candidates', 'tasks', 'tokens', 'process_instances', 'process_definitions', 'deployments']) {
    await qi.dropTable(table);
  }
}
