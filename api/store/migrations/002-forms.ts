/**
 * User-task forms: JSON Schemas referenced from models as `camunda:formKey="schema:<key>"`. Each
 * deploy (or seed from workflows/forms/) of a key stores a new version; a task's form is the
 * latest version of its key.
 */
import { DataTypes, type QueryInterface } from 'sequelize';

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('forms', {
    key: { type: DataTypes.STRING(128), allowNull: false, primaryKey: true },
    version: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true },
    schema: { type: DataTypes.TEXT, allowNull: false },
    schema_hash: { type: DataTypes.STRING(64), allowNull: false },
    deployment_id: { type: DataTypes.STRING(64), allowNull: true },
    created_by: { type: DataTypes.STRING(255), allowNull: true },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
  });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('forms');
}
