/**
 * Feature: one dossier through the HTTP API, as issue 4 tells it. The head of division may not
 * deploy; the analyst deploys a procedure with its form; the one-stop officer starts it; the
 * specialist of the right unit sees and claims the task, another specialist gets 409; a completion
 * that breaks the form is 422 and changes nothing; a valid one moves the dossier on to the leader.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import request from 'supertest';
import { startTestApi, type TestApi } from '../support/api-app.js';

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url)));

describe('Feature: a dossier from deployment to signature over HTTP', () => {
  let t: TestApi;
  const as = async (username: string, password?: string) => ({ authorization: `Bearer ${await t.token(username, password)}` });
  beforeAll(async () => {
    t = await startTestApi();
  });
  afterAll(() => t.close());

  it('Scenario: deploy, start, see, claim, conflict, invalid form, valid form, next step', async () => {
    const deploy = (headers: Record<string, string>) =>
      request(t.app)
        .post('/api/deployments')
        .set(headers)
        .field('deployment-name', 'e2e permit')
        .attach('data', fixture('e2e-permit.bpmn'), 'e2e-permit.bpmn')
        .attach('form', fixture('e2e-appraisal.json'), 'e2e-appraisal.json');

    // The head of division may not deploy.
    const refused = await deploy(await as('truongphong1'));
    expect(refused.status).toBe(403);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);

    // The analyst deploys the procedure and its form.
    const deployed = await deploy(await as('phantich1'));
    expect(deployed.status).toBe(201);
    expect(deployed.body.definitions).toEqual([expect.objectContaining({ key: 'e2e_permit', version: 1 })]);

    // A one-stop officer of the commune starts a dossier (in their own unit by default).
    const oneStop = await as('motcua1');
    const started = await request(t.app).post('/api/process-definitions/key/e2e_permit/start').set(oneStop).send({ businessKey: '000.00.20.H40-261128-0001' });
    expect(started.status).toBe(201);
    const instanceId = started.body.id as string;

    // The specialist of the economic division sees the appraisal task and claims it.
    const specialist = await as('chuyenvien1');
    const listed = await request(t.app).get('/api/tasks').query({ processInstanceId: instanceId }).set(specialist);
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((task: { elementId: string }) => task.elementId)).toEqual(['appraise']);
    const taskId = listed.body.items[0].id as string;
    expect((await request(t.app).post(`/api/tasks/${taskId}/claim`).set(specialist)).status).toBe(200);

    // A second specialist of the same division, created by the unit admin, gets 409.
    const unitAdmin = await as('quantri.xa1');
    const units = await request(t.app).get('/api/units').query({ limit: 200 }).set(unitAdmin);
    const division = units.body.items.find((unit: { code: string }) => unit.code === '000.10.20.H40').id as string;
    const created = await request(t.app)
      .post('/api/users')
      .set(unitAdmin)
      .send({ username: 'chuyenvien2', displayName: 'Chuyên viên Hai', unitId: division, password: 'password-22', roles: [{ roleCode: 'chuyen_vien', unitId: division }] });
    expect(created.status).toBe(201);
    const second = await as('chuyenvien2', 'password-22');
    const conflict = await request(t.app).post(`/api/tasks/${taskId}/claim`).set(second);
    expect(conflict.status).toBe(409);
    expect(conflict.body.code).toBe('task-claimed-by-other');

    // The task shows its form; a completion that breaks it is 422, names each field, changes nothing.
    const task = await request(t.app).get(`/api/tasks/${taskId}`).set(specialist);
    expect(task.status).toBe(200);
    expect(task.body.form).toMatchObject({ key: 'e2e-appraisal', version: 1, schema: { required: ['opinion', 'approved'] } });
    const invalid = await request(t.app).post(`/api/tasks/${taskId}/complete`).set(specialist).send({ variables: { opinion: 'ok', inspectedOn: 'yesterday' } });
    expect(invalid.status).toBe(422);
    const fields = (invalid.body.errors as { field: string }[]).map((error) => error.field).sort();
    expect(fields).toEqual(expect.arrayContaining(['/variables/approved', '/variables/inspectedOn', '/variables/opinion']));
    expect((await request(t.app).get(`/api/tasks/${taskId}`).set(specialist)).status).toBe(200);

    // A valid completion moves the dossier on: the leader of the commune now has the signature.
    const valid = await request(t.app)
      .post(`/api/tasks/${taskId}/complete`)
      .set(specialist)
      .send({ variables: { opinion: 'Hồ sơ đầy đủ, đủ điều kiện', approved: true, inspectedOn: '2026-03-03' } });
    expect(valid.status).toBe(204);
    const leaderTasks = await request(t.app).get('/api/tasks').query({ processInstanceId: instanceId }).set(await as('lanhdao1'));
    expect(leaderTasks.body.items.map((item: { elementId: string }) => item.elementId)).toEqual(['sign']);
    const instance = await request(t.app).get(`/api/process-instances/${instanceId}`).set(oneStop);
    expect(instance.body).toMatchObject({ state: 'active', activeElementIds: ['sign'], variables: { approved: true } });
  });
});
