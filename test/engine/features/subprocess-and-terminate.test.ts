import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestEngine, type TestEngine } from '../../support/test-engine.js';
import { featureFixture } from '../../support/fixtures.js';
import { complete, openTaskElements } from '../../support/steps.js';

describe('Feature: embedded subprocesses and terminate end events', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await startTestEngine();
    await t.engine.deploy(featureFixture('subprocess-terminate.bpmn'));
    await t.engine.deploy(featureFixture('process-terminate.bpmn'));
  });
  afterAll(() => t.close());

  it('Scenario: Given a subprocess with two branches, Then the subprocess and both tasks hold tokens', async () => {
    const { id } = await t.engine.startProcess('sub_terminate');
    expect((await t.engine.getProcessInstance(id)).activeElementIds.toSorted()).toEqual(['records', 'siteCheck', 'verify']);
  });

  it('Scenario: When a terminate end event is reached inside the subprocess, Then only the subprocess ends and the process goes on', async () => {
    const { id } = await t.engine.startProcess('sub_terminate');
    await complete(t.engine, id, 'records');
    expect(await openTaskElements(t.engine, id)).toEqual(['after']);
    const instance = await t.engine.getProcessInstance(id);
    expect(instance).toMatchObject({ state: 'active', activeElementIds: ['after'] });
    const history = (await t.engine.getHistory(id)).map((h) => `${h.elementId}:${h.event}`);
    expect(history).toContain('siteCheck:terminated');
    expect(history.indexOf('verify:completed')).toBeGreaterThan(history.indexOf('siteCheck:terminated'));
    await complete(t.engine, id, 'after');
    expect((await t.engine.getProcessInstance(id)).state).toBe('completed');
  });

  it('Scenario: When a terminate end event is reached in the process, Then every other task is terminated and the instance completes', async () => {
    const { id } = await t.engine.startProcess('process_terminate');
    const slow = (await t.engine.queryTasks({ processInstanceId: id, elementId: 'slow' }))[0]!;
    await complete(t.engine, id, 'refuse');
    expect(await t.engine.getProcessInstance(id)).toMatchObject({ state: 'completed', activeElementIds: [] });
    expect(await t.engine.queryTasks({ processInstanceId: id })).toEqual([]);
    await expect(t.engine.completeTask(slow.id)).rejects.toMatchObject({ code: 'task-not-open' });
  });

  it('Scenario: When an instance is terminated from outside, Then its tasks go and its state is terminated', async () => {
    const { id } = await t.engine.startProcess('sub_terminate');
    await t.engine.terminateProcessInstance(id, { userId: 'admin' });
    expect(await t.engine.getProcessInstance(id)).toMatchObject({ state: 'terminated', activeElementIds: [] });
    expect(await t.engine.queryTasks({ processInstanceId: id })).toEqual([]);
    await expect(t.engine.terminateProcessInstance(id)).rejects.toMatchObject({ code: 'instance-not-active' });
  });
});
