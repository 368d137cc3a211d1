import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestEngine, type TestEngine } from '../../support/test-engine.js';
import { featureFixture } from '../../support/fixtures.js';
import { complete, openTaskElements } from '../../support/steps.js';

describe('Feature: the inclusive gateway forks by conditions and joins what can still arrive', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await startTestEngine();
    await t.engine.deploy(featureFixture('inclusive-fork-join.bpmn'));
    await t.engine.deploy(featureFixture('inclusive-join-released-by-end.bpmn'));
  });
  afterAll(() => t.close());

  it.each([
    [{ needA: true, needB: true }, ['taskA', 'taskB1']],
    [{ needA: false, needB: true }, ['taskB1']],
    [{ needA: false, needB: false }, ['taskOnly']],
  ])('Scenario: Given %j, When the process starts, Then %j are open', async (variables, expected) => {
    const { id } = await t.engine.startProcess('inclusive', { variables });
    expect(await openTaskElements(t.engine, id)).toEqual(expected);
  });

  it('Scenario: Given both branches run, When branch A arrives first, Then the join waits for the token still on its way through B1 and B2', async () => {
    const { id } = await t.engine.startProcess('inclusive', { variables: { needA: true, needB: true } });
    await complete(t.engine, id, 'taskA');
    expect(await openTaskElements(t.engine, id)).toEqual(['taskB1']);
    await complete(t.engine, id, 'taskB1');
    expect(await openTaskElements(t.engine, id)).toEqual(['taskB2']);
    await complete(t.engine, id, 'taskB2');
    expect(await openTaskElements(t.engine, id)).toEqual(['after']);
    expect((await t.engine.getHistory(id)).filter((h) => h.elementId === 'join' && h.event === 'completed')).toHaveLength(1);
  });

  it('Scenario: Given one branch alone, When it arrives, Then the join fires at once', async () => {
    const { id } = await t.engine.startProcess('inclusive', { variables: { needA: false, needB: true } });
    await complete(t.engine, id, 'taskB1');
    await complete(t.engine, id, 'taskB2');
    expect(await openTaskElements(t.engine, id)).toEqual(['after']);
  });

  it('Scenario: Given a token waits at the join, When the other token ends elsewhere, Then the join is released', async () => {
    const { id } = await t.engine.startProcess('inclusive_release');
    await complete(t.engine, id, 'taskA');
    expect((await t.engine.getProcessInstance(id)).activeElementIds.toSorted()).toEqual(['join', 'taskB']);
    await complete(t.engine, id, 'taskB', { goOn: false });
    expect(await openTaskElements(t.engine, id)).toEqual(['after']);
  });

  it('Scenario: Given a token waits at the join, When the other token arrives too, Then the join fires once', async () => {
    const { id } = await t.engine.startProcess('inclusive_release');
    await complete(t.engine, id, 'taskA');
    await complete(t.engine, id, 'taskB', { goOn: true });
    expect(await openTaskElements(t.engine, id)).toEqual(['after']);
    expect((await t.engine.getProcessInstance(id)).activeElementIds).toEqual(['after']);
  });
});
