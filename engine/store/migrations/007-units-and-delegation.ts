/**
 * Which unit a process instance and its tasks belong to (DOMAIN.md: officers see the dossiers of
 * their unit), and task delegation (Camunda 7's owner and delegation state: a delegated task goes
 * to the delegate and comes back to its owner when resolved).
 */
import { DataTypes, type QueryInterface } from 'sequelize';

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.addColumn('process_instances', 'unit_id', { type: DataTypes.STRING(64), allowNull: true });
  await qi.addColumn('tasks', 'unit_id', { type: DataTypes.STRING(64), allowNull: true });
  await qi.addColumn('tasks', 'owner', { type: DataTypes.STRING(255), allowNull: true });
  await qi.addColumn('tasks', 'delegation_state', { type: DataTypes.STRING(16), allowNull: true });
  await qi.addIndex('process_instances', ['unit_id', 'state'], { name: 'process_instances_unit' });
  await qi.addIndex('tasks', ['unit_id', 'state'], { name: 'tasks_unit' });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.removeIndex('tasks', 'tasks_unit');
  await qi.removeIndex('process_instances', 'process_instances_unit');
  await qi.removeColumn('tasks', 'delegation_state');
  await qi.removeColumn('tasks', 'owner');
  await qi.removeColumn('tasks', 'unit_id');
  await qi.removeColumn('process_instances', 'unit_id');
}
