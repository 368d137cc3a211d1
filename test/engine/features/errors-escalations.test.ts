import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestEngine, type TestEngine } from '../../support/test-engine.js';
import { featureFixture } from '../../support/fixtures.js';
import { complete, openTaskElements, theTask } from '../../support/steps.js';

describe('Feature: BPMN errors and escalations are caught by boundary events around them', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await startTestEngine();
    for (const file of ['errors-escalations.bpmn', 'error-from-called.bpmn', 'error-uncaught.bpmn']) await t.engine.deploy(featureFixture(file));
  });
  afterAll(() => t.close());

  it('Scenario: an error with a known code ends the subprocess and takes the boundary with that code', async () => {
    const { id } = await t.engine.startProcess('appraisal');
    await complete(t.engine, id, 'review', { outcome: 'invalid' });
    expect(await openTaskElements(t.engine, id)).toEqual(['refusal']);
    const history = (await t.engine.getHistory(id)).map((h) => `${h.elementId}:${h.event}`);
    expect(history).toEqual(expect.arrayContaining(['invalid:completed', 'check:terminated', 'refused:completed']));
    expect(history).not.toContain('anyError:started');
  });

  it('Scenario: an error with another code (an errorRef naming no error) goes to the catch-all boundary', async () => {
    const { id } = await t.engine.startProcess('appraisal');
    await complete(t.engine, id, 'review', { outcome: 'broken' });
    expect(await openTaskElements(t.engine, id)).toEqual(['investigate']);
  });

  it('Scenario: an escalation is caught by a non-interrupting boundary: the apology letter starts and the work goes on', async () => {
    const { id } = await t.engine.startProcess('appraisal');
    await complete(t.engine, id, 'review', { outcome: 'ok' });
    expect(await openTaskElements(t.engine, id)).toEqual(['apology', 'finish']);
    await complete(t.engine, id, 'finish');
    expect(await openTaskElements(t.engine, id)).toEqual(['apology', 'sign']);
  });

  it('Scenario: an error thrown in a called process is caught on the call activity, and the called instance ends', async () => {
    const { id } = await t.engine.startProcess('land_issue');
    const verify = (await t.engine.queryTasks({ elementId: 'verifyTax' })).find((task) => task.processInstanceId !== id)!;
    await t.engine.completeTask(verify.id, { variables: { paid: false } });
    expect(await openTaskElements(t.engine, id)).toEqual(['remindPayment']);
    expect((await t.engine.getProcessInstance(verify.processInstanceId)).state).toBe('terminated');
  });

  it('Scenario: an error nobody catches fails the call, naming the end event, and changes nothing', async () => {
    const { id } = await t.engine.startProcess('uncaught_error');
    const work = await theTask(t.engine, id, 'work');
    await expect(t.engine.completeTask(work.id)).rejects.toMatchObject({ code: 'uncaught-error', elementId: 'fail' });
    expect(await openTaskElements(t.engine, id)).toEqual(['work']);
  });
});
