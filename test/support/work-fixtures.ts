/**
 * Fixtures for the instance and task API tests: a model with one user task per seeded officer
 * role (all open at once after a parallel fork), the seeded units by code, and bearer headers.
 */
import request from 'supertest';
import type { TestApi } from './api-app.js';

export const PROVINCE = '000.00.00.H40';
export const COMMUNE = '000.00.20.H40';
export const DIVISION = '000.10.20.H40';
export const OTHER_COMMUNE = '000.00.21.H40';
export const OTHER_DIVISION = '000.10.21.H40';

/** Element id of the task each officer role is the candidate group of. */
export const ROLE_TASK = {
  mot_cua: 'intake',
  chuyen_vien: 'appraise',
  lanh_dao_phong: 'review',
  lanh_dao_don_vi: 'sign',
  van_thu: 'dispatch',
} as const;
export const ALL_ROLE_TASKS = Object.values(ROLE_TASK);

export const APPRAISAL_FORM = 'test-appraisal';

/**
 * `role_steps`: start → every officer role's task at once → end. `appraise` has the form
 * `schema:test-appraisal` and is due in 2 days, `review` in 5 days; the others have no due date.
 */
export const ROLE_STEPS_BPMN = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs" targetNamespace="http://motcua.vn/test">
  <bpmn:process id="role_steps" name="Role steps" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="fork" />
    <bpmn:parallelGateway id="fork" />
    <bpmn:parallelGateway id="join" />
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="fz" sourceRef="join" targetRef="end" />
    <bpmn:userTask id="intake" name="Tiếp nhận" camunda:candidateGroups="mot_cua" camunda:priority="90" />
    <bpmn:userTask id="appraise" name="Thẩm định" camunda:candidateGroups="chuyen_vien" camunda:formKey="schema:${APPRAISAL_FORM}" camunda:dueDate="P2D" camunda:priority="70" />
    <bpmn:userTask id="review" name="Xem xét" camunda:candidateGroups="lanh_dao_phong" camunda:dueDate="P5D" />
    <bpmn:userTask id="sign" name="Ký" camunda:candidateGroups="lanh_dao_don_vi" />
    <bpmn:userTask id="dispatch" name="Vào sổ" camunda:candidateGroups="van_thu" camunda:priority="10" />
${Object.values(ROLE_TASK)
  .map((id) => `    <bpmn:sequenceFlow id="in_${id}" sourceRef="fork" targetRef="${id}" />\n    <bpmn:sequenceFlow id="out_${id}" sourceRef="${id}" targetRef="join" />`)
  .join('\n')}
  </bpmn:process>
</bpmn:definitions>`;

/** `one_step`: start → `work` (one-stop officers) → `after` (specialists) → end. */
export const ONE_STEP_BPMN = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs1" targetNamespace="http://motcua.vn/test">
  <bpmn:process id="one_step" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="work" />
    <bpmn:userTask id="work" camunda:candidateGroups="mot_cua" />
    <bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="after" />
    <bpmn:userTask id="after" camunda:candidateGroups="chuyen_vien" />
    <bpmn:sequenceFlow id="f3" sourceRef="after" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>`;

export const bearer = async (t: TestApi, username: string): Promise<{ Authorization: string }> => ({ Authorization: `Bearer ${await t.token(username)}` });

/** The seeded units' ids by code. */
export async function unitIds(t: TestApi): Promise<Map<string, string>> {
  const response = await request(t.app).get('/api/units?limit=200').set(await bearer(t, 'admin'));
  return new Map((response.body.items as Array<{ id: string; code: string }>).map((u) => [u.code, u.id]));
}

export interface TaskJson {
  id: string;
  elementId: string;
  processInstanceId: string;
  unitCode: string | null;
  assignee: string | null;
  owner: string | null;
  delegationState: string | null;
  businessKey: string | null;
  dueDate: string | null;
}

/** The open tasks of an instance by element id, read as the system admin. */
export async function tasksOf(t: TestApi, instanceId: string): Promise<Map<string, TaskJson>> {
  const response = await request(t.app).get('/api/tasks').query({ processInstanceId: instanceId, pageSize: 200 }).set(await bearer(t, 'admin'));
  if (response.status !== 200) throw new Error(`task list failed: ${response.status} ${JSON.stringify(response.body)}`);
  return new Map((response.body.items as TaskJson[]).map((task) => [task.elementId, task]));
}

/** Starts `key` as the system admin in the unit with this code; returns the instance id. */
export async function startAsAdmin(t: TestApi, units: Map<string, string>, key: string, code: string, body: Record<string, unknown> = {}): Promise<string> {
  const response = await request(t.app)
    .post(`/api/process-definitions/key/${key}/start`)
    .set(await bearer(t, 'admin'))
    .send({ unitId: units.get(code), ...body });
  if (response.status !== 201) throw new Error(`start failed: ${response.status} ${JSON.stringify(response.body)}`);
  return (response.body as { id: string }).id;
}
