/**
 * The admin-edited holiday table (DOMAIN.md "Deadlines: working time"): one row per local date
 * 'YYYY-MM-DD' (a public holiday, a substitute day off or a swapped working day); the years whose
 * defaults have been pre-filled, so that an admin's removals are never filled in again; and a small
 * key/value table of settings (JSON text), which holds the working-time configuration.
 */
import { DataTypes, type QueryInterface } from 'sequelize';

const time = { type: DataTypes.DATE(3), allowNull: false };

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('holidays', {
    date: { type: DataTypes.STRING(10), allowNull: false, primaryKey: true },
    kind: { type: DataTypes.STRING(32), allowNull: false },
    name: { type: DataTypes.TEXT, allowNull: false },
    source: { type: DataTypes.STRING(32), allowNull: false },
    created_at: time,
    updated_at: time,
  });
  await qi.createTable('holiday_years', {
    year: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true },
    prefilled_at: time,
  });
  await qi.createTable('settings', {
    key: { type: DataTypes.STRING(64), allowNull: false, primaryKey: true },
    value: { type: DataTypes.TEXT, allowNull: false },
    updated_at: time,
  });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('settings');
  await qi.dropTable('holiday_years');
  await qi.dropTable('holidays');
}
