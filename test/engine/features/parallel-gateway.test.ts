import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestEngine, type TestEngine } from '../../support/test-engine.js';
import { featureFixture } from '../../support/fixtures.js';
import { complete, openTaskElements } from '../../support/steps.js';

describe('Feature: the parallel gateway forks and joins', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await startTestEngine();
    await t.engine.deploy(featureFixture('parallel-fork-join.bpmn'));
  });
  afterAll(() => t.close());

  it('Scenario: Given three consultations in parallel, When they are answered one by one, Then the join fires once, after the last', async () => {
    const { id } = await t.engine.startProcess('consult');
    expect(await openTaskElements(t.engine, id)).toEqual(['askFire', 'askLand', 'askTax']);
    await complete(t.engine, id, 'askLand');
    expect(await openTaskElements(t.engine, id)).toEqual(['askFire', 'askTax']);
    expect((await t.engine.getProcessInstance(id)).activeElementIds.toSorted()).toEqual(['askFire', 'askTax', 'join']);
    await complete(t.engine, id, 'askTax');
    await complete(t.engine, id, 'askFire');
    expect(await openTaskElements(t.engine, id)).toEqual(['decide']);
    expect((await t.engine.getProcessInstance(id)).activeElementIds).toEqual(['decide']);
    const joins = (await t.engine.getHistory(id)).filter((h) => h.elementId === 'join');
    expect(joins.map((h) => h.event)).toEqual(['started', 'completed']);
    await complete(t.engine, id, 'decide');
    expect((await t.engine.getProcessInstance(id)).state).toBe('completed');
  });
});
