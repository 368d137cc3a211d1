/**
 * Feature: a deployed version's statistics for the monitoring view: per element the tokens waiting
 * there, the overdue tasks and the incidents of its running instances, counted in SQL and limited
 * to the instances the caller may see.
 */
import request from 'supertest';
import { startTestApi, type TestApi } from '../support/api-app.js';
import { COMMUNE, OTHER_COMMUNE } from '../support/work-fixtures.js';

const MODEL = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="http://motcua.vn/test">
  <bpmn:process id="stats_proc" isExecutable="true">
    <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="fork" />
    <bpmn:parallelGateway id="fork" />
    <bpmn:sequenceFlow id="f2" sourceRef="fork" targetRef="review" />
    <bpmn:sequenceFlow id="f3" sourceRef="fork" targetRef="consult" />
    <bpmn:userTask id="review" camunda:candidateGroups="mot_cua" camunda:dueDate="PT2H" />
    <bpmn:userTask id="consult" camunda:candidateGroups="mot_cua">
      <bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality>2</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="f4" sourceRef="review" targetRef="wait" />
    <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>\${waitFor}</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
    <bpmn:sequenceFlow id="f5" sourceRef="wait" targetRef="check" />
    <bpmn:exclusiveGateway id="check" default="f7" />
    <bpmn:sequenceFlow id="f6" sourceRef="check" targetRef="e"><bpmn:conditionExpression>\${neverSet == 1}</bpmn:conditionExpression></bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="f7" sourceRef="check" targetRef="e" /><bpmn:endEvent id="e" />
  </bpmn:process>
</bpmn:definitions>`;

describe('Feature: statistics of a deployed version', () => {
  let t: TestApi;
  let definitionId: string;
  const as = async (username: string) => ({ authorization: `Bearer ${await t.token(username)}` });
  beforeAll(async () => {
    t = await startTestApi();
    definitionId = (await t.engine.deploy(MODEL)).definitions[0]!.id;
  });
  afterAll(() => t.close());

  const stats = async (username: string) => {
    const response = await request(t.app).get(`/api/process-definitions/${definitionId}/statistics`).set(await as(username));
    expect(response.status).toBe(200);
    return Object.fromEntries((response.body.elements as { elementId: string }[]).map(({ elementId, ...counts }) => [elementId, counts]));
  };

  it('Scenario: waiting tokens, overdue tasks and incidents per element, and only the instances the caller may see', async () => {
    for (const unitId of [COMMUNE, COMMUNE, OTHER_COMMUNE]) await t.engine.startProcess('stats_proc', { unitId, variables: { waitFor: 'PT1H' } });
    // Every multi-instance task counts, not its body.
    expect(await stats('admin')).toEqual({
      review: { waiting: 3, overdue: 0, incidents: 0 },
      consult: { waiting: 6, overdue: 0, incidents: 0 },
    });
    t.clock.advance(3 * 3_600_000);
    expect((await stats('admin')).review).toEqual({ waiting: 3, overdue: 3, incidents: 0 });
    // The one-stop officer of the commune sees the commune's two dossiers only.
    expect((await stats('motcua1')).review).toEqual({ waiting: 2, overdue: 2, incidents: 0 });

    // After the timer, a condition reads a variable nobody set: the job fails, is retried, and ends as an incident.
    const [other] = await t.engine.queryTasks({ elementId: 'review', unitId: OTHER_COMMUNE });
    await t.engine.completeTask(other!.id);
    expect((await stats('admin')).wait).toEqual({ waiting: 1, overdue: 0, incidents: 0 });
    for (let attempt = 0; attempt < 10 && (await t.engine.listIncidents()).length === 0; attempt++) {
      t.clock.advance(3_600_000);
      await t.engine.runDueJobs();
    }
    expect(await t.engine.listIncidents()).toHaveLength(1);
    expect((await stats('admin')).wait).toEqual({ waiting: 1, overdue: 0, incidents: 1 });
    // The commune's officer does not see the other commune's incident.
    expect((await stats('motcua1')).wait).toBeUndefined();
  });

  it('Scenario: an unknown id is 404, an officer without read ProcessDefinition 403, no token 401', async () => {
    expect((await request(t.app).get('/api/process-definitions/00000000-0000-4000-8000-000000000000/statistics').set(await as('admin'))).status).toBe(404);
    expect((await request(t.app).get(`/api/process-definitions/${definitionId}/statistics`).set(await as('quantri.xa1'))).status).toBe(403);
    expect((await request(t.app).get(`/api/process-definitions/${definitionId}/statistics`)).status).toBe(401);
  });
});
