/**
 * Feature: external tasks over HTTP — a worker with an API key of the seeded `external_worker` role
 * fetches and locks tasks by topic, completes them, answers with a BPMN error, reports failures until
 * the task becomes an incident, which the system admin retries; locks belong to the credentials and
 * worker id that took them (409 for anyone else); topics outside a role's condition are a 403.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { startTestApi, type TestApi } from '../support/api-app.js';

const TAX_MODEL = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs" targetNamespace="http://motcua.vn/test">
  <bpmn:error id="noTaxRecord" errorCode="TAX_MISSING" />
  <bpmn:process id="api_ext_tax" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="lookup" />
    <bpmn:serviceTask id="lookup" camunda:type="external" camunda:topic="tax-lookup" />
    <bpmn:boundaryEvent id="missing" attachedToRef="lookup"><bpmn:errorEventDefinition errorRef="noTaxRecord" /></bpmn:boundaryEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="lookup" targetRef="review" />
    <bpmn:userTask id="review" />
    <bpmn:sequenceFlow id="f2" sourceRef="missing" targetRef="manualCheck" />
    <bpmn:userTask id="manualCheck" />
  </bpmn:process>
  <bpmn:process id="api_ext_sms" isExecutable="true">
    <bpmn:startEvent id="s_start" />
    <bpmn:sequenceFlow id="g0" sourceRef="s_start" targetRef="sms" />
    <bpmn:serviceTask id="sms" camunda:type="external" camunda:topic="send-sms" />
    <bpmn:sequenceFlow id="g1" sourceRef="sms" targetRef="s_end" />
    <bpmn:endEvent id="s_end" />
  </bpmn:process>
</bpmn:definitions>`;

interface FetchedTask {
  id: string;
  topicName: string;
  processInstanceId: string;
  workerId: string;
  lockExpirationTime: string;
  variables: Record<string, unknown>;
}

describe('Feature: external tasks', () => {
  let t: TestApi;
  let workerKey: string;
  let otherKey: string;
  let provinceId: string;
  const as = async (username: string) => ({ Authorization: `Bearer ${await t.token(username)}` });
  const key = (value: string) => ({ 'X-API-Key': value });
  const fetchAndLock = (credentials: Record<string, string>, workerId: string, topicName = 'tax-lookup', maxTasks = 10) =>
    request(t.app).post('/api/external-tasks/fetch-and-lock').set(credentials).send({ workerId, maxTasks, topics: [{ topicName, lockDuration: 60_000 }] });
  const at = async (id: string) => (await t.engine.getProcessInstance(id)).activeElementIds;
  const createKey = async (name: string, roles: string[]) => {
    const created = await request(t.app).post('/api/api-keys').set(await as('admin')).send({ name, unitId: provinceId, roles });
    expect(created.status).toBe(201);
    return created.body.key as string;
  };

  beforeAll(async () => {
    t = await startTestApi();
    await t.engine.deploy(TAX_MODEL, { name: 'external-tasks.bpmn' });
    const units = (await request(t.app).get('/api/units?limit=200').set(await as('admin'))).body.items as { id: string; code: string }[];
    provinceId = units.find((unit) => unit.code === '000.00.00.H40')!.id;
    workerKey = await createKey('tax worker', ['external_worker']);
    otherKey = await createKey('another worker', ['external_worker']);
  });
  afterAll(() => t.close());

  it('Scenario: a worker fetches a task with its variables, completes it, and the instance moves on', async () => {
    const { id } = await t.engine.startProcess('api_ext_tax', { businessKey: 'TAX-1', variables: { taxCode: '2901234567' } });
    const fetched = await fetchAndLock(key(workerKey), 'worker-1');
    expect(fetched.status).toBe(200);
    const task = (fetched.body as FetchedTask[]).find((candidate) => candidate.processInstanceId === id)!;
    expect(task).toMatchObject({ topicName: 'tax-lookup', workerId: 'worker-1', businessKey: 'TAX-1', variables: { taxCode: '2901234567' } });
    expect(new Date(task.lockExpirationTime).getTime()).toBe(t.clock.now().getTime() + 60_000);
    expect((await fetchAndLock(key(workerKey), 'worker-1')).body).toEqual([]); // locked: nothing free

    const completed = await request(t.app).post(`/api/external-tasks/${task.id}/complete`).set(key(workerKey)).send({ workerId: 'worker-1', variables: { taxPaid: true } });
    expect(completed.status).toBe(204);
    expect(await at(id)).toEqual(['review']);
    expect((await t.engine.getProcessInstance(id)).variables).toMatchObject({ taxPaid: true });
    const again = await request(t.app).post(`/api/external-tasks/${task.id}/complete`).set(key(workerKey)).send({ workerId: 'worker-1' });
    expect(again.status).toBe(404);
  });

  it('Scenario: a lock held by another worker, or by the same worker id under other credentials, is a 409', async () => {
    const { id } = await t.engine.startProcess('api_ext_tax', { businessKey: 'TAX-2' });
    const [task] = (await fetchAndLock(key(workerKey), 'worker-1')).body as FetchedTask[];
    expect(task!.processInstanceId).toBe(id);
    const otherWorker = await request(t.app).post(`/api/external-tasks/${task!.id}/complete`).set(key(workerKey)).send({ workerId: 'worker-2' });
    expect(otherWorker.status).toBe(409);
    expect(otherWorker.body.code).toBe('external-task-not-locked');
    const otherCredentials = await request(t.app).post(`/api/external-tasks/${task!.id}/complete`).set(key(otherKey)).send({ workerId: 'worker-1' });
    expect(otherCredentials.status).toBe(409);
    const failure = await request(t.app).post(`/api/external-tasks/${task!.id}/failure`).set(key(otherKey)).send({ workerId: 'worker-1', retries: 0 });
    expect(failure.status).toBe(409);
    // the lock lapses: nobody may use it, and another worker can take the task
    t.clock.advance(60_001);
    expect((await request(t.app).post(`/api/external-tasks/${task!.id}/complete`).set(key(workerKey)).send({ workerId: 'worker-1' })).status).toBe(409);
    const [retaken] = (await fetchAndLock(key(otherKey), 'worker-9')).body as FetchedTask[];
    expect(retaken).toMatchObject({ id: task!.id, workerId: 'worker-9' });
    expect((await request(t.app).post(`/api/external-tasks/${task!.id}/complete`).set(key(otherKey)).send({ workerId: 'worker-9' })).status).toBe(204);
    expect(await at(id)).toEqual(['review']);
  });

  it('Scenario: a BPMN error goes to the task\'s error boundary event; an error nobody catches is a 422', async () => {
    const { id } = await t.engine.startProcess('api_ext_tax', { businessKey: 'TAX-3' });
    const [task] = (await fetchAndLock(key(workerKey), 'worker-1')).body as FetchedTask[];
    const uncaught = await request(t.app).post(`/api/external-tasks/${task!.id}/bpmn-error`).set(key(workerKey)).send({ workerId: 'worker-1', errorCode: 'SOMETHING_ELSE' });
    expect(uncaught.status).toBe(422);
    expect(uncaught.body.code).toBe('uncaught-error');
    expect(await at(id)).toEqual(['lookup']);
    const caught = await request(t.app).post(`/api/external-tasks/${task!.id}/bpmn-error`).set(key(workerKey)).send({ workerId: 'worker-1', errorCode: 'TAX_MISSING', variables: { reason: 'no record' } });
    expect(caught.status).toBe(204);
    expect(await at(id)).toEqual(['manualCheck']);
    expect((await t.engine.getProcessInstance(id)).variables).toMatchObject({ reason: 'no record' });
  });

  it('Scenario: failures use up the retries, the task becomes an incident, the admin retries it and the worker finishes it', async () => {
    const { id } = await t.engine.startProcess('api_ext_tax', { businessKey: 'TAX-4' });
    const admin = await as('admin');
    let [task] = (await fetchAndLock(key(workerKey), 'worker-1')).body as FetchedTask[];
    const first = await request(t.app).post(`/api/external-tasks/${task!.id}/failure`).set(key(workerKey)).send({ workerId: 'worker-1', errorMessage: 'tax service down', retries: 1, retryTimeout: 5_000 });
    expect(first.status).toBe(204);
    expect((await fetchAndLock(key(workerKey), 'worker-1')).body).toEqual([]); // waits for the retry timeout
    t.clock.advance(5_001);
    [task] = (await fetchAndLock(key(workerKey), 'worker-1')).body as FetchedTask[];
    expect(task).toMatchObject({ processInstanceId: id, retries: 1, errorMessage: 'tax service down' });
    expect((await request(t.app).post(`/api/external-tasks/${task!.id}/failure`).set(key(workerKey)).send({ workerId: 'worker-1', errorMessage: 'still down', retries: 0 })).status).toBe(204);

    const incidents = await request(t.app).get('/api/incidents').set(admin);
    expect(incidents.status).toBe(200);
    expect(incidents.body.items).toEqual([
      expect.objectContaining({ id: task!.id, kind: 'external-task', processInstanceId: id, processDefinitionKey: 'api_ext_tax', elementId: 'lookup', retries: 0, lastError: 'still down' }),
    ]);
    t.clock.advance(60_000);
    expect((await fetchAndLock(key(workerKey), 'worker-1')).body).toEqual([]); // an incident is not fetched
    // neither the worker nor an officer may retry it
    expect((await request(t.app).post(`/api/incidents/${task!.id}/retry`).set(key(workerKey))).status).toBe(403);
    expect((await request(t.app).post(`/api/incidents/${task!.id}/retry`).set(await as('motcua1'))).status).toBe(403);

    expect((await request(t.app).post(`/api/incidents/${task!.id}/retry`).set(admin)).status).toBe(204);
    expect((await request(t.app).get('/api/incidents').set(admin)).body.items).toEqual([]);
    const [fetchedAgain] = (await fetchAndLock(key(workerKey), 'worker-1')).body as FetchedTask[];
    expect(fetchedAgain!.id).toBe(task!.id);
    expect((await request(t.app).post(`/api/external-tasks/${task!.id}/complete`).set(key(workerKey)).send({ workerId: 'worker-1' })).status).toBe(204);
    expect(await at(id)).toEqual(['review']);
  });

  it('Scenario: a role limited to some topics may fetch only those (403 otherwise, nothing locked)', async () => {
    const created = await request(t.app)
      .post('/api/roles')
      .set(await as('admin'))
      .send({ code: 'sms_worker', name: 'Gửi tin nhắn', rules: [{ action: ['read', 'complete'], subject: 'ExternalTask', conditions: { topic: 'send-sms' } }] });
    expect(created.status).toBe(201);
    const smsKey = await createKey('sms worker', ['sms_worker']);
    const { id } = await t.engine.startProcess('api_ext_sms');
    await t.engine.startProcess('api_ext_tax', { businessKey: 'TAX-5' });

    const refused = await request(t.app)
      .post('/api/external-tasks/fetch-and-lock')
      .set(key(smsKey))
      .send({ workerId: 'sms-1', maxTasks: 5, topics: [{ topicName: 'send-sms', lockDuration: 1_000 }, { topicName: 'tax-lookup', lockDuration: 1_000 }] });
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toContain('tax-lookup');
    const smsTasks = (await fetchAndLock(key(smsKey), 'sms-1', 'send-sms')).body as FetchedTask[];
    expect(smsTasks.map((task) => task.processInstanceId)).toEqual([id]); // the refused call locked nothing
    expect((await request(t.app).post(`/api/external-tasks/${smsTasks[0]!.id}/complete`).set('Authorization', `ApiKey ${smsKey}`).send({ workerId: 'sms-1' })).status).toBe(204);
    expect((await t.engine.getProcessInstance(id)).state).toBe('completed');
  });

  it('Scenario: bad requests are 400, missing or wrong credentials 401, officers 403, unknown tasks 404', async () => {
    const worker = key(workerKey);
    const cases: Array<[request.Test, number]> = [
      [request(t.app).post('/api/external-tasks/fetch-and-lock').set(worker).send({ workerId: 'w', maxTasks: 0, topics: [{ topicName: 'tax-lookup', lockDuration: 1000 }] }), 400],
      [request(t.app).post('/api/external-tasks/fetch-and-lock').set(worker).send({ workerId: 'w', maxTasks: 1, topics: [] }), 400],
      [request(t.app).post('/api/external-tasks/fetch-and-lock').set(worker).send({ maxTasks: 1, topics: [{ topicName: 'tax-lookup', lockDuration: 1000 }] }), 400],
      [request(t.app).post('/api/external-tasks/fetch-and-lock').set(worker).send({ workerId: 'w', maxTasks: 1, topics: [{ topicName: 'tax-lookup', lockDuration: -5 }] }), 400],
      [request(t.app).post('/api/external-tasks/some-id/failure').set(worker).send({ workerId: 'w', retries: -1 }), 400],
      [request(t.app).post('/api/external-tasks/some-id/bpmn-error').set(worker).send({ workerId: 'w' }), 400],
      [request(t.app).post('/api/external-tasks/fetch-and-lock').send({ workerId: 'w', maxTasks: 1, topics: [{ topicName: 'tax-lookup', lockDuration: 1000 }] }), 401],
      [request(t.app).post('/api/external-tasks/fetch-and-lock').set(key(`${workerKey}x`)).send({ workerId: 'w', maxTasks: 1, topics: [{ topicName: 'tax-lookup', lockDuration: 1000 }] }), 401],
      [request(t.app).post('/api/external-tasks/fetch-and-lock').set(await as('motcua1')).send({ workerId: 'w', maxTasks: 1, topics: [{ topicName: 'tax-lookup', lockDuration: 1000 }] }), 403],
      [request(t.app).post('/api/external-tasks/some-id/complete').set(await as('chuyenvien1')).send({ workerId: 'w' }), 403],
      [request(t.app).post('/api/external-tasks/no-such-task/complete').set(worker).send({ workerId: 'w' }), 404],
      [request(t.app).post('/api/external-tasks/no-such-task/failure').set(worker).send({ workerId: 'w', retries: 0 }), 404],
      [request(t.app).post('/api/external-tasks/no-such-task/bpmn-error').set(worker).send({ workerId: 'w', errorCode: 'X' }), 404],
    ];
    for (const [send, status] of cases) expect((await send).status).toBe(status);
  });
});
