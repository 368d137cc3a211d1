/**
 * Two engines (as two servers would) on one database race for the same work. On PostgreSQL they
 * share a fresh database; on SQLite they share one file. Every race must end with exactly one
 * winner and a typed conflict for the loser, and a join must fire exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createEngine, ConflictError, type Engine } from '../../engine/index.js';
import { onPostgres, testDatabase, type TestDatabase } from '../support/test-engine.js';
import { featureFixture } from '../support/fixtures.js';
import { openTaskElements } from '../support/steps.js';

const ROUNDS = 10;

describe('Feature: two engines on one database', () => {
  let database: TestDatabase;
  let directory: string | undefined;
  let a: Engine;
  let b: Engine;

  beforeAll(async () => {
    if (onPostgres()) {
      database = await testDatabase();
    } else {
      directory = mkdtempSync(path.join(tmpdir(), 'motcua-race-'));
      database = { url: `sqlite:${path.join(directory, 'race.sqlite')}`, drop: async () => undefined };
    }
    a = await createEngine({ databaseUrl: database.url });
    b = await createEngine({ databaseUrl: database.url });
    await a.deploy(featureFixture('sequential-user-tasks.bpmn'));
    await a.deploy(featureFixture('parallel-fork-join.bpmn'));
  });

  afterAll(async () => {
    await a.close();
    await b.close();
    await database.drop();
    if (directory) rmSync(directory, { recursive: true, force: true });
  });

  it('Scenario: two servers deploy the same new model at once: one version, both told so', async () => {
    const xml = featureFixture('script-task.bpmn').replace('id="fee"', 'id="fee_race"');
    const [first, second] = await Promise.all([a.deploy(xml), b.deploy(xml)]);
    expect(first.definitions[0]!.id).toBe(second.definitions[0]!.id);
    expect([first.duplicate, second.duplicate].sort()).toEqual([false, true]);
    const changed = xml.replace('base * 2', 'base * 3');
    const [v2a, v2b] = await Promise.all([a.deploy(changed), b.deploy(changed)]);
    expect(v2a.definitions[0]!.version).toBe(2);
    expect(v2b.definitions[0]!.version).toBe(2);
  });

  it('Scenario: two officers claim the same task at once: exactly one wins, the other gets a conflict', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const { id } = await a.startProcess('household_business');
      const [task] = await b.queryTasks({ processInstanceId: id });
      const results = await Promise.allSettled([a.claimTask(task!.id, 'an'), b.claimTask(task!.id, 'binh')]);
      const winners = results.filter((r) => r.status === 'fulfilled');
      const losers = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(winners).toHaveLength(1);
      expect(losers).toHaveLength(1);
      expect(losers[0]!.reason).toBeInstanceOf(ConflictError);
      expect(losers[0]!.reason).toMatchObject({ code: 'task-claimed-by-other' });
      const [claimed] = await a.queryTasks({ processInstanceId: id });
      expect(claimed!.assignee).toBe((winners[0] as PromiseFulfilledResult<{ assignee: string }>).value.assignee);
    }
  });

  it('Scenario: the same task is completed twice at once: exactly one completion counts', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const { id } = await a.startProcess('household_business', { variables: { specialist: 'an' } });
      const [task] = await a.queryTasks({ processInstanceId: id });
      const results = await Promise.allSettled([a.completeTask(task!.id), b.completeTask(task!.id)]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const loser = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')!;
      expect(loser.reason).toMatchObject({ code: 'task-not-open' });
      expect(await openTaskElements(a, id)).toEqual(['review']);
      const completions = (await a.getHistory(id)).filter((h) => h.elementId === 'intake' && h.event === 'completed');
      expect(completions).toHaveLength(1);
    }
  });

  it('Scenario: every branch of a parallel join is completed at once: the join fires exactly once', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const { id } = await a.startProcess('consult');
      const tasks = await a.queryTasks({ processInstanceId: id });
      expect(tasks).toHaveLength(3);
      await Promise.all(tasks.map((task, index) => (index % 2 === 0 ? a : b).completeTask(task.id)));
      expect(await openTaskElements(b, id)).toEqual(['decide']);
      expect((await b.getProcessInstance(id)).activeElementIds).toEqual(['decide']);
      const fired = (await b.getHistory(id)).filter((h) => h.elementId === 'join' && h.event === 'completed');
      expect(fired).toHaveLength(1);
    }
  });
});
