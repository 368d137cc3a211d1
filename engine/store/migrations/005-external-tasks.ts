/**
 * External tasks: service tasks that workers outside the engine fetch by topic, lock for a while,
 * and complete, fail (counting retries down to an incident) or answer with a BPMN error.
 */
import { DataTypes, type QueryInterface } from 'sequelize';

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('external_tasks', {
    id: { type: DataTypes.STRING(64), allowNull: false, primaryKey: true },
    topic: { type: DataTypes.STRING(255), allowNull: false },
    instance_id: { type: DataTypes.STRING(64), allowNull: false },
    token_id: { type: DataTypes.STRING(64), allowNull: false },
    element_id: { type: DataTypes.STRING(255), allowNull: false },
    business_key: { type: DataTypes.STRING(255), allowNull: true },
    worker_id: { type: DataTypes.STRING(255), allowNull: true },
    lock_expires_at: { type: DataTypes.DATE(3), allowNull: true },
    retries: { type: DataTypes.INTEGER, allowNull: true },
    error_message: { type: DataTypes.TEXT, allowNull: true },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
    version: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
  });
  await qi.addIndex('external_tasks', ['topic', 'lock_expires_at'], { name: 'external_tasks_topic' });
  await qi.addIndex('external_tasks', ['token_id'], { name: 'external_tasks_token' });
  await qi.addIndex('external_tasks', ['instance_id'], { name: 'external_tasks_instance' });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('external_tasks');
}
