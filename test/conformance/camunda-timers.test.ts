/**
 * Camunda 7's timer tests (cases 4, 8 and 10 of ../shared/conformance/README.md), replayed with the
 * engine's clock moved by the test and due jobs run by hand, as Camunda's own tests do.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestEngine, type TestEngine } from '../support/test-engine.js';
import { conformanceFile } from '../support/fixtures.js';
import { openTaskElements, theTask } from '../support/steps.js';

const timer = (file: string) => conformanceFile(`camunda/bpmn/event/timer/${file}`);

describe('Conformance: Camunda 7 timer tests replayed', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await startTestEngine();
    await t.engine.deploy(timer('BoundaryTimerNonInterruptingEventTest.testJoin.bpmn20.xml'));
    await t.engine.deploy(timer('BoundaryTimerEventTest.testMultipleTimersOnUserTask.bpmn20.xml'));
    await t.engine.deploy(timer('IntermediateTimerEventTest.testCatchingTimerEvent.bpmn20.xml'));
  });
  afterAll(() => t.close());

  it('#4 non-interrupting timer boundary and a parallel join', async () => {
    const { id } = await t.engine.startProcess('testJoin');
    expect(await openTaskElements(t.engine, id)).toEqual(['Main_Task']);
    expect(await t.engine.queryJobs({ processInstanceId: id })).toHaveLength(1);
    t.clock.advance(3_600_000);
    expect(await t.engine.runDueJobs()).toBe(1);
    expect(await openTaskElements(t.engine, id)).toEqual(['Escalation_Task', 'Main_Task']);
    await t.engine.completeTask((await theTask(t.engine, id, 'Main_Task')).id);
    expect(await openTaskElements(t.engine, id)).toEqual(['Escalation_Task']);
    expect((await t.engine.getProcessInstance(id)).state).toBe('active');
    await t.engine.completeTask((await theTask(t.engine, id, 'Escalation_Task')).id);
    const ended = await t.engine.getProcessInstance(id);
    expect(ended).toMatchObject({ state: 'completed', activeElementIds: [] });
    const history = (await t.engine.getHistory(id)).map((h) => `${h.elementId}:${h.event}`);
    expect(history.filter((entry) => entry === 'ParallelGateway:completed')).toHaveLength(1);
    expect(history).toContain('EndNoneEvent:completed');
  });

  it('#8 three interrupting timers on one task: the PT1H one fires and cancels the task', async () => {
    const { id } = await t.engine.startProcess('multipleTimersOnUserTask');
    expect(await t.engine.queryJobs({ processInstanceId: id })).toHaveLength(3);
    t.clock.advance(3_605_000);
    expect(await t.engine.runDueJobs()).toBe(1);
    expect(await t.engine.queryJobs({ processInstanceId: id })).toEqual([]);
    expect(await openTaskElements(t.engine, id)).toEqual(['thirdTask']);
  });

  it('#10 intermediate timer catch: PT5M, the clock moves 50 minutes, the process ends', async () => {
    const { id } = await t.engine.startProcess('intermediateTimerEventExample');
    const jobs = await t.engine.queryJobs({ processInstanceId: id });
    expect(jobs.map((job) => job.elementId)).toEqual(['timer']);
    t.clock.advance(50 * 60_000 + 5_000);
    expect(await t.engine.runDueJobs()).toBe(1);
    expect(await t.engine.getProcessInstance(id)).toMatchObject({ state: 'completed', activeElementIds: [] });
    expect(await t.engine.queryJobs({ processInstanceId: id })).toEqual([]);
  });
});
