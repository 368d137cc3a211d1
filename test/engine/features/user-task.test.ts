import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestEngine, type TestEngine } from '../../support/test-engine.js';
import { featureFixture } from '../../support/fixtures.js';
import { complete, theTask } from '../../support/steps.js';
import { ConflictError, NotFoundError } from '../../../engine/index.js';

describe('Feature: user tasks wait for officers', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await startTestEngine();
    await t.engine.deploy(featureFixture('sequential-user-tasks.bpmn'));
  });
  afterAll(() => t.close());

  describe('Scenario: a task is created with the Camunda attributes of the model', () => {
    it('Given the household-business procedure, When a dossier starts, Then the intake task carries groups, priority, form and dates', async () => {
      const { id } = await t.engine.startProcess('household_business', { businessKey: 'H22-260302-0001' });
      const task = await theTask(t.engine, id, 'intake');
      expect(task).toMatchObject({
        name: 'Tiếp nhận hồ sơ',
        processInstanceId: id,
        assignee: null,
        candidateGroups: ['mot_cua', 'chuyen_vien'],
        candidateUsers: [],
        priority: 70,
        formKey: 'form:intake',
        createdAt: t.clock.now(),
        followUpDate: new Date('2026-03-03T09:00:00Z'),
      });
      expect(task.dueDate).toEqual(new Date(t.clock.now().getTime() + 2 * 24 * 3600 * 1000));
      expect(await t.engine.queryTasks({ candidateGroup: 'chuyen_vien', processInstanceId: id })).toHaveLength(1);
      expect(await t.engine.queryTasks({ candidateGroup: 'lanh_dao', processInstanceId: id })).toHaveLength(0);
      expect(await t.engine.queryTasks({ candidateGroups: ['x', 'mot_cua'], processInstanceId: id })).toHaveLength(1);
    });
  });

  describe('Scenario: the assignee comes from a variable', () => {
    it('Given intake is completed with specialist=an, Then review is assigned to an with candidate users', async () => {
      const { id } = await t.engine.startProcess('household_business');
      await complete(t.engine, id, 'intake', { specialist: 'an' });
      const review = await theTask(t.engine, id, 'review');
      expect(review.assignee).toBe('an');
      expect(review.candidateUsers).toEqual(['an', 'binh']);
      expect(review.priority).toBe(50);
      expect((await t.engine.queryTasks({ assignee: 'an', processInstanceId: id })).map((x) => x.elementId)).toEqual(['review']);
      expect(await t.engine.queryTasks({ candidateUser: 'binh', processInstanceId: id })).toHaveLength(1);
    });
  });

  describe('Scenario: claim, unclaim and complete', () => {
    it('Given an open task, When two officers claim it, Then the second gets a conflict', async () => {
      const { id } = await t.engine.startProcess('household_business');
      const task = await theTask(t.engine, id, 'intake');
      expect(await t.engine.queryTasks({ processInstanceId: id, unassigned: true })).toHaveLength(1);
      await t.engine.claimTask(task.id, 'an');
      await t.engine.claimTask(task.id, 'an'); // claiming one's own task again changes nothing
      await expect(t.engine.claimTask(task.id, 'binh')).rejects.toThrow(ConflictError);
      await expect(t.engine.claimTask(task.id, 'binh')).rejects.toMatchObject({ code: 'task-claimed-by-other' });
      expect(await t.engine.queryTasks({ processInstanceId: id, unassigned: true })).toHaveLength(0);
      await expect(t.engine.completeTask(task.id, { userId: 'binh' })).rejects.toMatchObject({ code: 'task-claimed-by-other' });
      await t.engine.unclaimTask(task.id);
      await t.engine.claimTask(task.id, 'binh');
      await t.engine.completeTask(task.id, { userId: 'binh', variables: { specialist: 'chi' } });
      await expect(t.engine.completeTask(task.id, { userId: 'binh' })).rejects.toMatchObject({ code: 'task-not-open' });
      expect((await t.engine.getProcessInstance(id)).activeElementIds).toEqual(['review']);
    });

    it('When a task id does not exist, Then claim and complete say so', async () => {
      await expect(t.engine.claimTask('nope', 'an')).rejects.toThrow(NotFoundError);
      await expect(t.engine.completeTask('nope')).rejects.toMatchObject({ code: 'not-found', entity: 'task' });
    });
  });

  describe('Scenario: the dossier runs to its end and the history tells who did what', () => {
    it('Given all tasks are completed, Then the instance is completed and the history is ordered', async () => {
      const { id } = await t.engine.startProcess('household_business', { variables: { specialist: 'an' } });
      const intake = await theTask(t.engine, id, 'intake');
      await t.engine.claimTask(intake.id, 'mc1');
      t.clock.advance(60_000);
      await t.engine.completeTask(intake.id, { userId: 'mc1' });
      await t.engine.completeTask((await theTask(t.engine, id, 'review')).id, { userId: 'an' });
      const instance = await t.engine.getProcessInstance(id);
      expect(instance).toMatchObject({ state: 'completed', activeElementIds: [], key: 'household_business', version: 1 });
      expect(instance.variables).toEqual({ specialist: 'an' });
      const history = await t.engine.getHistory(id);
      expect(history.map((h) => [h.elementId, h.event, h.userId])).toEqual([
        ['household_business', 'started', null],
        ['start', 'started', null],
        ['start', 'completed', null],
        ['intake', 'started', null],
        ['intake', 'claimed', 'mc1'],
        ['intake', 'completed', 'mc1'],
        ['review', 'started', 'mc1'],
        ['review', 'completed', 'an'],
        ['sign', 'started', 'an'],
        ['sign', 'completed', 'an'],
        ['end', 'started', 'an'],
        ['end', 'completed', 'an'],
        ['household_business', 'completed', 'an'],
      ]);
      expect(history[5]!.time.getTime() - history[4]!.time.getTime()).toBe(60_000);
      expect(await t.engine.queryTasks({ processInstanceId: id })).toEqual([]);
    });
  });
});

describe('Regression: a user task whose attributes are all literals is created when no variables were loaded', () => {
  it('Given a model without any expression, When the first task completes, Then the next task gets its literal candidate group', async () => {
    const t = await startTestEngine();
    try {
      await t.engine.deploy(
        featureFixture('sequential-user-tasks.bpmn')
          .replace('camunda:assignee="${specialist}" camunda:candidateUsers="an,binh"', 'camunda:candidateGroups="lanh_dao"')
          .replace(' camunda:dueDate="P2D"', ''),
      );
      const { id } = await t.engine.startProcess('household_business');
      await complete(t.engine, id, 'intake');
      expect((await theTask(t.engine, id, 'review')).candidateGroups).toEqual(['lanh_dao']);
    } finally {
      await t.close();
    }
  });
});

describe('Feature: tasks are found by due date', () => {
  it('Scenario: Given tasks due in two days, Then dueBefore and overdue select them by the engine clock', async () => {
    const t = await startTestEngine();
    try {
      await t.engine.deploy(featureFixture('sequential-user-tasks.bpmn'));
      const { id } = await t.engine.startProcess('household_business');
      const due = (await theTask(t.engine, id, 'intake')).dueDate!;
      expect(await t.engine.queryTasks({ processInstanceId: id, overdue: true })).toEqual([]);
      expect(await t.engine.queryTasks({ processInstanceId: id, dueBefore: due })).toEqual([]);
      expect(await t.engine.queryTasks({ processInstanceId: id, dueBefore: new Date(due.getTime() + 1) })).toHaveLength(1);
      t.clock.set(new Date(due.getTime() + 1));
      expect((await t.engine.queryTasks({ processInstanceId: id, overdue: true })).map((task) => task.elementId)).toEqual(['intake']);
      await expect(t.engine.queryTasks({ dueBefore: new Date('nope') })).rejects.toMatchObject({ field: 'dueBefore' });
    } finally {
      await t.close();
    }
  });
});
