import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestEngine, type TestEngine } from '../../support/test-engine.js';
import { featureFixture } from '../../support/fixtures.js';
import { complete, theTask } from '../../support/steps.js';

const HOUR = 3_600_000;
/** Hanoi is UTC+7: 09:00 local is 02:00Z. */
const hanoi = (local: string) => new Date(`${local}+07:00`);

describe('Feature: the motcua extension — legal due date, step units and allowances, dossier statuses', () => {
  let t: TestEngine;
  beforeAll(async () => {
    // The test clock starts on Monday 2 March 2026, 09:00 in Hanoi.
    t = await startTestEngine();
    await t.engine.deploy(featureFixture('procedure-extension.bpmn'));
  });
  afterAll(() => t.close());

  it('Scenario: a 3-working-day procedure received Monday 09:00 is due Thursday 09:00, and its steps get their allowances', async () => {
    const { id } = await t.engine.startProcess('three_day_procedure', { unitId: '000.00.20.H40' });
    const instance = await t.engine.getProcessInstance(id);
    expect(instance.dueDate).toEqual(hanoi('2026-03-05T09:00:00'));
    expect(instance.dossierStatus).toBe(2);
    // 4 working hours from 09:00: 11:30 is the end of the morning (2.5 h), then 1.5 h from 13:30 → 15:00.
    expect((await theTask(t.engine, id, 'intake')).dueDate).toEqual(hanoi('2026-03-02T15:00:00'));

    await complete(t.engine, id, 'intake');
    const appraise = await theTask(t.engine, id, 'appraise');
    expect(appraise.unitId).toBe('000.10.20.H40');
    expect(appraise.dueDate).toEqual(hanoi('2026-03-04T09:00:00')); // 16 working hours: two working days
    expect((await t.engine.getProcessInstance(id)).dossierStatus).toBe(4);

    await complete(t.engine, id, 'appraise');
    // camunda:dueDate wins over the allowance.
    expect((await theTask(t.engine, id, 'result')).dueDate).toEqual(new Date(t.clock.now().getTime() + 24 * HOUR));
    await complete(t.engine, id, 'result');
    const ended = await t.engine.getProcessInstance(id);
    expect(ended).toMatchObject({ state: 'completed', dossierStatus: 10 });
    const statuses = (await t.engine.getHistory(id)).filter((h) => h.event === 'status').map((h) => [h.elementId, h.detail?.status]);
    expect(statuses).toEqual([
      ['start', 1],
      ['intake', 2],
      ['appraise', 4],
      ['result', 9],
      ['end', 10],
    ]);
  });

  it('Scenario: while the applicant completes the dossier (status 5) the clock stops; the due date moves by the working time paused', async () => {
    t.clock.set(hanoi('2026-03-02T09:00:00'));
    const { id } = await t.engine.startProcess('supplement_procedure');
    expect((await t.engine.getProcessInstance(id)).dueDate).toEqual(hanoi('2026-03-05T09:00:00'));
    t.clock.set(hanoi('2026-03-03T09:00:00'));
    await complete(t.engine, id, 'p_intake');
    expect(await t.engine.getProcessInstance(id)).toMatchObject({ dossierStatus: 5, pausedAt: hanoi('2026-03-03T09:00:00') });
    // Two working days later (Tuesday 09:00 → Thursday 09:00) the supplement arrives.
    t.clock.set(hanoi('2026-03-05T09:00:00'));
    await t.engine.correlateMessage('supplementReceived', { processInstanceId: id });
    expect(await t.engine.getProcessInstance(id)).toMatchObject({
      dossierStatus: 4,
      pausedAt: null,
      dueDate: hanoi('2026-03-09T09:00:00'),
      originalDueDate: hanoi('2026-03-05T09:00:00'),
    });
  });

  it('Scenario: received after the 15:00 cut-off, counting starts the next working day', async () => {
    t.clock.set(hanoi('2026-03-02T16:00:00'));
    const { id } = await t.engine.startProcess('three_day_procedure');
    expect((await t.engine.getProcessInstance(id)).dueDate).toEqual(hanoi('2026-03-05T17:00:00'));
  });

  it('Scenario: a calendar-day limit ending on a Saturday moves to Monday, at the end of its last working period', async () => {
    t.clock.set(hanoi('2026-03-06T09:00:00')); // Friday
    const { id } = await t.engine.startProcess('calendar_day_procedure');
    // 6 March + 15 days = Saturday 21 March → Monday 23 March, 17:00.
    expect((await t.engine.getProcessInstance(id)).dueDate).toEqual(hanoi('2026-03-23T17:00:00'));
  });

  it('Scenario: a same-day procedure (limit 0) is due at the end of the day counting starts on', async () => {
    t.clock.set(hanoi('2026-03-03T10:00:00'));
    const sameDay = await t.engine.startProcess('same_day_procedure');
    expect((await t.engine.getProcessInstance(sameDay.id)).dueDate).toEqual(hanoi('2026-03-03T17:00:00'));
    t.clock.set(hanoi('2026-03-03T15:30:00'));
    const late = await t.engine.startProcess('same_day_procedure');
    expect((await t.engine.getProcessInstance(late.id)).dueDate).toEqual(hanoi('2026-03-04T17:00:00'));
  });
});
