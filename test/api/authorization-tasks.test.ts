/**
 * Feature: the authorization matrix for process instances and tasks over the seeded roles
 * (DOMAIN.md's table and the seeded rules). Each role holder gets a dossier of their own unit (the
 * commune's division, where every commune officer's scope reaches) and one of another commune,
 * each with one task per officer role (candidate groups = the seeded role codes), and for both:
 * what the lists show, what a GET finds (404 for what they may not see), and whether claim,
 * complete, assign, cancel and start are allowed (403 otherwise, with nothing changed). Finally the
 * task list of every role is compared, row by row, with what CASL itself allows.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { buildAbility, can } from '../../api/auth/ability.js';
import { subjectRecord } from '../../api/auth/engine-access.js';
import { createSql } from '../../api/store/sql.js';
import { unitLinks } from '../../api/store/units.js';
import { grantsOfUser } from '../../api/store/users.js';
import { startTestApi, type TestApi } from '../support/api-app.js';
import { ALL_ROLE_TASKS, bearer, COMMUNE, DIVISION, OTHER_COMMUNE, OTHER_DIVISION, PROVINCE, ROLE_STEPS_BPMN, startAsAdmin, tasksOf, unitIds, type TaskJson } from '../support/work-fixtures.js';

type Status = number;

interface Expectation {
  /** The task of the role's candidate group (what it claims and completes); the admin takes intake. */
  task: string;
  /** Element ids the task list shows for the own / other dossier; null: the list is refused (403). */
  tasksOwn: string[] | null;
  tasksOther: string[] | null;
  /** GET /api/process-instances/{id} of the own / other dossier (the list agrees). */
  instanceOwn: Status;
  instanceOther: Status;
  /** GET /api/tasks/{id} of `task` in the own / other dossier. */
  getTaskOwn: Status;
  getTaskOther: Status;
  claimOwn: Status;
  claimOther: Status;
  /** Completing `task` after claiming it (own) / without claiming (other). */
  completeOwn: Status;
  completeOther: Status;
  /** Assigning the specialist's task (appraise) to chuyenvien1. */
  assignOwn: Status;
  assignOther: Status;
  cancelOwn: Status;
  cancelOther: Status;
  /** Starting without naming a unit → that unit code (or 403); starting in the other commune. */
  startOwn: string | 403;
  startOther: Status;
}

const officer = (task: string, visible: string[]): Expectation => ({
  task,
  tasksOwn: visible,
  tasksOther: [],
  instanceOwn: 200,
  instanceOther: 404,
  getTaskOwn: 200,
  getTaskOther: 404,
  claimOwn: 200,
  claimOther: 404,
  completeOwn: 204,
  completeOther: 404,
  // roles with no assign or cancel rule at all are refused before the record is looked at
  assignOwn: 403,
  assignOther: 403,
  cancelOwn: 403,
  cancelOther: 403,
  startOwn: 403,
  startOther: 403,
});

const head = (task: string): Expectation => ({ ...officer(task, ALL_ROLE_TASKS), assignOwn: 200, assignOther: 404 });

const outsider: Expectation = {
  task: 'intake',
  tasksOwn: null,
  tasksOther: null,
  instanceOwn: 403,
  instanceOther: 403,
  getTaskOwn: 403,
  getTaskOther: 403,
  claimOwn: 403,
  claimOther: 403,
  completeOwn: 403,
  completeOther: 403,
  assignOwn: 403,
  assignOther: 403,
  cancelOwn: 403,
  cancelOther: 403,
  startOwn: 403,
  startOther: 403,
};

const MATRIX: Record<string, Expectation> = {
  motcua1: { ...officer('intake', ['intake']), cancelOwn: 204, cancelOther: 404, startOwn: COMMUNE },
  chuyenvien1: officer('appraise', ['appraise']),
  truongphong1: head('review'),
  lanhdao1: head('sign'),
  vanthu1: officer('dispatch', ['dispatch']),
  phantich1: outsider,
  'quantri.xa1': outsider,
  admin: {
    task: 'intake',
    tasksOwn: ALL_ROLE_TASKS,
    tasksOther: ALL_ROLE_TASKS,
    instanceOwn: 200,
    instanceOther: 200,
    getTaskOwn: 200,
    getTaskOther: 200,
    claimOwn: 200,
    claimOther: 200,
    completeOwn: 204,
    completeOther: 204,
    assignOwn: 200,
    assignOther: 200,
    cancelOwn: 204,
    cancelOther: 204,
    startOwn: PROVINCE,
    startOther: 201,
  },
};

/** What a role's holder completes a task with: the appraisal form wants an opinion. */
const VARIABLES = { variables: { opinion: 'Đạt yêu cầu' } };

describe('Feature: who may see and work which dossiers and tasks', () => {
  let t: TestApi;
  let units: Map<string, string>;

  beforeAll(async () => {
    t = await startTestApi();
    await t.engine.deploy(ROLE_STEPS_BPMN, { name: 'role-steps.bpmn' });
    units = await unitIds(t);
  });
  afterAll(() => t.close());

  for (const [username, expected] of Object.entries(MATRIX)) {
    describe(`Role holder ${username}`, () => {
      let own: { id: string; tasks: Map<string, TaskJson> };
      let other: { id: string; tasks: Map<string, TaskJson> };
      const as = () => bearer(t, username);

      beforeAll(async () => {
        const ownId = await startAsAdmin(t, units, 'role_steps', DIVISION, { businessKey: `M-${username}-own` });
        const otherId = await startAsAdmin(t, units, 'role_steps', OTHER_DIVISION, { businessKey: `M-${username}-other` });
        own = { id: ownId, tasks: await tasksOf(t, ownId) };
        other = { id: otherId, tasks: await tasksOf(t, otherId) };
      });

      it('Scenario: the lists and GETs show their own unit’s dossier and tasks as the rules say, and hide the rest', async () => {
        const headers = await as();
        for (const [dossier, visible, instanceStatus, taskStatus] of [
          [own, expected.tasksOwn, expected.instanceOwn, expected.getTaskOwn],
          [other, expected.tasksOther, expected.instanceOther, expected.getTaskOther],
        ] as const) {
          const tasks = await request(t.app).get('/api/tasks').query({ processInstanceId: dossier.id }).set(headers);
          if (visible === null) {
            expect(tasks.status).toBe(403);
          } else {
            expect(tasks.status).toBe(200);
            expect(tasks.body.items.map((i: TaskJson) => i.elementId).sort()).toEqual([...visible].sort());
            expect(tasks.body.total).toBe(visible.length);
          }
          const instance = await request(t.app).get(`/api/process-instances/${dossier.id}`).set(headers);
          expect(instance.status).toBe(instanceStatus);
          const history = await request(t.app).get(`/api/process-instances/${dossier.id}/history`).set(headers);
          expect(history.status).toBe(instanceStatus);
          const listed = await request(t.app).get('/api/process-instances').query({ businessKey: `M-${username}-${dossier === own ? 'own' : 'other'}` }).set(headers);
          if (instanceStatus === 403) expect(listed.status).toBe(403);
          else expect(listed.body.items.map((i: { id: string }) => i.id)).toEqual(instanceStatus === 200 ? [dossier.id] : []);
          const task = await request(t.app).get(`/api/tasks/${dossier.tasks.get(expected.task)!.id}`).set(headers);
          expect(task.status).toBe(taskStatus);
        }
        if (expected.tasksOwn !== null) {
          // the whole list (no filter) never shows another unit's task unless the role sees everything
          const all = await request(t.app).get('/api/tasks').query({ pageSize: 200 }).set(headers);
          const otherIds = new Set([...other.tasks.values()].map((task) => task.id));
          const leaked = (all.body.items as TaskJson[]).filter((task) => otherIds.has(task.id));
          expect(leaked.length).toBe(expected.tasksOther!.length);
        }
      });

      it('Scenario: assigning the specialist’s task, claiming and completing their own group’s task', async () => {
        const headers = await as();
        for (const [dossier, assignStatus, claimStatus, completeStatus] of [
          [own, expected.assignOwn, expected.claimOwn, expected.completeOwn],
          [other, expected.assignOther, expected.claimOther, expected.completeOther],
        ] as const) {
          const appraise = dossier.tasks.get('appraise')!.id;
          const assigned = await request(t.app).post(`/api/tasks/${appraise}/assign`).set(headers).send({ userId: 'chuyenvien1' });
          expect(assigned.status).toBe(assignStatus);
          const holder = (await tasksOf(t, dossier.id)).get('appraise')!.assignee;
          expect(holder).toBe(assignStatus === 200 ? 'chuyenvien1' : null);

          const task = dossier.tasks.get(expected.task)!.id;
          if (dossier === own) {
            const claimed = await request(t.app).post(`/api/tasks/${task}/claim`).set(headers);
            expect(claimed.status).toBe(claimStatus);
            expect((await tasksOf(t, dossier.id)).get(expected.task)!.assignee).toBe(claimStatus === 200 ? username : null);
          } else {
            const claimed = await request(t.app).post(`/api/tasks/${task}/claim`).set(headers);
            expect(claimed.status).toBe(claimStatus);
            // completing the other unit's task is tried on an unclaimed one
            if (claimStatus === 200) await request(t.app).post(`/api/tasks/${task}/unclaim`).set(headers);
          }
          const completed = await request(t.app).post(`/api/tasks/${task}/complete`).set(headers).send(VARIABLES);
          expect(completed.status).toBe(completeStatus);
          expect((await tasksOf(t, dossier.id)).has(expected.task)).toBe(completeStatus !== 204);
        }
      });

      it('Scenario: cancelling the dossiers and starting new ones', async () => {
        const headers = await as();
        for (const [dossier, status] of [
          [own, expected.cancelOwn],
          [other, expected.cancelOther],
        ] as const) {
          const response = await request(t.app).delete(`/api/process-instances/${dossier.id}`).set(headers).send({ reason: 'matrix' });
          expect(response.status).toBe(status);
          const state = (await request(t.app).get(`/api/process-instances/${dossier.id}`).set(await bearer(t, 'admin'))).body.state;
          expect(state).toBe(status === 204 ? 'terminated' : 'active');
        }
        const started = await request(t.app).post('/api/process-definitions/key/role_steps/start').set(headers).send({});
        if (expected.startOwn === 403) {
          expect(started.status).toBe(403);
        } else {
          expect(started.status).toBe(201);
          expect(started.body.unitCode).toBe(expected.startOwn);
        }
        const elsewhere = await request(t.app).post('/api/process-definitions/key/role_steps/start').set(headers).send({ unitId: units.get(OTHER_COMMUNE) });
        expect(elsewhere.status).toBe(expected.startOther);
      });
    });
  }

  it('Scenario: every role’s task list is exactly what CASL allows, row by row', async () => {
    const sql = createSql(t.engine.sequelize, (work) => t.engine.runExclusive(work));
    const all = await request(t.app).get('/api/tasks').query({ pageSize: 200 }).set(await bearer(t, 'admin'));
    expect(all.body.total).toBe(all.body.items.length);
    expect(all.body.total).toBeGreaterThan(20);
    const everyTask = all.body.items as Array<TaskJson & { unitCode: string | null }>;
    for (const username of Object.keys(MATRIX).filter((name) => MATRIX[name]!.tasksOwn !== null)) {
      const [user] = await sql.select<{ id: string }>('SELECT id FROM users WHERE username = :username', { username });
      const ability = await buildAbility({ userId: user!.id, username, grants: await grantsOfUser(sql, user!.id), unitLinks: () => unitLinks(sql) });
      const allowed = everyTask.filter((task) => can(ability, 'read', 'Task', subjectRecord({ ...task, unitId: task.unitCode }))).map((task) => task.id);
      const listed = await request(t.app).get('/api/tasks').query({ pageSize: 200 }).set(await bearer(t, username));
      expect({ username, ids: (listed.body.items as TaskJson[]).map((task) => task.id).sort() }).toEqual({ username, ids: allowed.sort() });
      expect(allowed.length).toBeGreaterThan(0);
    }
  });
});
