import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { NotFoundError } from '../../../engine/index.js';
import { startTestEngine, type TestEngine } from '../../support/test-engine.js';
import { featureFixture } from '../../support/fixtures.js';
import { complete, openTaskElements } from '../../support/steps.js';

const HOUR = 3_600_000;

describe('Feature: event sub-processes react to messages, signals, timers, errors and escalations in their scope', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await startTestEngine();
    await t.engine.deploy(featureFixture('event-subprocess.bpmn'));
  });
  afterAll(() => t.close());

  const stateOf = async (id: string) => (await t.engine.getProcessInstance(id)).state;

  it('Scenario: an interrupting message start ends the work in its scope and runs the event sub-process instead', async () => {
    const { id } = await t.engine.startProcess('dossier_with_withdrawal', { businessKey: 'HS-001' });
    expect(await t.engine.querySubscriptions({ processInstanceId: id })).toHaveLength(2);
    await t.engine.correlateMessage('dossierWithdrawn', { businessKey: 'HS-001', variables: { reason: 'moved' } });
    expect(await openTaskElements(t.engine, id)).toEqual(['returnDossier']);
    // The other event sub-process of the scope can no longer start.
    expect(await t.engine.querySubscriptions({ processInstanceId: id })).toEqual([]);
    await complete(t.engine, id, 'returnDossier');
    expect(await stateOf(id)).toBe('completed');
    const history = (await t.engine.getHistory(id)).map((h) => `${h.elementId}:${h.event}`);
    expect(history).toEqual(expect.arrayContaining(['appraise:terminated', 'withdrawal:started', 'withdrawal:completed']));
    expect((await t.engine.getProcessInstance(id)).variables).toMatchObject({ reason: 'moved' });
  });

  it('Scenario: a non-interrupting message start runs beside the work, may start again, and the process waits for it', async () => {
    const { id } = await t.engine.startProcess('dossier_with_withdrawal', { businessKey: 'HS-002' });
    await t.engine.correlateMessage('citizenInquiry', { businessKey: 'HS-002' });
    await t.engine.correlateMessage('citizenInquiry', { businessKey: 'HS-002' });
    expect(await openTaskElements(t.engine, id)).toEqual(['answer', 'answer', 'appraise']);
    await complete(t.engine, id, 'appraise');
    expect(await stateOf(id)).toBe('active');
    for (const task of await t.engine.queryTasks({ processInstanceId: id, elementId: 'answer' })) await t.engine.completeTask(task.id);
    expect(await stateOf(id)).toBe('completed');
    expect(await t.engine.querySubscriptions({ processInstanceId: id })).toEqual([]);
  });

  it('Scenario: a non-interrupting timer cycle starts a reminder each time it fires, as many times as it repeats', async () => {
    const { id } = await t.engine.startProcess('review_with_reminders');
    t.clock.advance(HOUR);
    expect(await t.engine.runDueJobs()).toBe(1);
    expect(await openTaskElements(t.engine, id)).toEqual(['remind', 'review']);
    t.clock.advance(HOUR);
    expect(await t.engine.runDueJobs()).toBe(1);
    t.clock.advance(HOUR);
    expect(await t.engine.runDueJobs()).toBe(0);
    expect(await openTaskElements(t.engine, id)).toEqual(['remind', 'remind', 'review']);
  });

  it('Scenario: an interrupting signal start ends everything, reminders running too, and the instance completes', async () => {
    const { id } = await t.engine.startProcess('review_with_reminders');
    t.clock.advance(HOUR);
    await t.engine.runDueJobs();
    expect(await t.engine.broadcastSignal('procedureRecalled')).toBeGreaterThanOrEqual(1);
    expect(await openTaskElements(t.engine, id)).toEqual([]);
    expect(await stateOf(id)).toBe('completed');
    expect(await t.engine.queryJobs({ processInstanceId: id })).toEqual([]);
  });

  it('Scenario: an error inside a subprocess is caught by the subprocess\'s own event sub-process, and the subprocess then completes', async () => {
    const { id } = await t.engine.startProcess('check_with_handlers');
    expect(await t.engine.queryJobs({ processInstanceId: id })).toHaveLength(1);
    await complete(t.engine, id, 'verify', { papers: 'missing' });
    expect(await openTaskElements(t.engine, id)).toEqual(['requestSupplement']);
    // The interrupting handler closed the scope's timer.
    expect(await t.engine.queryJobs({ processInstanceId: id })).toEqual([]);
    await complete(t.engine, id, 'requestSupplement');
    expect(await openTaskElements(t.engine, id)).toEqual(['sign']);
  });

  it('Scenario: an escalation starts a non-interrupting event sub-process and the work goes on', async () => {
    const { id } = await t.engine.startProcess('check_with_handlers');
    await complete(t.engine, id, 'verify', { papers: 'slow' });
    expect(await openTaskElements(t.engine, id)).toEqual(['finishCheck', 'informHead']);
    await complete(t.engine, id, 'finishCheck');
    expect(await openTaskElements(t.engine, id)).toEqual(['informHead']);
    await complete(t.engine, id, 'informHead');
    expect(await openTaskElements(t.engine, id)).toEqual(['sign']);
  });

  it('Scenario: a timer start in a subprocess fires only while the subprocess runs', async () => {
    const late = await t.engine.startProcess('check_with_handlers');
    const onTime = await t.engine.startProcess('check_with_handlers');
    await complete(t.engine, onTime.id, 'verify', { papers: 'complete' });
    expect(await t.engine.queryJobs({ processInstanceId: onTime.id })).toEqual([]);
    t.clock.advance(8 * HOUR);
    expect(await t.engine.runDueJobs()).toBe(1);
    expect(await openTaskElements(t.engine, late.id)).toEqual(['sign']);
    expect(await openTaskElements(t.engine, onTime.id)).toEqual(['sign']);
  });

  it('Scenario: once its scope has ended, a message for an event sub-process reaches nothing', async () => {
    const { id } = await t.engine.startProcess('dossier_with_withdrawal', { businessKey: 'HS-003' });
    await complete(t.engine, id, 'appraise');
    expect(await stateOf(id)).toBe('completed');
    await expect(t.engine.correlateMessage('dossierWithdrawn', { businessKey: 'HS-003' })).rejects.toThrow(NotFoundError);
  });
});
