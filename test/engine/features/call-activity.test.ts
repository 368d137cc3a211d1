import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestEngine, type TestEngine } from '../../support/test-engine.js';
import { featureFixture } from '../../support/fixtures.js';
import { complete, theTask } from '../../support/steps.js';

describe('Feature: call activities run another process and map variables in and out', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await startTestEngine();
    await t.engine.deploy(featureFixture('call-parent.bpmn'));
  });
  afterAll(() => t.close());

  it('Scenario: Given the called process is not deployed, When the parent starts, Then it fails naming the call activity and stores nothing', async () => {
    await expect(t.engine.startProcess('land_registration', { variables: { parcel: 'P1', area: 10 } })).rejects.toMatchObject({
      code: 'called-process-not-found',
      elementId: 'callVerify',
    });
    expect(await t.engine.queryTasks()).toEqual([]);
  });

  it('Scenario: Given both are deployed, When the parent starts, Then the child gets the mapped variables and business key, and its result comes back', async () => {
    await t.engine.deploy(featureFixture('call-child.bpmn'));
    const { id } = await t.engine.startProcess('land_registration', {
      businessKey: 'H22-260302-0007',
      variables: { parcel: 'P1', area: 10, secret: 'x' },
    });
    expect((await t.engine.getProcessInstance(id)).activeElementIds).toEqual(['callVerify']);
    const post = (await t.engine.queryTasks({ elementId: 'post' })).find((task) => task.processInstanceId !== id)!;
    const child = await t.engine.getProcessInstance(post.processInstanceId);
    expect(child).toMatchObject({ key: 'commune_verification', parentInstanceId: id, businessKey: 'H22-260302-0007' });
    expect(child.variables).toEqual({ parcelId: 'P1', doubleArea: 20 });
    await t.engine.completeTask(post.id, { variables: { verified: true, note: 'ok' } });
    expect((await t.engine.getProcessInstance(child.id)).state).toBe('completed');
    const parent = await t.engine.getProcessInstance(id);
    expect(parent.activeElementIds).toEqual(['landOffice']);
    expect(parent.variables).toEqual({ parcel: 'P1', area: 10, secret: 'x', communeVerified: true });
    await complete(t.engine, id, 'landOffice');
    expect((await t.engine.getProcessInstance(id)).state).toBe('completed');
  });

  it('Scenario: When the parent is terminated, Then the called instance and its task are terminated too', async () => {
    const { id } = await t.engine.startProcess('land_registration', { variables: { parcel: 'P2', area: 1 } });
    const post = (await t.engine.queryTasks({ elementId: 'post' })).find((task) => task.processInstanceId !== id)!;
    await t.engine.terminateProcessInstance(id);
    expect((await t.engine.getProcessInstance(post.processInstanceId)).state).toBe('terminated');
    await expect(theTask(t.engine, post.processInstanceId, 'post')).rejects.toThrow();
  });
});
