/**
 * Replays Camunda 7's multi-instance tests (cases 17 and 18 of ../shared/conformance/README.md)
 * against motcua, reading the models from the shared folder.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestEngine, type TestEngine } from '../support/test-engine.js';
import { conformanceFile } from '../support/fixtures.js';

const camunda = (file: string) => conformanceFile(`camunda/bpmn/multiinstance/${file}`);
const HOUR = 3_600_000;

describe('Conformance: Camunda 7 multi-instance tests replayed', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await startTestEngine();
    for (const file of ['MultiInstanceTest.sequentialUserTasks.bpmn20.xml', 'MultiInstanceTest.testParallelUserTasks.bpmn20.xml']) {
      await t.engine.deploy(camunda(file), { name: file });
    }
  });
  afterAll(() => t.close());

  it('#17 sequential multi-instance: one task at a time for kermit_0..2, the PT2H boundary timer armed once on the body and never fired', async () => {
    const { id } = await t.engine.startProcess('miSequentialUserTasks', { variables: { nrOfLoops: 3 } });
    const jobs = await t.engine.queryJobs({ processInstanceId: id });
    expect(jobs.map((job) => job.elementId)).toEqual(['timer']);
    for (const assignee of ['kermit_0', 'kermit_1', 'kermit_2']) {
      const tasks = await t.engine.queryTasks({ processInstanceId: id });
      expect(tasks.map((task) => [task.elementId, task.assignee])).toEqual([['miTasks', assignee]]);
      // The activity-instance tree is MI-body(miTasks) > miTasks throughout: one body, one instance.
      expect((await t.engine.getProcessInstance(id)).activeElementIds).toEqual(['miTasks']);
      await t.engine.completeTask(tasks[0]!.id);
    }
    expect(await t.engine.queryTasks({ processInstanceId: id })).toEqual([]);
    expect((await t.engine.getProcessInstance(id)).state).toBe('completed');
    t.clock.advance(2 * HOUR);
    expect(await t.engine.runDueJobs()).toBe(0);
    const history = (await t.engine.getHistory(id)).map((h) => `${h.elementId}:${h.event}`);
    expect(history).not.toContain('taskAfterTimer:started');
    expect(history.filter((h) => h === 'miTasks#multiInstanceBody:started')).toHaveLength(1);
  });

  it('#18 parallel multi-instance: 3 tasks "My Task 0/1/2" at once, then 3, 2, 1 instances, then the process ends', async () => {
    const { id } = await t.engine.startProcess('miParallelUserTasks');
    const tasks = await t.engine.queryTasks({ processInstanceId: id });
    expect(tasks.map((task) => task.name).sort()).toEqual(['My Task 0', 'My Task 1', 'My Task 2']);
    expect(tasks.map((task) => task.assignee).sort()).toEqual(['kermit_0', 'kermit_1', 'kermit_2']);
    for (const [index, task] of tasks.entries()) {
      expect((await t.engine.getProcessInstance(id)).activeElementIds).toHaveLength(3 - index);
      await t.engine.completeTask(task.id);
    }
    expect((await t.engine.getProcessInstance(id)).state).toBe('completed');
  });
});
