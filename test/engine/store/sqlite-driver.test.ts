import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataTypes, Op, Sequelize } from 'sequelize';
import { sequelizeSqliteModule } from '../../../engine/store/sqlite-driver.js';

describe('Feature: Sequelize runs on better-sqlite3 through the sqlite3-style stand-in', () => {
  let sequelize: Sequelize;
  beforeAll(() => {
    sequelize = new Sequelize({ dialect: 'sqlite', storage: ':memory:', dialectModule: sequelizeSqliteModule, logging: false });
  });
  afterAll(() => sequelize.close());

  it('Scenario: a model is synced, written with booleans and dates, and queried with bind parameters', async () => {
    const Unit = sequelize.define('unit', {
      code: { type: DataTypes.STRING, allowNull: false, unique: true },
      active: { type: DataTypes.BOOLEAN, allowNull: false },
      foundedAt: { type: DataTypes.DATE, allowNull: true },
    });
    await Unit.sync();
    await Unit.bulkCreate([
      { code: 'H22', active: true, foundedAt: new Date('2025-07-01T00:00:00Z') },
      { code: 'H23', active: false, foundedAt: null },
    ]);
    const active = await Unit.findAll({ where: { active: true } });
    expect(active.map((u) => u.get('code'))).toEqual(['H22']);
    expect((active[0]!.get('foundedAt') as Date).toISOString()).toBe('2025-07-01T00:00:00.000Z');
    expect(await Unit.count({ where: { code: { [Op.like]: 'H2%' } } })).toBe(2);
    const [rows] = await sequelize.query('SELECT code FROM units WHERE code = $code', { bind: { code: 'H23' } });
    expect(rows).toEqual([{ code: 'H23' }]);
    const [updated] = await Unit.update({ active: true }, { where: { code: 'H23' } });
    expect(updated).toBe(1);
  });

  it('Scenario: a constraint violation comes back as Sequelize error, and a transaction rolls back', async () => {
    const Code = sequelize.define('code', { value: { type: DataTypes.STRING, unique: true } });
    await Code.sync();
    await Code.create({ value: 'a' });
    await expect(Code.create({ value: 'a' })).rejects.toMatchObject({ name: 'SequelizeUniqueConstraintError' });
    await expect(
      sequelize.transaction(async (transaction) => {
        await Code.create({ value: 'b' }, { transaction });
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    expect(await Code.count()).toBe(1);
  });
});
