/**
 * Feature: process instances over HTTP — start from a definition's key in a unit, list and read
 * what the caller may see (404 for the rest), the history with the acting users, and cancel with a
 * recorded reason: success, 400, 401, 403, 404, 409 and 422, each refusal changing nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { startTestApi, type TestApi } from '../support/api-app.js';
import { bearer, COMMUNE, DIVISION, ONE_STEP_BPMN, OTHER_COMMUNE, OTHER_DIVISION, PROVINCE, startAsAdmin, unitIds } from '../support/work-fixtures.js';

const NO_FLOW_BPMN = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="defs2" targetNamespace="http://motcua.vn/test">
  <bpmn:process id="no_flow" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="choose" />
    <bpmn:exclusiveGateway id="choose" />
    <bpmn:sequenceFlow id="f2" sourceRef="choose" targetRef="end" >
      <bpmn:conditionExpression>\${amount &gt; 10}</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>`;

const MISSING = '00000000-0000-4000-8000-000000000000';

describe('Feature: process instances', () => {
  let t: TestApi;
  let units: Map<string, string>;
  const start = (key: string) => `/api/process-definitions/key/${key}/start`;
  const count = async () => (await request(t.app).get('/api/process-instances?limit=1').set(await bearer(t, 'admin'))).body.total as number;

  beforeAll(async () => {
    t = await startTestApi();
    await t.engine.deploy(ONE_STEP_BPMN, { name: 'one-step.bpmn' });
    await t.engine.deploy(NO_FLOW_BPMN, { name: 'no-flow.bpmn' });
    units = await unitIds(t);
  });
  afterAll(() => t.close());

  describe('Starting', () => {
    it('Scenario: the one-stop officer starts a dossier in their own commune, with variables and a business key', async () => {
      const response = await request(t.app)
        .post(start('one_step'))
        .set(await bearer(t, 'motcua1'))
        .send({ businessKey: '000.00.20.H40-260302-0001', variables: { applicant: { name: 'Nguyễn Văn A' }, fee: 100 } });
      expect(response.status).toBe(201);
      expect(response.headers.location).toBe(`/api/process-instances/${response.body.id}`);
      expect(response.body).toMatchObject({
        state: 'active',
        processDefinitionKey: 'one_step',
        processDefinitionVersion: 1,
        businessKey: '000.00.20.H40-260302-0001',
        unitCode: COMMUNE,
        activeElementIds: ['work'],
        variables: { applicant: { name: 'Nguyễn Văn A' }, fee: 100 },
      });
      const history = await request(t.app).get(`/api/process-instances/${response.body.id}/history`).set(await bearer(t, 'motcua1'));
      expect(history.body.items[0]).toMatchObject({ event: 'started', userId: 'motcua1' });
    });

    it('Scenario: a unit below the own one may be named; the task belongs to it', async () => {
      const response = await request(t.app).post(start('one_step')).set(await bearer(t, 'motcua1')).send({ unitId: units.get(DIVISION) });
      expect(response.status).toBe(201);
      expect(response.body.unitCode).toBe(DIVISION);
      const tasks = await request(t.app).get('/api/tasks').query({ processInstanceId: response.body.id }).set(await bearer(t, 'admin'));
      expect(tasks.body.items).toEqual([expect.objectContaining({ elementId: 'work', unitCode: DIVISION })]);
    });

    it('Scenario: the system admin starts in its own unit (the province) or any unit', async () => {
      const admin = await bearer(t, 'admin');
      const own = await request(t.app).post(start('one_step')).set(admin).send({});
      expect(own.status).toBe(201);
      expect(own.body.unitCode).toBe(PROVINCE);
      const other = await request(t.app).post(start('one_step')).set(admin).send({ unitId: units.get(OTHER_COMMUNE) });
      expect(other.body.unitCode).toBe(OTHER_COMMUNE);
    });

    it('Scenario: an officer who may start in two communes must say which', async () => {
      const admin = await bearer(t, 'admin');
      const roles = [COMMUNE, OTHER_COMMUNE].map((code) => ({ roleCode: 'mot_cua', unitId: units.get(code) }));
      const created = await request(t.app)
        .post('/api/users')
        .set(admin)
        .send({ username: 'motcua.two', displayName: 'Hai xã', unitId: units.get(COMMUNE), password: 'password-2', roles });
      expect(created.status).toBe(201);
      const login = await request(t.app).post('/api/auth/login').send({ username: 'motcua.two', password: 'password-2' });
      const headers = { Authorization: `Bearer ${login.body.token}` };
      const before = await count();
      const unnamed = await request(t.app).post(start('one_step')).set(headers).send({});
      expect(unnamed.status).toBe(422);
      expect(unnamed.body).toMatchObject({ code: 'unit-required', errors: [expect.objectContaining({ field: '/body/unitId' })] });
      expect(await count()).toBe(before);
      const named = await request(t.app).post(start('one_step')).set(headers).send({ unitId: units.get(OTHER_COMMUNE) });
      expect(named.status).toBe(201);
      expect(named.body.unitCode).toBe(OTHER_COMMUNE);
    });

    it('Scenario: refusals say why and start nothing', async () => {
      const before = await count();
      const officer = await bearer(t, 'motcua1');
      const cases: Array<[request.Test, number, string, string?]> = [
        [request(t.app).post(start('no_such_process')).set(officer).send({}), 404, 'not-found'],
        [request(t.app).post(start('one_step')).set(officer).send({ unitId: units.get(OTHER_COMMUNE) }), 403, 'forbidden'],
        [request(t.app).post(start('one_step')).set(await bearer(t, 'chuyenvien1')).send({}), 403, 'forbidden'],
        [request(t.app).post(start('one_step')).set(await bearer(t, 'phantich1')).send({}), 403, 'forbidden'],
        [request(t.app).post(start('one_step')).send({}), 401, 'unauthenticated'],
        [request(t.app).post(start('one_step')).set(officer).send({ unitId: MISSING }), 422, 'unknown-reference', '/body/unitId'],
        [request(t.app).post(start('one_step')).set(officer).send({ variables: { ['x'.repeat(256)]: 1 } }), 422, 'invalid-input'],
        [request(t.app).post(start('no_flow')).set(officer).send({ variables: { amount: 1 } }), 422, 'no-outgoing-flow'],
        [request(t.app).post(start('one_step')).set(officer).send({ variables: [1, 2] }), 400, 'invalid-request', '/body/variables'],
        [request(t.app).post(start('one_step')).set(officer).send({ businessKey: 42 }), 400, 'invalid-request', '/body/businessKey'],
        [request(t.app).post(start('one_step')).set(officer).send({ unitId: 'not-a-uuid' }), 400, 'invalid-request', '/body/unitId'],
        [request(t.app).post(start('one_step')).set(officer).send({ other: 1 }), 400, 'invalid-request', '/body/other'],
        [request(t.app).post(start("x' OR 1=1 --")).set(officer).send({}), 400, 'invalid-request', '/params/key'],
        [request(t.app).post(start('one_step')).set(officer).set('Content-Type', 'application/json').send('{"variables":{"a":{"__proto__":{"polluted":true}}}}'), 400, 'forbidden-key'],
        [request(t.app).post(start('one_step')).set(officer).set('Content-Type', 'text/plain').send('{}'), 415, 'unsupported-media-type'],
      ];
      for (const [call, status, code, field] of cases) {
        const response = await call;
        expect({ status: response.status, code: response.body.code }).toEqual({ status, code });
        if (field) expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
      }
      expect(await count()).toBe(before);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      // No body at all is the same as {}: nothing is required to start.
      expect((await request(t.app).post(start('one_step')).set(officer)).status).toBe(201);
      expect(await count()).toBe(before + 1);
    });

    it('Scenario: injection strings in the business key and variables are stored as text, never evaluated', async () => {
      const hostile = ["' OR 1=1 --", '=now()', '${x}', '#{1+1}', "'); DROP TABLE tasks; --"];
      for (const businessKey of hostile) {
        const response = await request(t.app).post(start('one_step')).set(await bearer(t, 'motcua1')).send({ businessKey, variables: { note: businessKey } });
        expect(response.status).toBe(201);
        expect(response.body).toMatchObject({ businessKey, variables: { note: businessKey } });
        const found = await request(t.app).get('/api/process-instances').query({ businessKey }).set(await bearer(t, 'motcua1'));
        expect(found.body.items.map((i: { id: string }) => i.id)).toEqual([response.body.id]);
      }
    });
  });

  describe('Listing and reading', () => {
    let ownId: string;
    let otherId: string;

    beforeAll(async () => {
      ownId = await startAsAdmin(t, units, 'one_step', DIVISION, { businessKey: 'LIST-OWN' });
      otherId = await startAsAdmin(t, units, 'one_step', OTHER_DIVISION, { businessKey: 'LIST-OTHER' });
    });

    it('Scenario: filters by key, business key, unit (id or code) and state, with paging and totals', async () => {
      const admin = await bearer(t, 'admin');
      const ids = async (query: Record<string, unknown>) => {
        const response = await request(t.app).get('/api/process-instances').query(query).set(admin);
        expect(response.status).toBe(200);
        return response.body as { items: Array<{ id: string }>; total: number };
      };
      expect((await ids({ businessKey: 'LIST-OWN' })).items.map((i) => i.id)).toEqual([ownId]);
      expect((await ids({ unitCode: OTHER_DIVISION })).items.map((i) => i.id)).toEqual([otherId]);
      expect((await ids({ unitId: units.get(OTHER_DIVISION) })).items.map((i) => i.id)).toEqual([otherId]);
      expect((await ids({ unitId: units.get(OTHER_DIVISION), unitCode: DIVISION })).total).toBe(0);
      expect((await ids({ unitId: MISSING })).total).toBe(0);
      expect((await ids({ processDefinitionKey: 'no_flow' })).total).toBe(0);
      const all = await ids({ processDefinitionKey: 'one_step', state: 'active', limit: 200 });
      expect(all.items.length).toBe(all.total);
      const firstTwo = await ids({ processDefinitionKey: 'one_step', limit: 2 });
      const next = await ids({ processDefinitionKey: 'one_step', limit: 2, offset: 2 });
      expect(firstTwo).toMatchObject({ total: all.total });
      expect(firstTwo.items).toHaveLength(2);
      expect(new Set([...firstTwo.items, ...next.items].map((i) => i.id)).size).toBe(firstTwo.items.length + next.items.length);
      expect((await ids({ businessKey: 'LIST-OWN', state: 'completed' })).total).toBe(0);
    });

    it('Scenario: an officer lists only their units’ dossiers and gets 404 for the others', async () => {
      const officer = await bearer(t, 'chuyenvien1');
      const list = await request(t.app).get('/api/process-instances').query({ limit: 200 }).set(officer);
      const listed = list.body.items.map((i: { id: string }) => i.id);
      expect(listed).toContain(ownId);
      expect(listed).not.toContain(otherId);
      for (const item of list.body.items as Array<{ unitCode: string }>) expect(item.unitCode).toBe(DIVISION);
      expect((await request(t.app).get(`/api/process-instances/${ownId}`).set(officer)).status).toBe(200);
      const hidden = await request(t.app).get(`/api/process-instances/${otherId}`).set(officer);
      expect(hidden.status).toBe(404);
      expect(hidden.body.code).toBe('not-found');
      expect((await request(t.app).get(`/api/process-instances/${otherId}/history`).set(officer)).status).toBe(404);
      expect((await request(t.app).get('/api/process-instances').query({ unitCode: OTHER_DIVISION }).set(officer)).body.total).toBe(0);
    });

    it('Scenario: one instance with where it stands and its variables; its history in order', async () => {
      const admin = await bearer(t, 'admin');
      const one = await request(t.app).get(`/api/process-instances/${ownId}`).set(admin);
      expect(one.status).toBe(200);
      expect(one.body).toMatchObject({ id: ownId, state: 'active', activeElementIds: ['work'], variables: {}, unitCode: DIVISION, businessKey: 'LIST-OWN', endedAt: null });
      const history = await request(t.app).get(`/api/process-instances/${ownId}/history`).set(admin);
      expect(history.status).toBe(200);
      expect(history.body.total).toBe(history.body.items.length);
      expect(history.body.items.map((e: { event: string; elementId: string | null }) => `${e.event}:${e.elementId ?? ''}`)).toEqual(
        expect.arrayContaining(['started:start', 'started:work']),
      );
      for (const entry of history.body.items as Array<{ userId: string | null }>) expect(entry.userId).toBe('admin');
    });

    it('Scenario: 400 for bad ids and filters, 401 without a token, 403 for roles without instances, 404 for unknown ids', async () => {
      const admin = await bearer(t, 'admin');
      const cases: Array<[request.Test, number]> = [
        [request(t.app).get('/api/process-instances/not-a-uuid').set(admin), 400],
        [request(t.app).get(`/api/process-instances/${MISSING}`).set(admin), 404],
        [request(t.app).get(`/api/process-instances/${MISSING}/history`).set(admin), 404],
        [request(t.app).get('/api/process-instances?state=running').set(admin), 400],
        [request(t.app).get('/api/process-instances?limit=201').set(admin), 400],
        [request(t.app).get('/api/process-instances?unitId=x').set(admin), 400],
        [request(t.app).get('/api/process-instances?bogus=1').set(admin), 400],
        [request(t.app).get('/api/process-instances'), 401],
        [request(t.app).get(`/api/process-instances/${ownId}`), 401],
        [request(t.app).get('/api/process-instances').set(await bearer(t, 'phantich1')), 403],
        [request(t.app).get(`/api/process-instances/${ownId}`).set(await bearer(t, 'quantri.xa1')), 403],
      ];
      for (const [call, status] of cases) expect((await call).status).toBe(status);
    });

    it('Scenario: injection strings in every filter find nothing extra', async () => {
      const officer = await bearer(t, 'motcua1');
      const baseline = (await request(t.app).get('/api/process-instances').set(officer)).body.total as number;
      for (const hostile of ["' OR 1=1 --", '=now()', '${x}', '1) OR (1=1', '%', '*']) {
        for (const name of ['processDefinitionKey', 'businessKey', 'unitCode', 'unitId', 'state', 'limit', 'offset', 'sortOrder']) {
          const response = await request(t.app).get('/api/process-instances').query({ [name]: hostile }).set(officer);
          if (response.status === 200) {
            expect(response.body.total).toBeLessThanOrEqual(baseline);
            if (name !== 'businessKey') expect(response.body.total).toBe(0);
          } else {
            expect(response.status).toBe(400);
          }
        }
      }
    });
  });

  describe('Cancelling', () => {
    it('Scenario: the one-stop officer cancels a dossier with a reason; the history records who and why', async () => {
      const id = await startAsAdmin(t, units, 'one_step', COMMUNE);
      const officer = await bearer(t, 'motcua1');
      const response = await request(t.app).delete(`/api/process-instances/${id}`).set(officer).send({ reason: 'Công dân rút hồ sơ' });
      expect(response.status).toBe(204);
      const after = await request(t.app).get(`/api/process-instances/${id}`).set(officer);
      expect(after.body).toMatchObject({ state: 'terminated', activeElementIds: [] });
      const history = (await request(t.app).get(`/api/process-instances/${id}/history`).set(officer)).body.items as Array<{
        event: string;
        elementType: string;
        userId: string | null;
        detail: Record<string, unknown> | null;
      }>;
      const ended = history.filter((e) => e.event === 'terminated' && e.elementType === 'process');
      expect(ended).toEqual([expect.objectContaining({ userId: 'motcua1', detail: expect.objectContaining({ reason: 'Công dân rút hồ sơ' }) })]);
      expect((await request(t.app).get('/api/tasks').query({ processInstanceId: id }).set(await bearer(t, 'admin'))).body.total).toBe(0);

      const again = await request(t.app).delete(`/api/process-instances/${id}`).set(officer).send({ reason: 'again' });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('instance-not-active');
    });

    it('Scenario: refusals leave the instance running', async () => {
      const own = await startAsAdmin(t, units, 'one_step', COMMUNE);
      const other = await startAsAdmin(t, units, 'one_step', OTHER_COMMUNE);
      const officer = await bearer(t, 'motcua1');
      const cases: Array<[request.Test, number, string]> = [
        [request(t.app).delete(`/api/process-instances/${own}`).set(officer).send({}), 400, 'invalid-request'],
        [request(t.app).delete(`/api/process-instances/${own}`).set(officer), 400, 'invalid-request'],
        [request(t.app).delete(`/api/process-instances/${own}`).set(officer).send({ reason: '' }), 400, 'invalid-request'],
        [request(t.app).delete(`/api/process-instances/${own}`).send({ reason: 'x' }), 401, 'unauthenticated'],
        [request(t.app).delete(`/api/process-instances/${own}`).set(await bearer(t, 'lanhdao1')).send({ reason: 'x' }), 403, 'forbidden'],
        [request(t.app).delete(`/api/process-instances/${own}`).set(await bearer(t, 'phantich1')).send({ reason: 'x' }), 403, 'forbidden'],
        [request(t.app).delete(`/api/process-instances/${other}`).set(officer).send({ reason: 'x' }), 404, 'not-found'],
        [request(t.app).delete(`/api/process-instances/${MISSING}`).set(officer).send({ reason: 'x' }), 404, 'not-found'],
      ];
      for (const [call, status, code] of cases) {
        const response = await call;
        expect({ status: response.status, code: response.body.code }).toEqual({ status, code });
      }
      for (const id of [own, other]) expect((await request(t.app).get(`/api/process-instances/${id}`).set(await bearer(t, 'admin'))).body.state).toBe('active');
    });
  });
});
