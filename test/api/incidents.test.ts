/**
 * Feature: incidents and jobs over HTTP — a timer job that keeps failing becomes an incident the
 * system admin sees and retries (recorded in the audit log); an instance's timer jobs are listed;
 * officers get 403, strangers 401, unknown incidents 404.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { startTestApi, type TestApi } from '../support/api-app.js';

/** After an hour the gateway needs `approved`, which nobody set: the timer job fails every time. */
const TIMER_MODEL = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="defs" targetNamespace="http://motcua.vn/test">
  <bpmn:process id="api_inc_timer" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="wait" />
    <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="wait" targetRef="decide" />
    <bpmn:exclusiveGateway id="decide" />
    <bpmn:sequenceFlow id="yes" sourceRef="decide" targetRef="sign"><bpmn:conditionExpression>=approved = true</bpmn:conditionExpression></bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="no" sourceRef="decide" targetRef="refuse"><bpmn:conditionExpression>=approved = false</bpmn:conditionExpression></bpmn:sequenceFlow>
    <bpmn:userTask id="sign" />
    <bpmn:userTask id="refuse" />
  </bpmn:process>
</bpmn:definitions>`;

interface JobJson {
  id: string;
  kind: string;
  processInstanceId: string;
  retries: number;
  lastError: string | null;
}

describe('Feature: incidents and jobs', () => {
  let t: TestApi;
  const as = async (username: string) => ({ Authorization: `Bearer ${await t.token(username)}` });

  beforeAll(async () => {
    t = await startTestApi();
    await t.engine.deploy(TIMER_MODEL, { name: 'incidents.bpmn' });
  });
  afterAll(() => t.close());

  it('Scenario: a failing timer becomes an incident; the admin sees it, retries it, and the retry is audited', async () => {
    const admin = await as('admin');
    const { id } = await t.engine.startProcess('api_inc_timer', { businessKey: 'INC-1', unitId: '000.00.20.H40' });
    const jobs = await request(t.app).get('/api/jobs').query({ processInstanceId: id }).set(admin);
    expect(jobs.status).toBe(200);
    expect(jobs.body.items).toEqual([
      expect.objectContaining({ kind: 'timer', processInstanceId: id, processDefinitionKey: 'api_inc_timer', unitCode: '000.00.20.H40', elementId: 'wait', retries: 3, lastError: null }),
    ]);
    const jobId = (jobs.body.items as JobJson[])[0]!.id;
    expect((await request(t.app).get('/api/incidents').set(admin)).body.items).toEqual([]);

    // fire, fail, wait for the (growing) retry delay, until the retries are used up
    for (let attempt = 0; attempt < 10 && (await t.engine.listIncidents()).length === 0; attempt++) {
      t.clock.advance(60 * 60 * 1000);
      await t.engine.runDueJobs();
    }
    const incidents = await request(t.app).get('/api/incidents').set(admin);
    expect(incidents.status).toBe(200);
    expect(incidents.body.items).toEqual([
      expect.objectContaining({ id: jobId, kind: 'timer', processInstanceId: id, elementId: 'wait', retries: 0, lastError: expect.stringContaining('decide') }),
    ]);
    expect((await t.engine.getProcessInstance(id)).activeElementIds).toEqual(['wait']);

    const retried = await request(t.app).post(`/api/incidents/${jobId}/retry`).set(admin);
    expect(retried.status).toBe(204);
    expect((await request(t.app).get('/api/incidents').set(admin)).body.items).toEqual([]);
    expect((await request(t.app).get('/api/jobs').query({ processInstanceId: id }).set(admin)).body.items).toEqual([
      expect.objectContaining({ id: jobId, retries: 3 }),
    ]);
    const audit = await request(t.app).get('/api/audit').query({ subjectId: jobId }).set(admin);
    expect(audit.body.items).toEqual([expect.objectContaining({ action: 'retry', subject: 'Incident', actor: 'admin', before: expect.objectContaining({ retries: 0 }) })]);
    // retrying what is no incident (any more) is a 404
    expect((await request(t.app).post(`/api/incidents/${jobId}/retry`).set(admin)).status).toBe(404);
    expect((await request(t.app).post('/api/incidents/no-such-incident/retry').set(admin)).status).toBe(404);
  });

  it('Scenario: officers may not see or retry incidents (403), strangers get 401, bad queries 400', async () => {
    const officer = await as('motcua1');
    const { id } = await t.engine.startProcess('api_inc_timer', { businessKey: 'INC-2', unitId: '000.00.20.H40' });
    expect((await request(t.app).get('/api/incidents').set(officer)).status).toBe(403);
    expect((await request(t.app).get('/api/jobs').query({ processInstanceId: id }).set(officer)).status).toBe(403);
    expect((await request(t.app).post('/api/incidents/some-id/retry').set(officer)).status).toBe(403);
    expect((await request(t.app).get('/api/incidents')).status).toBe(401);
    expect((await request(t.app).post('/api/incidents/some-id/retry')).status).toBe(401);
    const admin = await as('admin');
    expect((await request(t.app).get('/api/jobs').set(admin)).status).toBe(400);
    expect((await request(t.app).get('/api/jobs').query({ processInstanceId: id, unknown: 1 }).set(admin)).status).toBe(400);
    expect((await request(t.app).get('/api/jobs').query({ processInstanceId: "x' OR 1=1 --" }).set(admin)).status).toBe(400);
    expect((await request(t.app).get('/api/jobs').query({ processInstanceId: 'no-such-instance' }).set(admin)).body).toEqual({ items: [] });
  });
});
