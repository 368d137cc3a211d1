/** Small BPMN models and form schemas for the deployment, definition and form API tests. */

/** One executable process: start → user task (optionally with a form key) → end. */
export function userTaskModel(key: string, options: { formKey?: string; name?: string; taskName?: string } = {}): string {
  const formKey = options.formKey === undefined ? '' : ` camunda:formKey="${options.formKey}"`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs_${key}" targetNamespace="http://motcua.vn/test">
  <bpmn:process id="${key}" name="${options.name ?? key}" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="toReview" sourceRef="start" targetRef="review" />
    <bpmn:userTask id="review" name="${options.taskName ?? 'Xem xét hồ sơ'}" camunda:candidateGroups="chuyen_vien"${formKey} />
    <bpmn:sequenceFlow id="toEnd" sourceRef="review" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>
`;
}

/** A model the engine refuses: an exclusive gateway's flow without a condition, and an unknown element. */
export function brokenModel(key: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="defs_${key}" targetNamespace="http://motcua.vn/test">
  <bpmn:process id="${key}" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="toGateway" sourceRef="start" targetRef="decide" />
    <bpmn:exclusiveGateway id="decide" />
    <bpmn:sequenceFlow id="toA" sourceRef="decide" targetRef="endA" />
    <bpmn:sequenceFlow id="toB" sourceRef="decide" targetRef="endB" />
    <bpmn:endEvent id="endA" />
    <bpmn:endEvent id="endB" />
  </bpmn:process>
</bpmn:definitions>
`;
}

/** A form with Vietnamese titles: a name, an e-mail and a decision. */
export function reviewForm(title = 'Thẩm định hồ sơ'): Record<string, unknown> {
  return {
    title,
    type: 'object',
    required: ['decision'],
    additionalProperties: false,
    properties: {
      decision: { type: 'string', title: 'Kết luận', enum: ['approve', 'reject'] },
      note: { type: 'string', title: 'Ghi chú', maxLength: 2000 },
      email: { type: 'string', title: 'Thư điện tử', format: 'email' },
    },
  };
}

export const json = (value: unknown): Buffer => Buffer.from(JSON.stringify(value, null, 2));
