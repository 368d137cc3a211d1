/**
 * Local variables on tokens: the variables that belong to one activity instance rather than to the
 * whole process instance (a multi-instance body's nrOfInstances, nrOfActiveInstances and
 * nrOfCompletedInstances; an instance's loopCounter and element variable). Stored as one JSON
 * object of encoded variables per token, read with the tokens every command already loads.
 */
import { DataTypes, type QueryInterface } from 'sequelize';

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.addColumn('tokens', 'local_variables', { type: DataTypes.TEXT, allowNull: true });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.removeColumn('tokens', 'local_variables');
}
