import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestEngine, type TestEngine } from '../../support/test-engine.js';
import { featureFixture } from '../../support/fixtures.js';
import { complete, openTaskElements } from '../../support/steps.js';
import { ConflictError, NotFoundError } from '../../../engine/index.js';

describe('Feature: messages are correlated to exactly one receiver', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await startTestEngine();
    for (const file of ['message-receive.bpmn', 'message-boundary.bpmn', 'message-start.bpmn']) await t.engine.deploy(featureFixture(file));
  });
  afterAll(() => t.close());

  it('Scenario: a receive task waits for its dossier by correlation key, then a catch event by business key', async () => {
    const a = await t.engine.startProcess('supplement_round', { businessKey: 'BK-A', variables: { dossierCode: 'H22-0001' } });
    const b = await t.engine.startProcess('supplement_round', { businessKey: 'BK-B', variables: { dossierCode: 'H22-0002' } });
    expect((await t.engine.getProcessInstance(a.id)).activeElementIds).toEqual(['awaitSupplement']);
    await expect(t.engine.correlateMessage('supplementReceived')).rejects.toThrow(ConflictError);
    await expect(t.engine.correlateMessage('supplementReceived', { correlationKey: 'H22-9999' })).rejects.toThrow(NotFoundError);
    const delivered = await t.engine.correlateMessage('supplementReceived', { correlationKey: 'H22-0002', variables: { pages: 3 } });
    expect(delivered).toEqual({ processInstanceId: b.id, started: false });
    expect((await t.engine.getProcessInstance(b.id)).activeElementIds).toEqual(['awaitFee']);
    expect((await t.engine.getProcessInstance(b.id)).variables).toMatchObject({ pages: 3 });
    expect((await t.engine.getProcessInstance(a.id)).activeElementIds).toEqual(['awaitSupplement']);
    // Delivered once: the same message again finds nobody waiting for it.
    await expect(t.engine.correlateMessage('supplementReceived', { correlationKey: 'H22-0002' })).rejects.toMatchObject({
      code: 'not-found',
      entity: 'message-subscription',
    });
    await t.engine.correlateMessage('feePaid', { businessKey: 'BK-B' });
    expect(await openTaskElements(t.engine, b.id)).toEqual(['review']);
  });

  it('Scenario: an interrupting message boundary withdraws the dossier; a non-interrupting one adds work and stays', async () => {
    const { id } = await t.engine.startProcess('message_boundary', { businessKey: 'BK-W' });
    await t.engine.correlateMessage('citizenInquiry', { processInstanceId: id, variables: { question: 'khi nào?' } });
    await t.engine.correlateMessage('citizenInquiry', { processInstanceId: id });
    expect(await openTaskElements(t.engine, id)).toEqual(['answerInquiry', 'answerInquiry', 'appraise']);
    await t.engine.correlateMessage('dossierWithdrawn', { businessKey: 'BK-W' });
    expect(await openTaskElements(t.engine, id)).toEqual(['answerInquiry', 'answerInquiry']);
    await expect(t.engine.correlateMessage('citizenInquiry', { processInstanceId: id })).rejects.toThrow(NotFoundError);
  });

  it('Scenario: completing the task closes its boundary subscriptions', async () => {
    const { id } = await t.engine.startProcess('message_boundary');
    await complete(t.engine, id, 'appraise');
    await expect(t.engine.correlateMessage('dossierWithdrawn', { processInstanceId: id })).rejects.toThrow(NotFoundError);
    expect(await openTaskElements(t.engine, id)).toEqual(['sign']);
  });

  it('Scenario: a message start event starts a dossier imported from a ministry system', async () => {
    const result = await t.engine.correlateMessage('ministryDossier', { businessKey: 'BTP-2026-7', variables: { source: 'BTP' } });
    expect(result.started).toBe(true);
    const instance = await t.engine.getProcessInstance(result.processInstanceId);
    expect(instance).toMatchObject({ key: 'imported_dossier', businessKey: 'BTP-2026-7', variables: { source: 'BTP' } });
    expect(await openTaskElements(t.engine, instance.id)).toEqual(['record']);
  });
});

describe('Feature: signals reach every waiting receiver', () => {
  it('Scenario: a thrown signal reaches boundary and catch events of other instances and starts signal start processes', async () => {
    const t = await startTestEngine();
    try {
      await t.engine.deploy(featureFixture('signals.bpmn'));
      const first = await t.engine.startProcess('signal_catch');
      const second = await t.engine.startProcess('signal_catch');
      await complete(t.engine, second.id, 'work');
      await t.engine.startProcess('signal_throw');
      expect(await openTaskElements(t.engine, first.id)).toEqual(['replan', 'work']);
      expect(await openTaskElements(t.engine, second.id)).toEqual(['afterHoliday']);
      expect(await t.engine.queryTasks({ elementId: 'notify' })).toHaveLength(1);
      expect(await t.engine.broadcastSignal('holidayAnnounced', { variables: { year: 2027 } })).toBe(2); // first's boundary again, and a new start
      expect(await openTaskElements(t.engine, first.id)).toEqual(['replan', 'replan', 'work']);
      expect(await t.engine.queryTasks({ elementId: 'notify' })).toHaveLength(2);
      expect(await t.engine.broadcastSignal('nobodyListens')).toBe(0);
    } finally {
      await t.close();
    }
  });
});
