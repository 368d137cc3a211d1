import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestEngine, type TestEngine } from '../../support/test-engine.js';
import { featureFixture } from '../../support/fixtures.js';
import { openTaskElements } from '../../support/steps.js';

describe('Feature: the event-based gateway waits for the first of its events', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await startTestEngine();
    await t.engine.deploy(featureFixture('event-based-gateway.bpmn'));
  });
  afterAll(() => t.close());

  it('Scenario: Given the applicant brings the supplement in time, Then processing resumes and the deadline goes', async () => {
    const { id } = await t.engine.startProcess('await_supplement', { businessKey: 'H22-0042' });
    expect((await t.engine.getProcessInstance(id)).activeElementIds).toEqual(['race']);
    expect(await t.engine.queryJobs({ processInstanceId: id })).toHaveLength(1);
    await t.engine.correlateMessage('supplementReceived', { businessKey: 'H22-0042', variables: { pages: 2 } });
    expect(await openTaskElements(t.engine, id)).toEqual(['resume']);
    expect(await t.engine.queryJobs({ processInstanceId: id })).toEqual([]);
    expect((await t.engine.getProcessInstance(id)).variables).toEqual({ pages: 2 });
  });

  it('Scenario: Given 15 days pass, Then processing stops and a late supplement finds nobody waiting', async () => {
    const { id } = await t.engine.startProcess('await_supplement', { businessKey: 'H22-0043' });
    t.clock.advance(15 * 24 * 3_600_000);
    expect(await t.engine.runDueJobs()).toBe(1);
    expect(await openTaskElements(t.engine, id)).toEqual(['stop']);
    expect(await t.engine.querySubscriptions({ processInstanceId: id })).toEqual([]);
    await expect(t.engine.correlateMessage('supplementReceived', { businessKey: 'H22-0043' })).rejects.toMatchObject({ code: 'not-found' });
  });
});
