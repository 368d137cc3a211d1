import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestEngine, type TestEngine } from '../../support/test-engine.js';
import { featureFixture } from '../../support/fixtures.js';
import { complete, openTaskElements } from '../../support/steps.js';

describe('Feature: FEEL script tasks and conditional flows out of activities', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await startTestEngine();
    await t.engine.deploy(featureFixture('script-task.bpmn'));
    await t.engine.deploy(featureFixture('conditional-flows.bpmn'));
    await t.engine.deploy(featureFixture('loop-without-wait.bpmn'));
  });
  afterAll(() => t.close());

  it.each([
    [{ area: 150, base: 100 }, 200],
    [{ area: 80, base: 100 }, 100],
  ])('Scenario: Given %j, When the fee script runs, Then fee = %d', async (variables, fee) => {
    const { id } = await t.engine.startProcess('fee', { variables });
    expect((await t.engine.getProcessInstance(id)).variables).toEqual({ ...variables, fee });
    expect(await openTaskElements(t.engine, id)).toEqual(['pay']);
  });

  it.each([
    [{ channel: 2, hasFee: true }, ['fee', 'notify']],
    [{ channel: 1, hasFee: true }, ['fee']],
    [{ channel: 1, hasFee: false }, ['archive']],
  ])('Scenario: Given the task completes with %j, Then the flows whose conditions hold are all taken (%j)', async (variables, expected) => {
    const { id } = await t.engine.startProcess('conditional_flows');
    await complete(t.engine, id, 'receive', variables);
    expect(await openTaskElements(t.engine, id)).toEqual(expected);
  });

  it('Scenario: Given a model that loops without waiting, When it starts, Then it stops at the step limit and stores nothing', async () => {
    await expect(t.engine.startProcess('endless')).rejects.toMatchObject({ code: 'step-limit-exceeded' });
  });
});
