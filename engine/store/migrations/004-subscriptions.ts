/**
 * Event subscriptions: a token waiting for a message or a signal (an intermediate catch event, a
 * receive task, a boundary event of a waiting activity), and the message and signal start events
 * of each process's latest version. The instance's business key is copied in for correlation.
 */
import { DataTypes, type QueryInterface } from 'sequelize';

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('subscriptions', {
    id: { type: DataTypes.STRING(64), allowNull: false, primaryKey: true },
    kind: { type: DataTypes.STRING(16), allowNull: false },
    name: { type: DataTypes.STRING(255), allowNull: false },
    correlation_key: { type: DataTypes.STRING(255), allowNull: true },
    business_key: { type: DataTypes.STRING(255), allowNull: true },
    definition_id: { type: DataTypes.STRING(64), allowNull: false },
    instance_id: { type: DataTypes.STRING(64), allowNull: true },
    token_id: { type: DataTypes.STRING(64), allowNull: true },
    element_id: { type: DataTypes.STRING(255), allowNull: false },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await qi.addIndex('subscriptions', ['kind', 'name'], { name: 'subscriptions_kind_name' });
  await qi.addIndex('subscriptions', ['instance_id'], { name: 'subscriptions_instance' });
  await qi.addIndex('subscriptions', ['token_id'], { name: 'subscriptions_token' });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('subscriptions');
}
