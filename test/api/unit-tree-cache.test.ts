/**
 * Feature: the unit tree is held in memory between requests, yet a change to the units counts from
 * the next request: a new division under the commune, and the moving of a unit, are seen at once by
 * the rules that speak of a unit's subtree.
 */
import request from 'supertest';
import { startTestApi, type TestApi } from '../support/api-app.js';
import { COMMUNE, OTHER_COMMUNE } from '../support/work-fixtures.js';

const ONE_STEP = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="http://motcua.vn/test">
  <bpmn:process id="tree_step" isExecutable="true">
    <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="work" />
    <bpmn:userTask id="work" camunda:candidateGroups="mot_cua" />
    <bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="e" /><bpmn:endEvent id="e" />
  </bpmn:process>
</bpmn:definitions>`;

describe('Feature: unit tree changes count from the next request', () => {
  let t: TestApi;
  const as = async (username: string) => ({ authorization: `Bearer ${await t.token(username)}` });
  beforeAll(async () => {
    t = await startTestApi();
    await t.engine.deploy(ONE_STEP);
  });
  afterAll(() => t.close());

  const unitIdOf = async (code: string) => {
    const units = await request(t.app).get('/api/units').query({ limit: 200 }).set(await as('admin'));
    return (units.body.items as { id: string; code: string }[]).find((unit) => unit.code === code)!.id;
  };
  const visibleTasks = async (username: string) =>
    ((await request(t.app).get('/api/tasks').query({ processDefinitionKey: 'tree_step' }).set(await as(username))).body.items as { businessKey: string }[]).map(
      (task) => task.businessKey,
    );

  it('Scenario: a division created under the commune, then moved to another commune', async () => {
    const admin = await as('admin');
    // The officer's rules are cached with the tree as it is now.
    expect(await visibleTasks('motcua1')).toEqual([]);
    const created = await request(t.app).post('/api/units').set(admin).send({ code: '000.30.20.H40', name: 'Phòng mới', kind: 'division', parentId: await unitIdOf(COMMUNE) });
    expect(created.status).toBe(201);
    await t.engine.startProcess('tree_step', { unitId: '000.30.20.H40', businessKey: 'NEW-DIVISION' });
    // The next request sees the new unit in the commune's subtree.
    expect(await visibleTasks('motcua1')).toEqual(['NEW-DIVISION']);

    const moved = await request(t.app).patch(`/api/units/${created.body.id as string}`).set(admin).send({ parentId: await unitIdOf(OTHER_COMMUNE) });
    expect(moved.status).toBe(200);
    expect(await visibleTasks('motcua1')).toEqual([]);
  });
});
