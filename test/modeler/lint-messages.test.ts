/**
 * The engine's model problems in Vietnamese (modeler/i18n/vi.json `lint`, lint/lint-messages.ts):
 * every problem of the models below — the mistakes an analyst makes while drawing a procedure —
 * reads in Vietnamese with its ids kept, and every template of the table still matches a message
 * the engine writes (for these models or the conformance models), so a changed engine message
 * cannot leave a dead translation behind.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { loadModel, ModelValidationError, type ModelProblem } from '../../engine/model/index.js';
import { lintTranslator } from '../../modeler/src/lint/lint-messages.js';
import { conformanceRoot } from '../support/fixtures.js';

const VI = (JSON.parse(readFileSync(new URL('../../modeler/i18n/vi.json', import.meta.url), 'utf8')) as { lint: Record<string, string> }).lint;
const translate = lintTranslator(VI);

const BPMN = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:motcua="http://motcua.vn/schema/bpmn/1.0" id="d" targetNamespace="http://motcua.vn/test">
  <bpmn:signal id="unnamed" />
  <bpmn:process id="p" isExecutable="true" motcua:procedureCode="1.000001" motcua:legalTimeLimit="1" motcua:legalTimeUnit="workingDays">
${body}
  </bpmn:process>
</bpmn:definitions>`;

/** The mistakes of drawing: roles, allowances, gateways and flows, events in the wrong place. */
const MISTAKES = [
  BPMN(`
    <bpmn:startEvent id="start" /><bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="noRole" />
    <bpmn:userTask id="noRole" /><bpmn:sequenceFlow id="f2" sourceRef="noRole" targetRef="tooLong" />
    <bpmn:userTask id="tooLong" camunda:candidateGroups="chuyen_vien" motcua:allowanceHours="16" /><bpmn:sequenceFlow id="f3" sourceRef="tooLong" targetRef="choose" />
    <bpmn:exclusiveGateway id="choose" default="fDefault" />
    <bpmn:sequenceFlow id="fYes" sourceRef="choose" targetRef="some"><bpmn:conditionExpression>\${ok}</bpmn:conditionExpression></bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="fPlain" sourceRef="choose" targetRef="end" />
    <bpmn:sequenceFlow id="fDefault" sourceRef="choose" targetRef="end"><bpmn:conditionExpression>\${!ok}</bpmn:conditionExpression></bpmn:sequenceFlow>
    <bpmn:inclusiveGateway id="some" />
    <bpmn:sequenceFlow id="fA" sourceRef="some" targetRef="fork"><bpmn:conditionExpression>\${a}</bpmn:conditionExpression></bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="fB" sourceRef="some" targetRef="fork" />
    <bpmn:parallelGateway id="fork" />
    <bpmn:sequenceFlow id="fC" sourceRef="fork" targetRef="deadEnd"><bpmn:conditionExpression>\${c}</bpmn:conditionExpression></bpmn:sequenceFlow>
    <bpmn:exclusiveGateway id="deadEnd" />
    <bpmn:endEvent id="end" />
    <bpmn:userTask id="island" camunda:candidateGroups="chuyen_vien" motcua:allowanceHours="2" /><bpmn:sequenceFlow id="fIsland" sourceRef="island" targetRef="end" />`),
  BPMN(`
    <bpmn:startEvent id="one" /><bpmn:startEvent id="two" />
    <bpmn:sequenceFlow id="g1" sourceRef="one" targetRef="work" /><bpmn:sequenceFlow id="g2" sourceRef="two" targetRef="work" />
    <bpmn:userTask id="work" camunda:candidateGroups="mot_cua" motcua:allowanceHours="2" /><bpmn:sequenceFlow id="g3" sourceRef="work" targetRef="finish" />
    <bpmn:boundaryEvent id="late" attachedToRef="work"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
    <bpmn:sequenceFlow id="g4" sourceRef="work" targetRef="late" />
    <bpmn:endEvent id="finish" /><bpmn:sequenceFlow id="g5" sourceRef="finish" targetRef="one" />
    <bpmn:intermediateCatchEvent id="waitSignal"><bpmn:signalEventDefinition /></bpmn:intermediateCatchEvent>
    <bpmn:sequenceFlow id="g6" sourceRef="late" targetRef="waitSignal" /><bpmn:sequenceFlow id="g7" sourceRef="waitSignal" targetRef="finish" />`),
  BPMN(`
    <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="h1" sourceRef="s" targetRef="call" />
    <bpmn:callActivity id="call" /><bpmn:sequenceFlow id="h2" sourceRef="call" targetRef="java" />
    <bpmn:serviceTask id="java" camunda:class="vn.gov.Notify" /><bpmn:sequenceFlow id="h2b" sourceRef="java" targetRef="step" />
    <bpmn:userTask id="step" camunda:candidateGroups="mot_cua" motcua:allowanceHours="0" motcua:unit="Phòng 1" /><bpmn:sequenceFlow id="h3" sourceRef="step" targetRef="e" />
    <bpmn:endEvent id="e" />`),
  // The properties group's fields, filled wrongly.
  BPMN('<bpmn:startEvent id="s" />').replace('motcua:legalTimeUnit="workingDays"', 'motcua:legalTimeUnit="months"'),
  BPMN('<bpmn:startEvent id="s" />').replace('motcua:legalTimeLimit="1" ', 'motcua:legalTimeLimit="-2" ').replace(' motcua:legalTimeUnit="workingDays"', ''),
  BPMN('<bpmn:startEvent id="s" />').replace('motcua:legalTimeLimit="1" ', ''),
];

async function problemsOf(xml: string): Promise<ModelProblem[]> {
  try {
    return [...(await loadModel(xml)).warnings];
  } catch (error) {
    if (error instanceof ModelValidationError) return [...error.problems, ...error.warnings];
    throw error;
  }
}

function conformanceModels(directory: string, found: string[] = []): string[] {
  for (const name of readdirSync(directory)) {
    const file = path.join(directory, name);
    if (statSync(file).isDirectory()) conformanceModels(file, found);
    else if (/\.(bpmn|bpmn20\.xml)$/.test(name)) found.push(file);
  }
  return found;
}

test('every problem of an analyst’s usual mistakes reads in Vietnamese, ids kept', async () => {
  const messages = (await Promise.all(MISTAKES.map(problemsOf))).flat().map((problem) => problem.message);
  expect(messages.length).toBeGreaterThanOrEqual(15);
  const untranslated = messages.filter((message) => translate(message) === undefined);
  expect(untranslated).toEqual([]);
  expect(messages.map((message) => translate(message))).toEqual(
    expect.arrayContaining([
      "Tác vụ 'noRole' chưa có người thực hiện, vai trò (candidateGroups) hay người được giao (candidateUsers): tác vụ sẽ không nằm trong danh sách việc của ai.",
      "Tác vụ 'tooLong' được phép 16 giờ làm việc, nhiều hơn thời hạn giải quyết của thủ tục (1 ngày làm việc = 8 giờ).",
      "Luồng 'fDefault' là luồng mặc định của 'choose' nhưng lại có điều kiện; điều kiện đó bị bỏ qua.",
      "userTask 'island' không thể đến được từ start event 'start'; bước này không bao giờ chạy.",
    ]),
  );
});

test('every Vietnamese template still matches a message the engine writes', async () => {
  const messages = new Set((await Promise.all(MISTAKES.map(problemsOf))).flat().map((problem) => problem.message));
  for (const file of conformanceModels(conformanceRoot)) {
    for (const problem of await problemsOf(readFileSync(file, 'utf8')).catch(() => [])) messages.add(problem.message);
  }
  const dead = Object.keys(VI).filter((template) => ![...messages].some((message) => lintTranslator({ [template]: VI[template]! })(message) !== undefined));
  expect(dead).toEqual([]);
});

test('a message no template knows stays as the engine wrote it', () => {
  expect(translate('Something the engine never says.')).toBeUndefined();
  expect(lintTranslator({ "userTask '{id}' is {what}.": "Tác vụ '{id}' là {what}." })("userTask 'a' is fine.")).toBe("Tác vụ 'a' là fine.");
});
