import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestEngine, type TestEngine } from '../../support/test-engine.js';
import { featureFixture } from '../../support/fixtures.js';
import { complete, openTaskElements } from '../../support/steps.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('Feature: timers are job rows fired by the job executor at the engine clock', () => {
  let t: TestEngine;
  beforeAll(async () => {
    // The test clock starts on Monday 2 March 2026, 09:00 in Hanoi.
    t = await startTestEngine({ jobs: { retryDelayMs: 1000 } });
    for (const file of ['timer-catch.bpmn', 'timer-boundary.bpmn', 'timer-subprocess-boundary.bpmn']) {
      await t.engine.deploy(featureFixture(file));
    }
  });
  afterAll(() => t.close());

  describe('Scenario: an intermediate timer catch event', () => {
    it('Given a token waits 5 minutes, When the clock passes them and due jobs run, Then it moves on once', async () => {
      const { id } = await t.engine.startProcess('timer_catch', { variables: { waitFor: 'PT5M', ok: true } });
      const [job] = await t.engine.queryJobs({ processInstanceId: id });
      expect(job).toMatchObject({ elementId: 'wait', dueAt: new Date(t.clock.now().getTime() + 5 * MINUTE), retries: 3 });
      expect((await t.engine.getProcessInstance(id)).activeElementIds).toEqual(['wait']);
      t.clock.advance(4 * MINUTE);
      expect(await t.engine.runDueJobs()).toBe(0);
      t.clock.advance(MINUTE);
      expect(await t.engine.runDueJobs()).toBe(1);
      expect(await openTaskElements(t.engine, id)).toEqual(['done']);
      expect(await t.engine.queryJobs({ processInstanceId: id })).toEqual([]);
      expect(await t.engine.runDueJobs()).toBe(0);
    });

    it('Given the timer expression gives no duration, When the process starts, Then it fails naming the event and stores nothing', async () => {
      await expect(t.engine.startProcess('timer_catch', { variables: { waitFor: 'soon', ok: true } })).rejects.toMatchObject({
        code: 'invalid-timer',
        elementId: 'wait',
      });
    });

    it('Given what follows the timer fails, Then the job is retried, becomes an incident, and an admin can retry it', async () => {
      const { id } = await t.engine.startProcess('timer_catch', { variables: { waitFor: 'PT1M', ok: 'neither' } });
      t.clock.advance(MINUTE);
      expect(await t.engine.runDueJobs()).toBe(0);
      let [job] = await t.engine.queryJobs({ processInstanceId: id });
      expect(job).toMatchObject({ retries: 2, lastError: expect.stringContaining('check') });
      t.clock.advance(1000);
      await t.engine.runDueJobs();
      t.clock.advance(2000);
      await t.engine.runDueJobs();
      [job] = await t.engine.queryJobs({ processInstanceId: id });
      expect(job!.retries).toBe(0);
      expect((await t.engine.listIncidents()).map((incident) => incident.id)).toContain(job!.id);
      t.clock.advance(DAY);
      expect(await t.engine.runDueJobs()).toBe(0); // an incident does not fire by itself
      expect((await t.engine.getProcessInstance(id)).activeElementIds).toEqual(['wait']);
      await t.engine.retryIncident(job!.id);
      expect((await t.engine.queryJobs({ processInstanceId: id }))[0]!.retries).toBe(3);
      await expect(t.engine.retryIncident('nope')).rejects.toMatchObject({ code: 'not-found' });
    });
  });

  describe('Scenario: timer boundary events on a user task', () => {
    // An engine of its own: the clock must start on Monday 09:00 and no other job may fall due.
    let own: TestEngine;
    beforeAll(async () => {
      own = await startTestEngine();
      await own.engine.deploy(featureFixture('timer-boundary.bpmn'));
    });
    afterAll(() => own.close());

    it('Given a reminder cycle R2/PT1H, Then it fires twice without stopping the task, and completing the task disarms the deadline', async () => {
      const { id } = await own.engine.startProcess('timer_boundary');
      const jobs = await own.engine.queryJobs({ processInstanceId: id });
      expect(jobs.map((job) => job.elementId)).toEqual(['remind', 'overdue']);
      // P3D in working time from Monday 09:00: Monday 6 h, Tuesday 8 h, Wednesday 8 h, Thursday 2 h → Thursday 09:00.
      expect(jobs[1]!.dueAt).toEqual(new Date('2026-03-05T02:00:00.000Z'));
      own.clock.advance(HOUR);
      expect(await own.engine.runDueJobs()).toBe(1);
      expect(await openTaskElements(own.engine, id)).toEqual(['appraise', 'reminder']);
      own.clock.advance(HOUR);
      expect(await own.engine.runDueJobs()).toBe(1);
      expect(await openTaskElements(own.engine, id)).toEqual(['appraise', 'reminder', 'reminder']);
      expect((await own.engine.queryJobs({ processInstanceId: id })).map((job) => job.elementId)).toEqual(['overdue']);
      await complete(own.engine, id, 'appraise');
      expect(await own.engine.queryJobs({ processInstanceId: id })).toEqual([]);
      expect(await openTaskElements(own.engine, id)).toEqual(['reminder', 'reminder', 'sign']);
    });

    it('Given the deadline passes, Then the task is terminated, the escalation starts and the other timer is disarmed', async () => {
      const { id } = await own.engine.startProcess('timer_boundary');
      const [, overdue] = await own.engine.queryJobs({ processInstanceId: id });
      own.clock.set(overdue!.dueAt);
      // Due now: the deadline, and the reminder (whose second firing is armed, then disarmed with the task).
      await own.engine.runDueJobs();
      const open = await openTaskElements(own.engine, id);
      expect(open).toContain('escalate');
      expect(open).not.toContain('appraise');
      expect(await own.engine.queryJobs({ processInstanceId: id })).toEqual([]);
      const history = (await own.engine.getHistory(id)).map((h) => `${h.elementId}:${h.event}`);
      expect(history).toEqual(expect.arrayContaining(['appraise:terminated', 'overdue:started', 'overdue:completed']));
    });
  });

  describe('Scenario: a timer boundary event on a subprocess', () => {
    it('Given the applicant does not come back in 15 days, Then the subprocess and its task end and the dossier is closed', async () => {
      const { id } = await t.engine.startProcess('timer_subprocess');
      expect((await t.engine.getProcessInstance(id)).activeElementIds.toSorted()).toEqual(['awaitApplicant', 'supplement']);
      t.clock.advance(15 * DAY);
      expect(await t.engine.runDueJobs()).toBe(1);
      expect(await t.engine.getProcessInstance(id)).toMatchObject({ state: 'completed', activeElementIds: [] });
      expect(await t.engine.queryTasks({ processInstanceId: id })).toEqual([]);
    });

    it('Given the applicant comes back in time, Then the timer goes with the subprocess', async () => {
      const { id } = await t.engine.startProcess('timer_subprocess');
      await complete(t.engine, id, 'awaitApplicant');
      expect(await openTaskElements(t.engine, id)).toEqual(['resume']);
      expect(await t.engine.queryJobs({ processInstanceId: id })).toEqual([]);
    });
  });

  describe('Scenario: terminating an instance removes its timers', () => {
    it('Given a waiting timer, When the instance is terminated, Then no job is left', async () => {
      const { id } = await t.engine.startProcess('timer_boundary');
      await t.engine.terminateProcessInstance(id);
      expect(await t.engine.queryJobs({ processInstanceId: id })).toEqual([]);
    });
  });
});

describe('Feature: timer start events', () => {
  it('Scenario: Given a cycle R3/PT10H, Then three instances start ten hours apart, and a new version replaces the timer', async () => {
    const t = await startTestEngine();
    try {
      const xml = featureFixture('timer-start.bpmn');
      await t.engine.deploy(xml);
      await expect(t.engine.startProcess('daily_report')).rejects.toMatchObject({ code: 'invalid-input' });
      for (let firing = 1; firing <= 3; firing++) {
        t.clock.advance(10 * HOUR);
        expect(await t.engine.runDueJobs()).toBe(1);
        expect(await t.engine.queryTasks({ elementId: 'report' })).toHaveLength(firing);
      }
      t.clock.advance(10 * HOUR);
      expect(await t.engine.runDueJobs()).toBe(0);
      expect(await t.engine.queryJobs()).toEqual([]);

      await t.engine.deploy(xml.replace('R3/PT10H', 'R/PT1H'));
      expect(await t.engine.queryJobs()).toHaveLength(1);
      await t.engine.deploy(xml.replace('R3/PT10H', 'R/PT2H'));
      const [job] = await t.engine.queryJobs();
      expect(job!.dueAt).toEqual(new Date(t.clock.now().getTime() + 2 * HOUR));
    } finally {
      await t.close();
    }
  });
});

describe('Feature: the job executor polls in the background', () => {
  it('Scenario: Given the executor runs, When a timer falls due, Then it fires without anyone calling runDueJobs', async () => {
    const t = await startTestEngine();
    try {
      await t.engine.deploy(featureFixture('timer-catch.bpmn'));
      const { id } = await t.engine.startProcess('timer_catch', { variables: { waitFor: 'PT1M', ok: true } });
      t.engine.startJobExecutor({ pollMs: 20 });
      t.clock.advance(MINUTE);
      for (let attempt = 0; attempt < 250 && (await openTaskElements(t.engine, id)).length === 0; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(await openTaskElements(t.engine, id)).toEqual(['done']);
      await t.engine.stopJobExecutor();
    } finally {
      await t.close();
    }
  });
});
