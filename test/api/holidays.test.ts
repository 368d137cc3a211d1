/**
 * Feature: the working-time calendar over HTTP — staff read a year's holiday table and the
 * working-time configuration; the system admin adds, replaces and removes entries and changes the
 * configuration, each change audited and in effect for deadlines computed afterwards; bad values are
 * 422 naming the field, a taken date 409, a missing one 404, and nothing changes on any of them.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { startTestApi, type TestApi } from '../support/api-app.js';

/** A task due two working days after it starts. */
const DEADLINE_MODEL = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs" targetNamespace="http://motcua.vn/test">
  <bpmn:process id="api_hol_deadline" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="appraise" />
    <bpmn:userTask id="appraise" camunda:dueDate="=workingDays(2)" />
  </bpmn:process>
</bpmn:definitions>`;

interface Holiday {
  date: string;
  kind: string;
  name: string;
  source: string;
}

describe('Feature: holidays and working time', () => {
  let t: TestApi;
  const as = async (username: string) => ({ Authorization: `Bearer ${await t.token(username)}` });
  const holidays = async (year: number) => (await request(t.app).get('/api/holidays').query({ year }).set(await as('admin'))).body.items as Holiday[];
  /** The due date of a task started now (the clock stands at Monday 2 March 2026, 09:00 in Hanoi). */
  const dueOfNewTask = async () => {
    const { id } = await t.engine.startProcess('api_hol_deadline');
    const [task] = await t.engine.queryTasks({ processInstanceId: id });
    return new Date(task!.dueDate!).toISOString();
  };
  const auditOf = async (subjectId: string) => (await request(t.app).get('/api/audit').query({ subjectId }).set(await as('admin'))).body.items as Record<string, unknown>[];

  beforeAll(async () => {
    t = await startTestApi();
    await t.engine.deploy(DEADLINE_MODEL, { name: 'holidays.bpmn' });
  });
  afterAll(() => t.close());

  it('Scenario: every staff role reads the pre-filled table of a year', async () => {
    for (const username of ['motcua1', 'chuyenvien1', 'phantich1', 'quantri.xa1', 'admin']) {
      const response = await request(t.app).get('/api/holidays').query({ year: 2026 }).set(await as(username));
      expect(response.status).toBe(200);
      expect(response.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ date: '2026-01-01', kind: 'public-holiday' })]));
    }
    const dates = (await holidays(2026)).map((entry) => entry.date);
    expect(dates).toEqual([...dates].sort());
    expect((await request(t.app).get('/api/holidays').query({ year: 2026 })).status).toBe(401);
    const admin = await as('admin');
    expect((await request(t.app).get('/api/holidays').set(admin)).status).toBe(400);
    expect((await request(t.app).get('/api/holidays').query({ year: 'next' }).set(admin)).status).toBe(400);
    expect((await request(t.app).get('/api/holidays').query({ year: 1900 }).set(admin)).status).toBe(400);
  });

  it('Scenario: the admin adds a substitute day off; it counts for deadlines; replacing and removing it are audited', async () => {
    const admin = await as('admin');
    // 2026-03-03 is a Tuesday: two working days from Monday 09:00 end on Wednesday 09:00
    expect(await dueOfNewTask()).toBe('2026-03-04T02:00:00.000Z');
    const added = await request(t.app).post('/api/holidays').set(admin).send({ date: '2026-03-03', kind: 'substitute-day-off', name: 'Nghỉ bù' });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ date: '2026-03-03', kind: 'substitute-day-off', name: 'Nghỉ bù', source: 'admin' });
    expect(await holidays(2026)).toEqual(expect.arrayContaining([expect.objectContaining({ date: '2026-03-03', name: 'Nghỉ bù' })]));
    expect(await dueOfNewTask()).toBe('2026-03-05T02:00:00.000Z');

    const taken = await request(t.app).post('/api/holidays').set(admin).send({ date: '2026-03-03', kind: 'public-holiday', name: 'Again' });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('holiday-exists');
    const replaced = await request(t.app).post('/api/holidays').set(admin).send({ date: '2026-03-03', kind: 'public-holiday', name: 'Ngày lễ', replace: true });
    expect(replaced.status).toBe(201);
    expect(replaced.body).toMatchObject({ kind: 'public-holiday', name: 'Ngày lễ' });

    expect((await request(t.app).delete('/api/holidays/2026-03-03').set(admin)).status).toBe(204);
    expect((await holidays(2026)).map((entry) => entry.date)).not.toContain('2026-03-03');
    expect(await dueOfNewTask()).toBe('2026-03-04T02:00:00.000Z');
    const missing = await request(t.app).delete('/api/holidays/2026-03-03').set(admin);
    expect(missing.status).toBe(404);

    expect((await auditOf('2026-03-03')).map((entry) => [entry.action, entry.subject, entry.actor])).toEqual([
      ['delete', 'Holiday', 'admin'],
      ['replace', 'Holiday', 'admin'],
      ['create', 'Holiday', 'admin'],
    ]);
  });

  it('Scenario: entries that break the rules are refused precisely and change nothing', async () => {
    const admin = await as('admin');
    const before = await holidays(2026);
    const cases: Array<[request.Test, number, string, string?]> = [
      // 2026-03-04 is a Wednesday: a swapped working day must be a non-working weekday
      [request(t.app).post('/api/holidays').set(admin).send({ date: '2026-03-04', kind: 'swapped-working-day', name: 'Làm bù' }), 422, 'invalid-input', '/body/date'],
      // 2026-03-07 is a Saturday: no day off to substitute
      [request(t.app).post('/api/holidays').set(admin).send({ date: '2026-03-07', kind: 'substitute-day-off', name: 'Nghỉ bù' }), 422, 'invalid-input', '/body/date'],
      [request(t.app).post('/api/holidays').set(admin).send({ date: '2026-02-30', kind: 'public-holiday', name: 'No such day' }), 422, 'invalid-input', '/body/date'],
      [request(t.app).post('/api/holidays').set(admin).send({ date: '03/03/2026', kind: 'public-holiday', name: 'x' }), 400, 'invalid-request'],
      [request(t.app).post('/api/holidays').set(admin).send({ date: '2026-03-05', kind: 'festival', name: 'x' }), 400, 'invalid-request'],
      [request(t.app).post('/api/holidays').set(admin).send({ date: '2026-03-05', kind: 'public-holiday' }), 400, 'invalid-request'],
      [request(t.app).delete('/api/holidays/yesterday').set(admin), 400, 'invalid-request'],
      [request(t.app).post('/api/holidays').set(await as('motcua1')).send({ date: '2026-03-05', kind: 'public-holiday', name: 'x' }), 403, 'forbidden'],
      [request(t.app).delete('/api/holidays/2026-01-01').set(await as('quantri.xa1')), 403, 'forbidden'],
      [request(t.app).post('/api/holidays').send({ date: '2026-03-05', kind: 'public-holiday', name: 'x' }), 401, 'unauthenticated'],
    ];
    for (const [send, status, code, field] of cases) {
      const response = await send;
      expect({ status: response.status, code: response.body.code }).toEqual({ status, code });
      if (field) expect(response.body.errors).toEqual([expect.objectContaining({ field })]);
    }
    expect(await holidays(2026)).toEqual(before);
  });

  it('Scenario: the admin changes the working-time configuration; bad values are 422 naming the field', async () => {
    const admin = await as('admin');
    const officer = await as('motcua1');
    const initial = await request(t.app).get('/api/working-time').set(officer);
    expect(initial.status).toBe(200);
    expect(initial.body).toEqual({
      timeZone: 'Asia/Ho_Chi_Minh',
      workingPeriods: [{ start: '07:00', end: '11:30' }, { start: '13:30', end: '17:00' }],
      workingWeekdays: [1, 2, 3, 4, 5],
      workingDayHours: 8,
      receiptCutoff: '15:00',
    });

    const changed = await request(t.app).put('/api/working-time').set(admin).send({ receiptCutoff: '16:00', workingWeekdays: [1, 2, 3, 4, 5, 6] });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ receiptCutoff: '16:00', workingWeekdays: [1, 2, 3, 4, 5, 6], workingDayHours: 8 });
    expect(t.engine.getWorkingTimeConfig()).toMatchObject({ receiptCutoff: '16:00', workingWeekdays: [1, 2, 3, 4, 5, 6] });
    expect((await request(t.app).get('/api/working-time').set(officer)).body.receiptCutoff).toBe('16:00');
    expect(await auditOf('working-time')).toEqual([
      expect.objectContaining({ action: 'update', subject: 'WorkingTime', actor: 'admin', before: expect.objectContaining({ receiptCutoff: '15:00' }), after: expect.objectContaining({ receiptCutoff: '16:00' }) }),
    ]);

    const cases: Array<[Record<string, unknown>, number, string?]> = [
      [{ workingWeekdays: [1, 8] }, 422, '/body/workingWeekdays/1'],
      [{ workingPeriods: [{ start: '07:00', end: '12:00' }, { start: '11:00', end: '17:00' }] }, 422, '/body/workingPeriods/1/start'],
      [{ workingPeriods: [{ start: '17:00', end: '07:00' }] }, 422, '/body/workingPeriods/0/end'],
      [{ workingDayHours: 0 }, 422, '/body/workingDayHours'],
      [{ timeZone: 'Europe/Paris' }, 422, '/body/timeZone'],
      [{ receiptCutoff: '25:00' }, 422, '/body/receiptCutoff'],
      [{}, 400],
      [{ lunchBreak: true }, 400],
      [{ receiptCutoff: '4 pm' }, 400],
    ];
    for (const [body, status, field] of cases) {
      const response = await request(t.app).put('/api/working-time').set(admin).send(body);
      expect({ body, status: response.status }).toEqual({ body, status });
      if (field) expect(response.body.errors).toEqual([expect.objectContaining({ field })]);
    }
    expect((await request(t.app).put('/api/working-time').set(officer).send({ receiptCutoff: '10:00' })).status).toBe(403);
    expect((await request(t.app).put('/api/working-time').send({ receiptCutoff: '10:00' })).status).toBe(401);
    expect((await request(t.app).get('/api/working-time')).status).toBe(401);
    expect(t.engine.getWorkingTimeConfig()).toMatchObject({ receiptCutoff: '16:00', workingWeekdays: [1, 2, 3, 4, 5, 6] });
    expect(await auditOf('working-time')).toHaveLength(1);
  });
});
