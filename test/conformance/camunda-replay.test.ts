/**
 * Replays Camunda 7's own engine tests (cases 1, 2, 3, 5, 6, 15 and 16 of
 * ../shared/conformance/README.md) against motcua, reading the models from the shared folder.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestEngine, type TestEngine } from '../support/test-engine.js';
import { conformanceFile } from '../support/fixtures.js';
import { openTaskElements, theTask } from '../support/steps.js';

const camunda = (file: string) => conformanceFile(`camunda/bpmn/${file}`);

describe('Conformance: Camunda 7 engine tests replayed', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await startTestEngine();
    for (const file of [
      'gateway/ExclusiveGatewayTest.testDivergingExclusiveGateway.bpmn20.xml',
      'gateway/ExclusiveGatewayTest.testDefaultSequenceFlow.bpmn20.xml',
      'gateway/ParallelGatewayTest.testForkJoin.bpmn20.xml',
      'gateway/InclusiveGatewayTest.testDivergingInclusiveGateway.bpmn20.xml',
      'gateway/InclusiveGatewayTest.testMergingInclusiveGateway.bpmn20.xml',
      'subprocess/SubProcessTest.testSimpleSubProcess.bpmn20.xml',
    ]) {
      await t.engine.deploy(camunda(file), { name: file });
    }
  });
  afterAll(() => t.close());

  it.each([
    [1, 'theTask1', 'Task 1'],
    [2, 'theTask2', 'Task 2'],
    [3, 'theTask3', 'Task 3'],
  ])('#1 exclusive gateway split: input=%d gives only %s', async (input, elementId, name) => {
    const { id } = await t.engine.startProcess('exclusiveGwDiverging', { variables: { input } });
    const tasks = await t.engine.queryTasks({ processInstanceId: id });
    expect(tasks.map((task) => [task.elementId, task.name])).toEqual([[elementId, name]]);
  });

  it('#2 exclusive gateway default flow: input=1 takes its condition, input=5 the default flow3', async () => {
    const one = await t.engine.startProcess('exclusiveGwDefaultSequenceFlow', { variables: { input: 1 } });
    expect((await t.engine.queryTasks({ processInstanceId: one.id })).map((x) => [x.elementId, x.name])).toEqual([
      ['theTask1', 'Input is one'],
    ]);
    const five = await t.engine.startProcess('exclusiveGwDefaultSequenceFlow', { variables: { input: 5 } });
    expect((await t.engine.queryTasks({ processInstanceId: five.id })).map((x) => [x.elementId, x.name])).toEqual([
      ['theTask2', 'Default input'],
    ]);
  });

  it('#3 parallel fork/join (flows without ids): two tasks, then archiveOrder once', async () => {
    const { id } = await t.engine.startProcess('forkJoin');
    expect(await openTaskElements(t.engine, id)).toEqual(['receivePayment', 'shipOrder']);
    await t.engine.completeTask((await theTask(t.engine, id, 'receivePayment')).id);
    await t.engine.completeTask((await theTask(t.engine, id, 'shipOrder')).id);
    expect(await openTaskElements(t.engine, id)).toEqual(['archiveOrder']);
    expect((await t.engine.getHistory(id)).filter((h) => h.elementId === 'join' && h.event === 'completed')).toHaveLength(1);
  });

  it.each([
    [1, ['theTask1', 'theTask2', 'theTask3']],
    [2, ['theTask2', 'theTask3']],
    [3, ['theTask3']],
  ])('#5 inclusive gateway split: input=%d gives %j (4 - input tasks)', async (input, expected) => {
    const { id } = await t.engine.startProcess('inclusiveGwDiverging', { variables: { input } });
    expect(await openTaskElements(t.engine, id)).toEqual(expected);
  });

  it('#6 inclusive join after conditional flows from a start event: input=2 merges two tokens into one theTask', async () => {
    const { id } = await t.engine.startProcess('inclusiveGwMerging', { variables: { input: 2 } });
    expect(await openTaskElements(t.engine, id)).toEqual(['theTask']);
    expect((await t.engine.getProcessInstance(id)).activeElementIds).toEqual(['theTask']);
  });

  it('#15 embedded subprocess: process > subProcess > subProcessTask, then the instance ends', async () => {
    const { id } = await t.engine.startProcess('simpleSubProcess');
    expect((await t.engine.getProcessInstance(id)).activeElementIds.toSorted()).toEqual(['subProcess', 'subProcessTask']);
    await t.engine.completeTask((await theTask(t.engine, id, 'subProcessTask')).id);
    const ended = await t.engine.getProcessInstance(id);
    expect(ended).toMatchObject({ state: 'completed', activeElementIds: [] });
    const history = (await t.engine.getHistory(id)).map((h) => `${h.elementId}:${h.event}`);
    expect(history).toEqual(
      expect.arrayContaining(['subProcessEnd:completed', 'subProcess:completed', 'theEnd:completed', 'simpleSubProcess:completed']),
    );
    expect(history.indexOf('subProcess:completed')).toBeGreaterThan(history.indexOf('subProcessEnd:completed'));
  });

  // The called model's key (simpleSubProcess) is also #15's key, so #16 runs on an engine of its own.
  it('#16 call activity: taskBeforeSubProcess, then the child task, then taskAfterSubProcess, one at a time', async () => {
    const own = await startTestEngine();
    try {
      await own.engine.deploy(camunda('callactivity/CallActivity.testCallSimpleSubProcess.bpmn20.xml'));
      await own.engine.deploy(camunda('callactivity/simpleSubProcess.bpmn20.xml'));
      await replayCallActivity(own);
    } finally {
      await own.close();
    }
  });
});

async function replayCallActivity(t: TestEngine): Promise<void> {
  // This engine holds nothing else, so every open task anywhere is one of this replay's.
  const openTasks = async () => (await t.engine.queryTasks()).map((task) => [task.elementId, task.name]);
  const { id } = await t.engine.startProcess('callSimpleSubProcess');
  expect(await openTasks()).toEqual([['taskBeforeSubProcess', 'Task before subprocess']]);
  await t.engine.completeTask((await theTask(t.engine, id, 'taskBeforeSubProcess')).id);

  expect(await openTasks()).toEqual([['task', 'Task in subprocess']]);
  const [childTask] = await t.engine.queryTasks();
  const child = await t.engine.getProcessInstance(childTask!.processInstanceId);
  expect(child).toMatchObject({ key: 'simpleSubProcess', parentInstanceId: id });
  expect((await t.engine.getProcessInstance(id)).activeElementIds).toEqual(['callSubProcess']);
  await t.engine.completeTask(childTask!.id);

  expect(await openTasks()).toEqual([['taskAfterSubProcess', 'Task after subprocess']]);
  expect((await t.engine.getProcessInstance(child.id)).state).toBe('completed');
  await t.engine.completeTask((await theTask(t.engine, id, 'taskAfterSubProcess')).id);
  expect((await t.engine.getProcessInstance(id)).state).toBe('completed');
  expect(await openTasks()).toEqual([]);
}
