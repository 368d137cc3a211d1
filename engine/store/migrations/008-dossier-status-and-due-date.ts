/**
 * What a process instance says about its dossier: the status the model's elements set
 * (motcua:dossierStatus, DOMAIN.md's codes) and the legal due date computed at start from the
 * procedure's time limit (motcua:legalTimeLimit). And an index for what a deployed version's
 * statistics count (its running instances).
 */
import { DataTypes, type QueryInterface } from 'sequelize';

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.addColumn('process_instances', 'dossier_status', { type: DataTypes.INTEGER, allowNull: true });
  await qi.addColumn('process_instances', 'due_date', { type: DataTypes.DATE(3), allowNull: true });
  await qi.addIndex('process_instances', ['definition_id', 'state'], { name: 'process_instances_definition' });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.removeIndex('process_instances', 'process_instances_definition');
  await qi.removeColumn('process_instances', 'due_date');
  await qi.removeColumn('process_instances', 'dossier_status');
}
