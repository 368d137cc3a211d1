/**
 * The dossier's clock pauses while it waits for the applicant (DOMAIN.md: status 5, supplement
 * requested; status 6, waiting for financial obligations): when it pauses, and the legal due date
 * as first computed, kept for statistics while `due_date` moves on by the paused working time.
 */
import { DataTypes, type QueryInterface } from 'sequelize';

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.addColumn('process_instances', 'paused_at', { type: DataTypes.DATE(3), allowNull: true });
  await qi.addColumn('process_instances', 'original_due_date', { type: DataTypes.DATE(3), allowNull: true });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.removeColumn('process_instances', 'original_due_date');
  await qi.removeColumn('process_instances', 'paused_at');
}
