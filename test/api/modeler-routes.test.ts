/**
 * Feature: the two routes the web modeler needs beyond the resources' own: the procedures with
 * their versions and running instances (counted among the instances the caller may read), and the
 * role codes for naming candidate groups (for whoever may deploy).
 */
import request from 'supertest';
import { startTestApi, type TestApi } from '../support/api-app.js';
import { COMMUNE } from '../support/work-fixtures.js';

const MODEL = (name: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="http://motcua.vn/test">
  <bpmn:process id="modeler_listed" name="${name}" isExecutable="true">
    <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="work" />
    <bpmn:userTask id="work" camunda:candidateGroups="mot_cua" />
  </bpmn:process>
</bpmn:definitions>`;

describe('Feature: the modeler routes', () => {
  let t: TestApi;
  const as = async (username: string) => ({ authorization: `Bearer ${await t.token(username)}` });
  beforeAll(async () => {
    t = await startTestApi();
    await t.engine.deploy(MODEL('v1'));
    await t.engine.deploy(MODEL('v2'));
    await t.engine.startProcess('modeler_listed', { unitId: COMMUNE });
  });
  afterAll(() => t.close());

  const listed = async (username: string) => {
    const response = await request(t.app).get('/api/modeler/procedures').set(await as(username));
    expect(response.status).toBe(200);
    return (response.body.items as { key: string; versions: number; running: number; latest: { version: number } }[]).find((item) => item.key === 'modeler_listed');
  };

  it('Scenario: a procedure with its latest version, its versions and the running instances the caller may read', async () => {
    expect(await listed('admin')).toMatchObject({ versions: 2, running: 1, latest: { version: 2 } });
    expect(await listed('motcua1')).toMatchObject({ running: 1 });
    // The analyst reads procedures, not dossiers: the running count is what they may read.
    expect(await listed('phantich1')).toMatchObject({ versions: 2, running: 0 });
  });

  it('Scenario: the instances waiting at one element of one version (the monitoring click-through)', async () => {
    const [latest] = await t.engine.listProcessDefinitions({ key: 'modeler_listed', latestOnly: true });
    const query = (elementId: string) => ({ processDefinitionId: latest!.id, elementId, state: 'active' });
    const at = async (elementId: string, username = 'admin') => {
      const response = await request(t.app).get('/api/process-instances').query(query(elementId)).set(await as(username));
      expect(response.status).toBe(200);
      return response.body.total as number;
    };
    expect(await at('work')).toBe(1);
    expect(await at('work', 'motcua1')).toBe(1);
    expect(await at('s')).toBe(0);
    // The analyst reads procedures, not dossiers.
    expect((await request(t.app).get('/api/process-instances').query(query('work')).set(await as('phantich1'))).status).toBe(403);
    const bad = await request(t.app).get('/api/process-instances').query({ elementId: "x' OR 1=1 --" }).set(await as('admin'));
    expect(bad.status).toBe(400);
  });

  it('Scenario: role codes for whoever may deploy; others 403; no token 401', async () => {
    const roles = await request(t.app).get('/api/modeler/roles').set(await as('phantich1'));
    expect(roles.status).toBe(200);
    expect(roles.body.items).toEqual(expect.arrayContaining([{ code: 'chuyen_vien', name: expect.any(String) }]));
    expect(roles.body.items[0]).not.toHaveProperty('rules');
    expect((await request(t.app).get('/api/modeler/roles').set(await as('chuyenvien1'))).status).toBe(403);
    expect((await request(t.app).get('/api/modeler/roles')).status).toBe(401);
  });
});
