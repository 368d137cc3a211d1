import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { openDatabase, type Database } from '../../../engine/store/database.js';
import { CommandExecutor } from '../../../engine/runtime/command-executor.js';
import { ConflictError, OptimisticLockError } from '../../../engine/index.js';

describe('Feature: each command runs in one transaction and lost optimistic locks are retried', () => {
  let database: Database;
  let executor: CommandExecutor;
  beforeAll(async () => {
    database = await openDatabase('sqlite::memory:');
    await database.sequelize.query('CREATE TABLE probe (n INTEGER)');
    executor = new CommandExecutor(database, 3);
  });
  afterAll(() => database.close());

  it('Scenario: a command that loses an optimistic lock twice is retried and then commits once', async () => {
    let attempts = 0;
    const result = await executor.execute(async (session) => {
      attempts++;
      await session.runDynamic('INSERT INTO probe (n) VALUES ($1)', [attempts]);
      if (attempts < 3) throw new OptimisticLockError('probe', 'x');
      return 'done';
    });
    expect(result).toBe('done');
    expect(attempts).toBe(3);
    const [rows] = await database.sequelize.query('SELECT n FROM probe');
    expect(rows).toEqual([{ n: 3 }]); // the two failed attempts were rolled back
  });

  it('Scenario: a command that keeps losing gives up after the last attempt', async () => {
    let attempts = 0;
    const failing = executor.execute(async () => {
      attempts++;
      throw new OptimisticLockError('probe', 'y');
    });
    await expect(failing).rejects.toThrow(OptimisticLockError);
    expect(attempts).toBe(3);
  });

  it('Scenario: a business conflict is not retried', async () => {
    let attempts = 0;
    const failing = executor.execute(async () => {
      attempts++;
      throw new ConflictError('task-claimed-by-other', 'taken');
    });
    await expect(failing).rejects.toThrow(ConflictError);
    expect(attempts).toBe(1);
  });
});
