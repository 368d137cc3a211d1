import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestEngine, type TestEngine } from '../../support/test-engine.js';
import { featureFixture } from '../../support/fixtures.js';
import { openTaskElements } from '../../support/steps.js';
import { ConflictError } from '../../../engine/index.js';

const TAX = [{ topicName: 'tax-lookup', lockDuration: 60_000 }];

describe('Feature: service tasks run as external tasks that workers fetch by topic', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await startTestEngine();
    await t.engine.deploy(featureFixture('external-task.bpmn'));
  });
  afterAll(() => t.close());

  it('Scenario: a worker fetches and locks the task, another gets nothing, and only the holder completes it', async () => {
    const { id } = await t.engine.startProcess('tax_lookup', { businessKey: 'H22-7', variables: { taxCode: '0101' } });
    const [task] = await t.engine.fetchAndLockExternalTasks({ workerId: 'w1', maxTasks: 5, topics: TAX });
    expect(task).toMatchObject({ topicName: 'tax-lookup', processInstanceId: id, elementId: 'lookup', businessKey: 'H22-7', variables: { taxCode: '0101' } });
    expect(await t.engine.fetchAndLockExternalTasks({ workerId: 'w2', maxTasks: 5, topics: TAX })).toEqual([]);
    await expect(t.engine.completeExternalTask(task!.id, { workerId: 'w2' })).rejects.toThrow(ConflictError);
    await t.engine.completeExternalTask(task!.id, { workerId: 'w1', variables: { owed: 0 } });
    expect(await openTaskElements(t.engine, id)).toEqual(['review']);
    expect((await t.engine.getProcessInstance(id)).variables).toEqual({ taxCode: '0101', owed: 0 });
    await expect(t.engine.completeExternalTask(task!.id, { workerId: 'w1' })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('Scenario: a lease that runs out frees the task for another worker', async () => {
    const { id } = await t.engine.startProcess('tax_lookup');
    const [first] = await t.engine.fetchAndLockExternalTasks({ workerId: 'w1', maxTasks: 1, topics: [{ topicName: 'tax-lookup', lockDuration: 1000 }] });
    t.clock.advance(1001);
    const [again] = await t.engine.fetchAndLockExternalTasks({ workerId: 'w2', maxTasks: 1, topics: TAX });
    expect(again!.id).toBe(first!.id);
    await expect(t.engine.completeExternalTask(first!.id, { workerId: 'w1' })).rejects.toMatchObject({ code: 'external-task-not-locked' });
    await t.engine.completeExternalTask(first!.id, { workerId: 'w2' });
    expect(await openTaskElements(t.engine, id)).toEqual(['review']);
  });

  it('Scenario: failures count retries down to an incident, which an admin retries', async () => {
    const { id } = await t.engine.startProcess('tax_lookup');
    let [task] = await t.engine.fetchAndLockExternalTasks({ workerId: 'w1', maxTasks: 1, topics: TAX });
    await t.engine.failExternalTask(task!.id, { workerId: 'w1', errorMessage: 'tax service down', retries: 1, retryTimeout: 5000 });
    expect(await t.engine.fetchAndLockExternalTasks({ workerId: 'w1', maxTasks: 1, topics: TAX })).toEqual([]);
    t.clock.advance(5001);
    [task] = await t.engine.fetchAndLockExternalTasks({ workerId: 'w1', maxTasks: 1, topics: TAX });
    expect(task).toMatchObject({ retries: 1, errorMessage: 'tax service down' });
    await t.engine.failExternalTask(task!.id, { workerId: 'w1', errorMessage: 'still down', retries: 0 });
    t.clock.advance(60_000);
    expect(await t.engine.fetchAndLockExternalTasks({ workerId: 'w1', maxTasks: 1, topics: TAX })).toEqual([]);
    expect(await t.engine.listIncidents()).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'external-task', id: task!.id, processInstanceId: id, lastError: 'still down' })]),
    );
    await t.engine.retryIncident(task!.id);
    expect(await t.engine.fetchAndLockExternalTasks({ workerId: 'w1', maxTasks: 1, topics: TAX })).toHaveLength(1);
  });

  it('Scenario: a BPMN error from the worker is caught by the task own boundary event; an unknown code fails and changes nothing', async () => {
    const { id } = await t.engine.startProcess('tax_lookup');
    const [task] = await t.engine.fetchAndLockExternalTasks({ workerId: 'w1', maxTasks: 1, topics: TAX });
    await expect(t.engine.throwExternalTaskError(task!.id, { workerId: 'w1', errorCode: 'OTHER' })).rejects.toMatchObject({ code: 'uncaught-error' });
    expect((await t.engine.getProcessInstance(id)).activeElementIds).toEqual(['lookup']);
    await t.engine.throwExternalTaskError(task!.id, { workerId: 'w1', errorCode: 'TAX_MISSING', variables: { reason: 'no record' } });
    expect(await openTaskElements(t.engine, id)).toEqual(['manualCheck']);
    expect(await t.engine.fetchAndLockExternalTasks({ workerId: 'w1', maxTasks: 5, topics: TAX })).toEqual([]);
  });
});
