/**
 * Jobs: timers waiting to fire, as rows with a lease (lock owner and expiry) so that several
 * servers can share them and each fires once. A job whose retries are used up is an incident.
 */
import { DataTypes, type QueryInterface } from 'sequelize';

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('jobs', {
    id: { type: DataTypes.STRING(64), allowNull: false, primaryKey: true },
    kind: { type: DataTypes.STRING(16), allowNull: false },
    definition_id: { type: DataTypes.STRING(64), allowNull: true },
    instance_id: { type: DataTypes.STRING(64), allowNull: true },
    token_id: { type: DataTypes.STRING(64), allowNull: true },
    element_id: { type: DataTypes.STRING(255), allowNull: false },
    due_at: { type: DataTypes.DATE(3), allowNull: false },
    repeat: { type: DataTypes.STRING(255), allowNull: true },
    retries: { type: DataTypes.INTEGER, allowNull: false },
    last_error: { type: DataTypes.TEXT, allowNull: true },
    lock_owner: { type: DataTypes.STRING(64), allowNull: true },
    lock_expires_at: { type: DataTypes.DATE(3), allowNull: true },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
    version: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
  });
  await qi.addIndex('jobs', ['due_at'], { name: 'jobs_due' });
  await qi.addIndex('jobs', ['instance_id'], { name: 'jobs_instance' });
  await qi.addIndex('jobs', ['token_id'], { name: 'jobs_token' });
  await qi.addIndex('jobs', ['definition_id'], { name: 'jobs_definition' });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('jobs');
}
