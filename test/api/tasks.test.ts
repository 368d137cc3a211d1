/**
 * Feature: the officers' task list over HTTP — filters, sorting and pages; one task with its
 * variables and form; claim, unclaim, assign, delegate, resolve and complete with the form checked:
 * success, 400, 401, 403, 404, 409 and 422, every refusal changing nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { DEMO_PASSWORD } from '../../api/store/demo-province.js';
import { saveForm } from '../../api/store/forms.js';
import { createSql } from '../../api/store/sql.js';
import { startTestApi, type TestApi } from '../support/api-app.js';
import {
  ALL_ROLE_TASKS,
  APPRAISAL_FORM,
  bearer,
  DIVISION,
  OTHER_DIVISION,
  ROLE_STEPS_BPMN,
  startAsAdmin,
  tasksOf,
  unitIds,
  type TaskJson,
} from '../support/work-fixtures.js';

const MISSING = '00000000-0000-4000-8000-000000000000';
const APPRAISAL_SCHEMA = {
  type: 'object',
  required: ['opinion'],
  properties: { opinion: { type: 'string', minLength: 1 }, area: { type: 'number', minimum: 0 } },
};

describe('Feature: tasks', () => {
  let t: TestApi;
  let units: Map<string, string>;
  const url = (id: string, action = '') => `/api/tasks/${id}${action ? `/${action}` : ''}`;
  const post = async (username: string | null, id: string, action: string, body?: unknown) => {
    const call = request(t.app).post(url(id, action));
    if (username) call.set(await bearer(t, username));
    return body === undefined ? call : call.send(body as object);
  };
  const adminView = async (instanceId: string, elementId: string) => (await tasksOf(t, instanceId)).get(elementId);
  const variablesOf = async (instanceId: string) =>
    (await request(t.app).get(`/api/process-instances/${instanceId}`).set(await bearer(t, 'admin'))).body.variables as Record<string, unknown>;
  /** A user of the division holding `roleCode` there, created by the system admin. */
  const createDivisionUser = async (username: string, roleCode: string) => {
    const created = await request(t.app)
      .post('/api/users')
      .set(await bearer(t, 'admin'))
      .send({ username, displayName: username, unitId: units.get(DIVISION), password: DEMO_PASSWORD, roles: [{ roleCode, unitId: units.get(DIVISION) }] });
    expect(created.status).toBe(201);
    return created.body as { id: string };
  };
  const newInstance = async (businessKey?: string, code = DIVISION) => {
    const id = await startAsAdmin(t, units, 'role_steps', code, businessKey ? { businessKey } : {});
    return { id, tasks: await tasksOf(t, id) };
  };

  beforeAll(async () => {
    t = await startTestApi();
    await t.engine.deploy(ROLE_STEPS_BPMN, { name: 'role-steps.bpmn' });
    const sql = createSql(t.engine.sequelize, (work) => t.engine.runExclusive(work));
    await saveForm(sql, { key: APPRAISAL_FORM, schema: APPRAISAL_SCHEMA, deploymentId: null, createdBy: 'test', at: t.clock.now() });
    units = await unitIds(t);
    const admin = await bearer(t, 'admin');
    for (const username of ['chuyenvien2', 'disabled.user']) {
      const created = await createDivisionUser(username, 'chuyen_vien');
      if (username === 'disabled.user') expect((await request(t.app).post(`/api/users/${created.id}/disable`).set(admin)).status).toBe(200);
    }
  });
  afterAll(() => t.close());

  describe('The task list', () => {
    let instance: { id: string; tasks: Map<string, TaskJson> };
    const list = async (username: string, query: Record<string, unknown>) => {
      const response = await request(t.app).get('/api/tasks').query(query).set(await bearer(t, username));
      expect(response.status).toBe(200);
      return response.body as { items: TaskJson[]; total: number; page: number; pageSize: number };
    };
    const elements = async (username: string, query: Record<string, unknown>) => (await list(username, { processInstanceId: instance.id, ...query })).items.map((i) => i.elementId);

    beforeAll(async () => {
      instance = await newInstance('TASKS-LIST');
    });

    it('Scenario: each officer sees their group’s task of their unit; a head of division sees the unit’s tasks', async () => {
      expect(await elements('chuyenvien1', {})).toEqual(['appraise']);
      expect(await elements('motcua1', {})).toEqual(['intake']);
      expect((await elements('truongphong1', {})).sort()).toEqual([...ALL_ROLE_TASKS].sort());
      const page = await list('chuyenvien1', { processInstanceId: instance.id });
      expect(page).toMatchObject({ total: 1, page: 1, pageSize: 50 });
      expect(page.items[0]).toMatchObject({ unitCode: DIVISION, businessKey: 'TASKS-LIST', processDefinitionKey: 'role_steps', assignee: null, candidateGroups: ['chuyen_vien'] });
    });

    it('Scenario: filters by group, user, assignee (me), unassigned, key, business key and unit', async () => {
      expect(await elements('admin', { candidateGroup: 'van_thu' })).toEqual(['dispatch']);
      expect(await elements('admin', { candidateUser: 'me' })).toEqual([]);
      expect(await elements('admin', { processDefinitionKey: 'role_steps', businessKey: 'TASKS-LIST', candidateGroup: 'mot_cua' })).toEqual(['intake']);
      expect(await elements('admin', { unitCode: OTHER_DIVISION })).toEqual([]);
      expect(await elements('admin', { unitId: units.get(DIVISION), candidateGroup: 'mot_cua' })).toEqual(['intake']);
      expect(await elements('admin', { unitId: units.get(OTHER_DIVISION) })).toEqual([]);
      expect(await elements('admin', { unitId: MISSING })).toEqual([]);
      expect(await elements('admin', { businessKey: 'NO-SUCH-KEY' })).toEqual([]);
      expect(await elements('admin', { processDefinitionKey: 'no_such' })).toEqual([]);

      expect((await post('chuyenvien1', instance.tasks.get('appraise')!.id, 'claim')).status).toBe(200);
      expect(await elements('chuyenvien1', { assignee: 'me' })).toEqual(['appraise']);
      expect(await elements('admin', { assignee: 'chuyenvien1' })).toEqual(['appraise']);
      expect(await elements('admin', { assignee: 'me' })).toEqual([]);
      expect(await elements('chuyenvien1', { unassigned: true })).toEqual([]);
      expect((await elements('admin', { unassigned: true })).sort()).toEqual(ALL_ROLE_TASKS.filter((e) => e !== 'appraise').sort());
      expect((await post('chuyenvien1', instance.tasks.get('appraise')!.id, 'unclaim')).status).toBe(200);
    });

    it('Scenario: due dates — before, after, overdue by the engine’s clock', async () => {
      // appraise is due in 2 days, review in 5; the others have no due date.
      const now = t.clock.now();
      const inDays = (days: number) => new Date(now.getTime() + days * 86_400_000).toISOString();
      expect(await elements('admin', { dueBefore: inDays(3) })).toEqual(['appraise']);
      expect(await elements('admin', { dueAfter: inDays(3) })).toEqual(['review']);
      expect(await elements('admin', { dueAfter: inDays(1), dueBefore: inDays(6), sortBy: 'due' })).toEqual(['appraise', 'review']);
      expect(await elements('admin', { overdue: true })).toEqual([]);
      t.clock.advance(3 * 86_400_000);
      try {
        const login = await request(t.app).post('/api/auth/login').send({ username: 'admin', password: DEMO_PASSWORD });
        const later = await request(t.app).get('/api/tasks').query({ processInstanceId: instance.id, overdue: true }).set({ Authorization: `Bearer ${login.body.token}` });
        expect(later.body.items.map((i: TaskJson) => i.elementId)).toEqual(['appraise']);
      } finally {
        t.clock.set(now);
      }
    });

    it('Scenario: sorting and 1-based pages', async () => {
      const byPriority = await elements('admin', { sortBy: 'priority', sortOrder: 'desc' });
      expect(byPriority[0]).toBe('intake');
      expect(byPriority.at(-1)).toBe('dispatch');
      expect((await elements('admin', { sortBy: 'priority', sortOrder: 'asc' }))[0]).toBe('dispatch');
      const byDue = await elements('admin', { sortBy: 'due', sortOrder: 'desc' });
      expect(byDue.slice(0, 2)).toEqual(['review', 'appraise']);
      const pages = [];
      for (const page of [1, 2, 3, 4]) pages.push(await list('admin', { processInstanceId: instance.id, pageSize: 2, page, sortBy: 'priority' }));
      expect(pages.map((p) => p.items.length)).toEqual([2, 2, 1, 0]);
      expect(pages.map((p) => p.total)).toEqual([5, 5, 5, 5]);
      expect(pages[1]).toMatchObject({ page: 2, pageSize: 2 });
      expect(new Set(pages.flatMap((p) => p.items.map((i) => i.id))).size).toBe(5);
    });

    it('Scenario: 400 for bad parameters, 401 without a token, 403 for roles without tasks', async () => {
      const admin = await bearer(t, 'admin');
      for (const query of [
        { pageSize: 201 },
        { pageSize: 0 },
        { page: 0 },
        { page: 'x' },
        { sortBy: 'assignee' },
        { sortOrder: 'up' },
        { dueBefore: 'tomorrow' },
        { dueAfter: '2026-13-01T00:00:00Z' },
        { unassigned: 'maybe' },
        { overdue: 'sometimes' },
        { processInstanceId: 'not-a-uuid' },
        { unitId: 'x' },
        { limit: 10 },
        { bogus: 1 },
      ]) {
        const response = await request(t.app).get('/api/tasks').query(query).set(admin);
        expect({ query, status: response.status, code: response.body.code }).toEqual({ query, status: 400, code: 'invalid-request' });
      }
      expect((await request(t.app).get('/api/tasks')).status).toBe(401);
      expect((await request(t.app).get('/api/tasks').set('Authorization', 'Bearer nonsense')).status).toBe(401);
      expect((await request(t.app).get('/api/tasks').set(await bearer(t, 'phantich1'))).status).toBe(403);
      expect((await request(t.app).get('/api/tasks').set(await bearer(t, 'quantri.xa1'))).status).toBe(403);
    });

    it('Scenario: SQL and FEEL injection strings in every filter find nothing extra', async () => {
      const baseline = (await list('chuyenvien1', {})).total;
      const FREE_TEXT = ['assignee', 'candidateGroup', 'candidateUser', 'businessKey'];
      const names = [...FREE_TEXT, 'processDefinitionKey', 'processInstanceId', 'unitId', 'unitCode', 'dueBefore', 'dueAfter', 'sortBy', 'sortOrder', 'page', 'pageSize', 'unassigned', 'overdue'];
      for (const hostile of ["' OR 1=1 --", "chuyen_vien' OR '1'='1", '=now()', '${x}', '1) OR (1=1', '%', "'; DELETE FROM tasks; --"]) {
        for (const name of names) {
          const response = await request(t.app).get('/api/tasks').query({ [name]: hostile }).set(await bearer(t, 'chuyenvien1'));
          if (response.status === 200) {
            expect(FREE_TEXT).toContain(name);
            expect(response.body.total).toBe(0);
          } else {
            expect({ name, status: response.status }).toEqual({ name, status: 400 });
          }
        }
      }
      expect((await list('chuyenvien1', {})).total).toBe(baseline);
      expect((await tasksOf(t, instance.id)).size).toBe(5);
    });
  });

  describe('One task', () => {
    it('Scenario: a task with its instance’s variables and its form; a task without a form has form null', async () => {
      const id = await startAsAdmin(t, units, 'role_steps', DIVISION, { variables: { applicant: 'Nguyễn Văn A' } });
      const tasks = await tasksOf(t, id);
      const appraise = await request(t.app).get(url(tasks.get('appraise')!.id)).set(await bearer(t, 'chuyenvien1'));
      expect(appraise.status).toBe(200);
      expect(appraise.body).toMatchObject({
        elementId: 'appraise',
        name: 'Thẩm định',
        formKey: `schema:${APPRAISAL_FORM}`,
        variables: { applicant: 'Nguyễn Văn A' },
        form: { key: APPRAISAL_FORM, version: 1, schema: APPRAISAL_SCHEMA },
      });
      const intake = await request(t.app).get(url(tasks.get('intake')!.id)).set(await bearer(t, 'motcua1'));
      expect(intake.body).toMatchObject({ elementId: 'intake', form: null, variables: { applicant: 'Nguyễn Văn A' } });
    });

    it('Scenario: 404 for a task the caller may not see or that does not exist, 400 for a bad id, 401 without a token', async () => {
      const { tasks } = await newInstance();
      const hidden = await request(t.app).get(url(tasks.get('intake')!.id)).set(await bearer(t, 'chuyenvien1'));
      expect({ status: hidden.status, code: hidden.body.code }).toEqual({ status: 404, code: 'not-found' });
      expect((await request(t.app).get(url(MISSING)).set(await bearer(t, 'admin'))).status).toBe(404);
      expect((await request(t.app).get(url('1 OR 1=1')).set(await bearer(t, 'admin'))).status).toBe(400);
      expect((await request(t.app).get(url(tasks.get('intake')!.id))).status).toBe(401);
    });
  });

  describe('Claiming and letting go', () => {
    it('Scenario: a specialist claims; claiming again is a no-op; another specialist gets 409', async () => {
      const { id, tasks } = await newInstance();
      const task = tasks.get('appraise')!.id;
      const claimed = await post('chuyenvien1', task, 'claim');
      expect(claimed.status).toBe(200);
      expect(claimed.body).toMatchObject({ id: task, assignee: 'chuyenvien1' });
      expect((await post('chuyenvien1', task, 'claim')).status).toBe(200);
      const other = await post('chuyenvien2', task, 'claim');
      expect({ status: other.status, code: other.body.code }).toEqual({ status: 409, code: 'task-claimed-by-other' });
      expect((await adminView(id, 'appraise'))!.assignee).toBe('chuyenvien1');
      const history = (await request(t.app).get(`/api/process-instances/${id}/history`).set(await bearer(t, 'admin'))).body.items as Array<{ event: string; userId: string }>;
      expect(history.filter((e) => e.event === 'claimed')).toEqual([expect.objectContaining({ userId: 'chuyenvien1' })]);
    });

    it('Scenario: claim refusals: 403 for a task one may see but not claim, 404 for one one may not see', async () => {
      const { id, tasks } = await newInstance();
      const task = tasks.get('appraise')!.id;
      const cases: Array<[string | null, number, string]> = [
        ['truongphong1', 403, 'forbidden'],
        ['motcua1', 404, 'not-found'],
        ['phantich1', 403, 'forbidden'],
        [null, 401, 'unauthenticated'],
      ];
      for (const [username, status, code] of cases) {
        const response = await post(username, task, 'claim');
        expect({ username, status: response.status, code: response.body.code }).toEqual({ username, status, code });
      }
      expect((await post('admin', MISSING, 'claim')).status).toBe(404);
      expect((await post('admin', 'nope', 'claim')).status).toBe(400);
      expect((await adminView(id, 'appraise'))!.assignee).toBeNull();
    });

    it('Scenario: the holder lets go; somebody else’s task only a head of division may free', async () => {
      const { id, tasks } = await newInstance();
      const task = tasks.get('appraise')!.id;
      await post('chuyenvien1', task, 'claim');
      const refused = await post('chuyenvien2', task, 'unclaim');
      expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 403, code: 'not-task-holder' });
      expect((await adminView(id, 'appraise'))!.assignee).toBe('chuyenvien1');
      const byHead = await post('truongphong1', task, 'unclaim');
      expect(byHead.status).toBe(200);
      expect(byHead.body.assignee).toBeNull();
      await post('chuyenvien2', task, 'claim');
      const own = await post('chuyenvien2', task, 'unclaim');
      expect(own.body.assignee).toBeNull();
      expect((await post('motcua1', task, 'unclaim')).status).toBe(404);
    });
  });

  describe('Assigning', () => {
    it('Scenario: the head of division gives a task to a specialist, and takes it back to nobody', async () => {
      const { id, tasks } = await newInstance();
      const task = tasks.get('appraise')!.id;
      await post('chuyenvien1', task, 'claim');
      const assigned = await post('truongphong1', task, 'assign', { userId: 'chuyenvien2' });
      expect(assigned.status).toBe(200);
      expect(assigned.body.assignee).toBe('chuyenvien2');
      const history = (await request(t.app).get(`/api/process-instances/${id}/history`).set(await bearer(t, 'admin'))).body.items as Array<{
        event: string;
        userId: string;
        detail: Record<string, unknown>;
      }>;
      expect(history.filter((e) => e.event === 'assigned')).toEqual([expect.objectContaining({ userId: 'truongphong1', detail: expect.objectContaining({ userId: 'chuyenvien2' }) })]);
      const freed = await post('lanhdao1', task, 'assign', { userId: null });
      expect(freed.status).toBe(200);
      expect(freed.body.assignee).toBeNull();
    });

    it('Scenario: assign refusals change nothing', async () => {
      const { id, tasks } = await newInstance();
      const task = tasks.get('appraise')!.id;
      const cases: Array<[string | null, unknown, number, string]> = [
        ['truongphong1', { userId: 'nobody.here' }, 422, 'unknown-user'],
        ['truongphong1', { userId: 'disabled.user' }, 422, 'unknown-user'],
        ['truongphong1', {}, 400, 'invalid-request'],
        ['truongphong1', { userId: 42 }, 400, 'invalid-request'],
        ['truongphong1', { userId: 'chuyenvien2', extra: 1 }, 400, 'invalid-request'],
        ['truongphong1', undefined, 400, 'invalid-request'],
        ['chuyenvien1', { userId: 'chuyenvien2' }, 403, 'forbidden'],
        ['motcua1', { userId: 'chuyenvien2' }, 403, 'forbidden'],
        ['phantich1', { userId: 'chuyenvien2' }, 403, 'forbidden'],
        [null, { userId: 'chuyenvien2' }, 401, 'unauthenticated'],
      ];
      for (const [username, body, status, code] of cases) {
        const response = await post(username, task, 'assign', body);
        expect({ username, body, status: response.status, code: response.body.code }).toEqual({ username, body, status, code });
      }
      expect((await post('truongphong1', MISSING, 'assign', { userId: 'chuyenvien2' })).status).toBe(404);
      expect((await adminView(id, 'appraise'))!.assignee).toBeNull();
    });
  });

  describe('Delegating and resolving', () => {
    it('Scenario: the holder delegates, the delegate resolves with variables, the owner completes', async () => {
      const { id, tasks } = await newInstance();
      const task = tasks.get('appraise')!.id;
      await post('chuyenvien1', task, 'claim');
      const delegated = await post('chuyenvien1', task, 'delegate', { userId: 'chuyenvien2' });
      expect(delegated.status).toBe(200);
      expect(delegated.body).toMatchObject({ assignee: 'chuyenvien2', owner: 'chuyenvien1', delegationState: 'pending' });

      const early = await post('chuyenvien2', task, 'complete', { variables: { opinion: 'x' } });
      expect({ status: early.status, code: early.body.code }).toEqual({ status: 409, code: 'task-delegation-pending' });
      const byOwner = await post('chuyenvien1', task, 'resolve', {});
      expect({ status: byOwner.status, code: byOwner.body.code }).toEqual({ status: 403, code: 'not-task-holder' });
      expect((await post('chuyenvien2', task, 'resolve', { variables: [1] })).status).toBe(400);

      const resolved = await post('chuyenvien2', task, 'resolve', { variables: { draft: 'Dự thảo' } });
      expect(resolved.status).toBe(200);
      expect(resolved.body).toMatchObject({ assignee: 'chuyenvien1', owner: 'chuyenvien1', delegationState: 'resolved' });
      expect(await variablesOf(id)).toMatchObject({ draft: 'Dự thảo' });
      const again = await post('chuyenvien1', task, 'resolve', {});
      expect({ status: again.status, code: again.body.code }).toEqual({ status: 409, code: 'task-not-delegated' });
      expect((await post('chuyenvien1', task, 'complete', { variables: { opinion: 'Đạt' } })).status).toBe(204);
    });

    it('Scenario: delegate refusals change nothing', async () => {
      const { id, tasks } = await newInstance();
      const task = tasks.get('appraise')!.id;
      // nobody holds it: a specialist may not delegate it; the system admin (who may) is told to claim it first
      expect((await post('chuyenvien1', task, 'delegate', { userId: 'chuyenvien2' })).status).toBe(403);
      const unheld = await post('admin', task, 'delegate', { userId: 'chuyenvien2' });
      expect({ status: unheld.status, code: unheld.body.code }).toEqual({ status: 409, code: 'task-not-claimed' });
      await post('chuyenvien1', task, 'claim');
      const cases: Array<[string | null, unknown, number, string]> = [
        ['chuyenvien2', { userId: 'truongphong1' }, 403, 'forbidden'],
        ['admin', { userId: 'chuyenvien2' }, 403, 'not-task-holder'],
        ['truongphong1', { userId: 'chuyenvien2' }, 403, 'forbidden'],
        ['motcua1', { userId: 'chuyenvien2' }, 404, 'not-found'],
        ['chuyenvien1', { userId: 'nobody.here' }, 422, 'unknown-user'],
        ['chuyenvien1', { userId: 'disabled.user' }, 422, 'unknown-user'],
        ['chuyenvien1', { userId: 'chuyenvien1' }, 422, 'delegate-to-self'],
        ['chuyenvien1', { userId: null }, 400, 'invalid-request'],
        ['chuyenvien1', {}, 400, 'invalid-request'],
        [null, { userId: 'chuyenvien2' }, 401, 'unauthenticated'],
      ];
      for (const [username, body, status, code] of cases) {
        const response = await post(username, task, 'delegate', body);
        expect({ username, body, status: response.status, code: response.body.code }).toEqual({ username, body, status, code });
      }
      expect(await adminView(id, 'appraise')).toMatchObject({ assignee: 'chuyenvien1', owner: null, delegationState: null });
    });
  });

  describe('Completing', () => {
    it('Scenario: the form is checked first — 422 with each field, nothing changed — then the instance moves on', async () => {
      const { id, tasks } = await newInstance();
      const task = tasks.get('appraise')!.id;
      await post('chuyenvien1', task, 'claim');
      const missing = await post('chuyenvien1', task, 'complete', { variables: {} });
      expect(missing.status).toBe(422);
      expect(missing.body).toMatchObject({ code: 'invalid-form-data', errors: [expect.objectContaining({ field: '/variables/opinion' })] });
      const wrong = await post('chuyenvien1', task, 'complete', { variables: { opinion: '', area: -5 } });
      expect(wrong.status).toBe(422);
      expect(wrong.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['/variables/area', '/variables/opinion']);
      const noBody = await post('chuyenvien1', task, 'complete'); // no body at all is {}: the form still wants its fields
      expect({ status: noBody.status, code: noBody.body.code }).toEqual({ status: 422, code: 'invalid-form-data' });
      expect(await adminView(id, 'appraise')).toBeDefined();
      expect(await variablesOf(id)).toEqual({});

      const done = await post('chuyenvien1', task, 'complete', { variables: { opinion: 'Đủ điều kiện', area: 120.5 } });
      expect(done.status).toBe(204);
      expect(await adminView(id, 'appraise')).toBeUndefined();
      expect(await variablesOf(id)).toEqual({ opinion: 'Đủ điều kiện', area: 120.5 });
      const instance = await request(t.app).get(`/api/process-instances/${id}`).set(await bearer(t, 'admin'));
      expect(instance.body.activeElementIds).not.toContain('appraise');
      expect(instance.body.activeElementIds).toContain('join');
      const gone = await post('chuyenvien1', task, 'complete', { variables: { opinion: 'again' } });
      expect(gone.status).toBe(404);
    });

    it('Scenario: a new version of the form, stored by any server, counts from the next request', async () => {
      const { id, tasks } = await newInstance();
      const task = tasks.get('appraise')!.id;
      await post('chuyenvien1', task, 'claim');
      // Stored straight into the database, as another server of the cluster would.
      const sql = createSql(t.engine.sequelize, (work) => t.engine.runExclusive(work));
      const stricter = { ...APPRAISAL_SCHEMA, required: ['opinion', 'decision'], properties: { ...APPRAISAL_SCHEMA.properties, decision: { enum: ['approve', 'refuse'] } } };
      const { form } = await saveForm(sql, { key: APPRAISAL_FORM, schema: stricter, deploymentId: null, createdBy: 'test', at: t.clock.now() });
      try {
        const shown = await request(t.app).get(url(task)).set(await bearer(t, 'chuyenvien1'));
        expect(shown.body.form).toMatchObject({ key: APPRAISAL_FORM, version: form.version, schema: stricter });
        const refused = await post('chuyenvien1', task, 'complete', { variables: { opinion: 'Đủ điều kiện' } });
        expect(refused.status).toBe(422);
        expect(refused.body.errors).toEqual([expect.objectContaining({ field: '/variables/decision' })]);
        expect(await adminView(id, 'appraise')).toBeDefined();
        expect((await post('chuyenvien1', task, 'complete', { variables: { opinion: 'Đủ điều kiện', decision: 'approve' } })).status).toBe(204);
      } finally {
        await saveForm(sql, { key: APPRAISAL_FORM, schema: APPRAISAL_SCHEMA, deploymentId: null, createdBy: 'test', at: t.clock.now() });
      }
    });

    it('Scenario: rules that speak of the dossiers one has handled decide completion from the history', async () => {
      const admin = await bearer(t, 'admin');
      const role = {
        code: 'xu_ly_tiep',
        name: 'Xử lý tiếp',
        rules: [
          { action: 'read', subject: 'Task', conditions: { handledBy: '${user.username}' } },
          { action: 'complete', subject: 'Task', conditions: { handledBy: '${user.username}' } },
        ],
      };
      expect((await request(t.app).post('/api/roles').set(admin).send(role)).status).toBe(201);
      for (const username of ['xuly.tiep1', 'xuly.tiep2']) await createDivisionUser(username, 'xu_ly_tiep');
      const { id } = await t.engine.startProcess('role_steps', { unitId: DIVISION, userId: 'xuly.tiep1' });
      const intake = (await tasksOf(t, id)).get('intake')!.id;
      // Who never handled the dossier does not see its task; who started it may complete it.
      expect((await post('xuly.tiep2', intake, 'complete')).status).toBe(404);
      expect(await adminView(id, 'intake')).toBeDefined();
      expect((await post('xuly.tiep1', intake, 'complete')).status).toBe(204);
      expect(await adminView(id, 'intake')).toBeUndefined();
    });

    it('Scenario: somebody else’s task — 403 for a colleague, allowed for the head of division who may assign it', async () => {
      const { id, tasks } = await newInstance();
      const task = tasks.get('appraise')!.id;
      await post('chuyenvien1', task, 'claim');
      const colleague = await post('chuyenvien2', task, 'complete', { variables: { opinion: 'x' } });
      expect({ status: colleague.status, code: colleague.body.code }).toEqual({ status: 403, code: 'task-assigned-to-other' });
      expect(await adminView(id, 'appraise')).toBeDefined();
      const head = await post('truongphong1', task, 'complete', { variables: { opinion: 'Trưởng phòng xử lý thay' } });
      expect(head.status).toBe(204);
      const history = (await request(t.app).get(`/api/process-instances/${id}/history`).set(await bearer(t, 'admin'))).body.items as Array<{
        event: string;
        elementId: string;
        userId: string;
      }>;
      expect(history.filter((e) => e.event === 'completed' && e.elementId === 'appraise')).toEqual([expect.objectContaining({ userId: 'truongphong1' })]);
    });

    it('Scenario: an unclaimed task may be completed by an officer of its group; others are refused', async () => {
      const { id, tasks } = await newInstance();
      const intake = tasks.get('intake')!.id;
      const cases: Array<[string | null, unknown, number, string]> = [
        ['chuyenvien1', {}, 404, 'not-found'],
        ['truongphong1', {}, 403, 'forbidden'],
        ['phantich1', {}, 403, 'forbidden'],
        [null, {}, 401, 'unauthenticated'],
        ['motcua1', { variables: [] }, 400, 'invalid-request'],
        ['motcua1', { variables: {}, other: 1 }, 400, 'invalid-request'],
        ['motcua1', { variables: { ['v'.repeat(256)]: 1 } }, 422, 'invalid-input'],
      ];
      for (const [username, body, status, code] of cases) {
        const response = await post(username, intake, 'complete', body);
        expect({ username, status: response.status, code: response.body.code }).toEqual({ username, status, code });
      }
      expect(await adminView(id, 'intake')).toBeDefined();
      const done = await post('motcua1', intake, 'complete', { variables: { received: true, note: '=now()' } });
      expect(done.status).toBe(204);
      expect(await variablesOf(id)).toEqual({ received: true, note: '=now()' });
      expect((await post('admin', MISSING, 'complete', {})).status).toBe(404);
    });

    it('Scenario: a specialist given a task of another unit sees it, completes it, and then sees the dossier they handled', async () => {
      const { id, tasks } = await newInstance('HANDLED', OTHER_DIVISION);
      const task = tasks.get('appraise')!.id;
      const specialist = await bearer(t, 'chuyenvien1');
      expect((await request(t.app).get(url(task)).set(specialist)).status).toBe(404);
      expect((await post('admin', task, 'assign', { userId: 'chuyenvien1' })).status).toBe(200);
      const mine = await request(t.app).get('/api/tasks').query({ assignee: 'me', businessKey: 'HANDLED' }).set(specialist);
      expect(mine.body.items.map((i: TaskJson) => i.id)).toEqual([task]);
      expect((await request(t.app).get(`/api/process-instances/${id}`).set(specialist)).status).toBe(404);
      expect((await post('chuyenvien1', task, 'complete', { variables: { opinion: 'ok' } })).status).toBe(204);
      expect((await request(t.app).get(`/api/process-instances/${id}`).set(specialist)).status).toBe(200);
      const listed = await request(t.app).get('/api/process-instances').query({ businessKey: 'HANDLED' }).set(specialist);
      expect(listed.body.items.map((i: { id: string }) => i.id)).toEqual([id]);
      // handling one step does not open the dossier's other tasks
      expect((await request(t.app).get('/api/tasks').query({ processInstanceId: id }).set(specialist)).body.total).toBe(0);
    });
  });
});
