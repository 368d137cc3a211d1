/**
 * The API's own schema: the unit tree, users, roles with their permission rules (CASL rules as JSON
 * text), role assignments per unit, API keys, the append-only audit log, and a small key/value
 * table (the generated development JWT secret). Timestamps are DATE(3); ids are UUID text except
 * role codes (the BPMN candidate groups) and the audit log's sequence.
 */
import { DataTypes, type QueryInterface } from 'sequelize';

const id = { type: DataTypes.STRING(36), allowNull: false, primaryKey: true };
const time = { type: DataTypes.DATE(3), allowNull: false };
const optionalTime = { type: DataTypes.DATE(3), allowNull: true };

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('units', {
    id,
    code: { type: DataTypes.STRING(64), allowNull: false, unique: true },
    name: { type: DataTypes.TEXT, allowNull: false },
    kind: { type: DataTypes.STRING(16), allowNull: false },
    parent_id: { type: DataTypes.STRING(36), allowNull: true, references: { model: 'units', key: 'id' } },
    created_at: time,
    updated_at: time,
  });
  await qi.addIndex('units', ['parent_id'], { name: 'units_parent' });

  await qi.createTable('roles', {
    code: { type: DataTypes.STRING(64), allowNull: false, primaryKey: true },
    name: { type: DataTypes.TEXT, allowNull: false },
    description: { type: DataTypes.TEXT, allowNull: false },
    rules: { type: DataTypes.TEXT, allowNull: false },
    version: { type: DataTypes.INTEGER, allowNull: false },
    created_at: time,
    updated_at: time,
  });

  await qi.createTable('users', {
    id,
    username: { type: DataTypes.STRING(128), allowNull: false, unique: true },
    display_name: { type: DataTypes.TEXT, allowNull: false },
    email: { type: DataTypes.STRING(254), allowNull: true },
    unit_id: { type: DataTypes.STRING(36), allowNull: false, references: { model: 'units', key: 'id' } },
    password_hash: { type: DataTypes.TEXT, allowNull: true },
    /** Tokens issued before this instant are refused (set by a password reset). */
    tokens_valid_after: time,
    disabled_at: optionalTime,
    created_at: time,
    updated_at: time,
  });
  await qi.addIndex('users', ['unit_id'], { name: 'users_unit' });

  await qi.createTable('user_roles', {
    user_id: { type: DataTypes.STRING(36), allowNull: false, primaryKey: true, references: { model: 'users', key: 'id' } },
    role_code: { type: DataTypes.STRING(64), allowNull: false, primaryKey: true, references: { model: 'roles', key: 'code' } },
    unit_id: { type: DataTypes.STRING(36), allowNull: false, primaryKey: true, references: { model: 'units', key: 'id' } },
    created_at: time,
  });

  await qi.createTable('api_keys', {
    id,
    name: { type: DataTypes.TEXT, allowNull: false },
    /** The first characters of the key, to recognise it in lists; never enough to use it. */
    key_prefix: { type: DataTypes.STRING(16), allowNull: false },
    key_hash: { type: DataTypes.STRING(64), allowNull: false, unique: true },
    unit_id: { type: DataTypes.STRING(36), allowNull: false, references: { model: 'units', key: 'id' } },
    created_by: { type: DataTypes.STRING(128), allowNull: false },
    created_at: time,
    revoked_at: optionalTime,
  });
  await qi.createTable('api_key_roles', {
    api_key_id: { type: DataTypes.STRING(36), allowNull: false, primaryKey: true, references: { model: 'api_keys', key: 'id' } },
    role_code: { type: DataTypes.STRING(64), allowNull: false, primaryKey: true, references: { model: 'roles', key: 'code' } },
  });

  await qi.createTable('audit_log', {
    seq: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true, autoIncrement: true },
    at: time,
    actor: { type: DataTypes.STRING(128), allowNull: false },
    actor_kind: { type: DataTypes.STRING(16), allowNull: false },
    action: { type: DataTypes.STRING(64), allowNull: false },
    subject: { type: DataTypes.STRING(32), allowNull: false },
    subject_id: { type: DataTypes.STRING(128), allowNull: false },
    unit_id: { type: DataTypes.STRING(36), allowNull: true },
    before_state: { type: DataTypes.TEXT, allowNull: true },
    after_state: { type: DataTypes.TEXT, allowNull: true },
    request_id: { type: DataTypes.STRING(128), allowNull: true },
  });
  await qi.addIndex('audit_log', ['at'], { name: 'audit_log_at' });

  await qi.createTable('api_settings', {
    key: { type: DataTypes.STRING(64), allowNull: false, primaryKey: true },
    value: { type: DataTypes.TEXT, allowNull: false },
    updated_at: time,
  });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  for (const table of ['api_settings', 'audit_log', 'api_key_roles', 'api_keys', 'user_roles', 'users', 'roles', 'units']) {
    await qi.dropTable(table);
  }
}
