/**
 * Camunda 7's event-based gateway test (case 20 of ../shared/conformance/README.md) replayed: a
 * signal and a PT0S timer race; whichever happens first wins and the other is removed.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestEngine, type TestEngine } from '../support/test-engine.js';
import { conformanceFile } from '../support/fixtures.js';
import { openTaskElements } from '../support/steps.js';

const gateway = (file: string) => conformanceFile(`camunda/bpmn/gateway/${file}`);

describe('Conformance: Camunda 7 event-based gateway replayed', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await startTestEngine();
    await t.engine.deploy(gateway('EventBasedGatewayTest.testCatchAlertAndTimer.bpmn20.xml'));
    await t.engine.deploy(gateway('EventBasedGatewayTest.throwAlertSignal.bpmn20.xml'));
  });
  afterAll(() => t.close());

  const waitsForBoth = async (id: string) => {
    expect((await t.engine.querySubscriptions({ processInstanceId: id })).map((s) => [s.kind, s.name])).toEqual([['signal', 'alert']]);
    expect((await t.engine.queryJobs({ processInstanceId: id })).map((job) => job.elementId)).toEqual(['timerEvent']);
    expect((await t.engine.getProcessInstance(id)).activeElementIds).toEqual(['gw1']);
  };

  it('#20 (a) the signal comes first: the timer is removed and only task2 (afterSignal) is open', async () => {
    const { id } = await t.engine.startProcess('catchSignal');
    await waitsForBoth(id);
    await t.engine.startProcess('throwSignal');
    expect(await t.engine.querySubscriptions({ processInstanceId: id })).toEqual([]);
    expect(await t.engine.queryJobs({ processInstanceId: id })).toEqual([]);
    expect((await t.engine.queryTasks({ processInstanceId: id })).map((task) => [task.elementId, task.name])).toEqual([['task2', 'afterSignal']]);
  });

  it('#20 (b) the timer comes first: the subscription is removed and only task1 (afterTimer) is open', async () => {
    const { id } = await t.engine.startProcess('catchSignal');
    await waitsForBoth(id);
    t.clock.advance(10_000);
    expect(await t.engine.runDueJobs()).toBe(1);
    expect(await t.engine.querySubscriptions({ processInstanceId: id })).toEqual([]);
    expect(await t.engine.queryJobs({ processInstanceId: id })).toEqual([]);
    expect(await openTaskElements(t.engine, id)).toEqual(['task1']);
    const history = (await t.engine.getHistory(id)).map((h) => `${h.elementId}:${h.event}`);
    expect(history).toEqual(expect.arrayContaining(['gw1:started', 'gw1:completed', 'timerEvent:started', 'timerEvent:completed']));
    expect(history).not.toContain('signalEvent:started');
  });
});
