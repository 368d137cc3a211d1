import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestEngine, type TestEngine } from '../../support/test-engine.js';
import { featureFixture } from '../../support/fixtures.js';
import { complete, openTaskElements } from '../../support/steps.js';

const HOUR = 3_600_000;

describe('Feature: multi-instance activities consult several agencies at once or one after another', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await startTestEngine();
    await t.engine.deploy(featureFixture('multi-instance.bpmn'));
  });
  afterAll(() => t.close());

  const tasksOf = async (id: string, elementId: string) => t.engine.queryTasks({ processInstanceId: id, elementId });

  it('Scenario: a parallel user task makes one task per item of the collection, each seeing its item and the counters', async () => {
    const { id } = await t.engine.startProcess('consult_agencies', { variables: { agencies: ['construction', 'fire', 'environment'] } });
    const tasks = await tasksOf(id, 'consult');
    expect(tasks.map((task) => task.name).sort()).toEqual([
      'Consult construction (1/3)',
      'Consult environment (3/3)',
      'Consult fire (2/3)',
    ]);
    expect(tasks.map((task) => task.candidateGroups).sort()).toEqual([['construction'], ['environment'], ['fire']]);
    expect((await t.engine.getProcessInstance(id)).activeElementIds).toEqual(['consult', 'consult', 'consult']);

    await t.engine.completeTask(tasks[0]!.id, { variables: { lastOpinion: 'agree' } });
    expect(await tasksOf(id, 'consult')).toHaveLength(2);
    expect(await openTaskElements(t.engine, id)).toEqual(['consult', 'consult']);
    for (const task of await tasksOf(id, 'consult')) await t.engine.completeTask(task.id);

    expect(await openTaskElements(t.engine, id)).toEqual(['decide']);
    const instance = await t.engine.getProcessInstance(id);
    // Variables a task sets go to the process; the counters and the item do not outlive the activity.
    expect(instance.variables).toEqual({ agencies: ['construction', 'fire', 'environment'], lastOpinion: 'agree' });
    const history = (await t.engine.getHistory(id)).map((h) => `${h.elementId}:${h.event}`);
    expect(history.filter((h) => h === 'consult:completed')).toHaveLength(3);
    expect(history).toEqual(expect.arrayContaining(['consult#multiInstanceBody:started', 'consult#multiInstanceBody:completed']));
  });

  it('Scenario: the completion condition ends the activity early and cancels the instances still open', async () => {
    const { id } = await t.engine.startProcess('consult_quorum', { variables: { experts: 3 } });
    const tasks = await tasksOf(id, 'opinion');
    expect(tasks).toHaveLength(3);
    await t.engine.completeTask(tasks[0]!.id);
    expect(await tasksOf(id, 'opinion')).toHaveLength(2);
    await t.engine.completeTask(tasks[1]!.id);
    expect(await openTaskElements(t.engine, id)).toEqual(['conclude']);
    const history = await t.engine.getHistory(id);
    expect(history.filter((h) => h.elementId === 'opinion' && h.event === 'terminated')).toHaveLength(1);
    await expect(t.engine.completeTask(tasks[2]!.id)).rejects.toMatchObject({ code: 'task-not-open' });
  });

  it('Scenario: a sequential user task gives the next reviewer a task only when the previous one has signed', async () => {
    const { id } = await t.engine.startProcess('sequential_review', { variables: { reviewers: ['lan', 'minh', 'hoa'] } });
    for (const reviewer of ['lan', 'minh', 'hoa']) {
      const tasks = await tasksOf(id, 'sign');
      expect(tasks.map((task) => task.assignee)).toEqual([reviewer]);
      await t.engine.completeTask(tasks[0]!.id);
    }
    expect(await openTaskElements(t.engine, id)).toEqual(['archive']);
  });

  it('Scenario: a loop count of zero skips the activity; a count that is not a whole number fails naming the element', async () => {
    const { id } = await t.engine.startProcess('count_loop', { variables: { copies: 0 } });
    expect(await openTaskElements(t.engine, id)).toEqual(['handOver']);
    await expect(t.engine.startProcess('count_loop', { variables: { copies: 'many' } })).rejects.toMatchObject({
      code: 'multi-instance',
      elementId: 'copy',
    });
    await expect(t.engine.startProcess('count_loop', { variables: { copies: 1.5 } })).rejects.toMatchObject({ code: 'multi-instance' });
  });

  it('Scenario: a sequential count loop counts loopCounter up and ends after the last one', async () => {
    const { id } = await t.engine.startProcess('count_loop', { variables: { copies: 2 } });
    await complete(t.engine, id, 'copy');
    await complete(t.engine, id, 'copy');
    expect(await openTaskElements(t.engine, id)).toEqual(['handOver']);
  });

  describe('Scenario: a parallel multi-instance subprocess', () => {
    it('runs one subprocess per site, each with its own element variable, and completes when all have', async () => {
      const { id } = await t.engine.startProcess('inspect_sites', { variables: { sites: ['A', 'B'], result: 'ok' } });
      const tasks = await tasksOf(id, 'inspect');
      expect(tasks.map((task) => task.name).sort()).toEqual(['Inspect A', 'Inspect B']);
      for (const task of tasks) await t.engine.completeTask(task.id);
      expect(await openTaskElements(t.engine, id)).toEqual(['report']);
      expect(await t.engine.queryJobs({ processInstanceId: id })).toEqual([]);
    });

    it('arms a boundary timer once for the whole activity; when it fires every instance is cancelled', async () => {
      const { id } = await t.engine.startProcess('inspect_sites', { variables: { sites: ['A', 'B', 'C'], result: 'ok' } });
      expect(await t.engine.queryJobs({ processInstanceId: id })).toHaveLength(1);
      await t.engine.completeTask((await tasksOf(id, 'inspect'))[0]!.id);
      t.clock.advance(4 * HOUR);
      expect(await t.engine.runDueJobs()).toBe(1);
      expect(await openTaskElements(t.engine, id)).toEqual(['late']);
    });

    it('catches an error thrown inside one instance on the activity, ending the other instances', async () => {
      const { id } = await t.engine.startProcess('inspect_sites', { variables: { sites: ['A', 'B'], result: 'ok' } });
      const [first] = await tasksOf(id, 'inspect');
      await t.engine.completeTask(first!.id, { variables: { result: 'blocked' } });
      expect(await openTaskElements(t.engine, id)).toEqual(['resolveBlock']);
      expect(await t.engine.queryJobs({ processInstanceId: id })).toEqual([]);
      const history = (await t.engine.getHistory(id)).map((h) => `${h.elementId}:${h.event}`);
      expect(history).toEqual(expect.arrayContaining(['inspection#multiInstanceBody:terminated', 'siteBlocked:completed']));
    });
  });

  it('Scenario: a collection that is not a list fails the start, naming the element, and stores nothing', async () => {
    const before = (await t.engine.queryTasks({})).length;
    await expect(t.engine.startProcess('consult_agencies', { variables: { agencies: 'fire' } })).rejects.toMatchObject({
      code: 'multi-instance',
      elementId: 'consult',
    });
    expect(await t.engine.queryTasks({})).toHaveLength(before);
  });
});
