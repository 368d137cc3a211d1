import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestEngine, type TestEngine } from '../../support/test-engine.js';
import { featureFixture } from '../../support/fixtures.js';
import { openTaskElements } from '../../support/steps.js';
import { ProcessExecutionError } from '../../../engine/index.js';

describe('Feature: the exclusive gateway takes exactly one path', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await startTestEngine();
    await t.engine.deploy(featureFixture('exclusive-gateway.bpmn'));
    await t.engine.deploy(featureFixture('exclusive-no-default.bpmn'));
  });
  afterAll(() => t.close());

  it.each([
    [{ amount: 50, kind: 'a' }, ['small']],
    [{ amount: 500, kind: 'a' }, ['large']],
    [{ amount: 50, kind: 'b' }, ['other']],
  ])('Scenario: Given variables %j, When the process starts, Then only %j is open (JUEL, FEEL, default)', async (variables, expected) => {
    const { id } = await t.engine.startProcess('exclusive', { variables });
    expect(await openTaskElements(t.engine, id)).toEqual(expected);
  });

  describe('Scenario: no condition holds and there is no default', () => {
    it('Given approved is not a boolean, When the process starts, Then the call fails naming the gateway and nothing is stored', async () => {
      const before = await t.engine.queryTasks();
      const attempt = t.engine.startProcess('exclusive_no_default', { variables: { approved: 'maybe' } });
      await expect(attempt).rejects.toThrow(ProcessExecutionError);
      await expect(t.engine.startProcess('exclusive_no_default', { variables: { approved: 'maybe' } })).rejects.toMatchObject({
        elementId: 'decide',
      });
      expect(await t.engine.queryTasks()).toEqual(before);
    });

    it('Given approved is false, Then the JUEL negation path is taken', async () => {
      const { id } = await t.engine.startProcess('exclusive_no_default', { variables: { approved: false } });
      expect(await openTaskElements(t.engine, id)).toEqual(['no']);
    });
  });

  describe('Scenario: a condition reads a variable that does not exist', () => {
    it('Given no variables, When the process starts, Then the error names the element and the variable', async () => {
      await expect(t.engine.startProcess('exclusive')).rejects.toMatchObject({
        code: 'expression-failed',
        elementId: 'decide',
        message: expect.stringContaining('amount'),
      });
    });
  });
});
