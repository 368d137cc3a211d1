/**
 * Feature: the modeler's live checks are the server's deploy checks. The motcua bpmnlint plugin's
 * rules, called the way bpmnlint calls a rule (a factory whose check(node, reporter) sees every
 * element; reports carry the element id and the rule's category), report what loadModel reports,
 * on the same elements: errors for what the engine cannot run, warnings for missing roles and
 * allowances. (bpmnlint 11 itself needs an ESM-capable require, Node ≥ 22 or a bundler: the
 * browser tests run it for real in the modeler's bundle.)
 */
import { BpmnModdle } from 'bpmn-moddle';
import camundaDescriptor from 'camunda-bpmn-moddle/resources/camunda.json' with { type: 'json' };
import motcuaDescriptor from '../../../engine/model/motcua-moddle.json' with { type: 'json' };
import { loadModel, ModelValidationError } from '../../../engine/model/index.js';
import { motcuaLintConfig, motcuaLintEntries } from '../../../engine/model/lint/bpmnlint-plugin.js';

interface LintReport {
  readonly id: string;
  readonly message: string;
  readonly category: string;
}

type Element = { $type: string; id?: string; $descriptor?: unknown } & Record<string, unknown>;

/** Every element of the tree, parents first, as bpmnlint's traversal visits them. */
function* walk(element: Element, seen = new Set<unknown>()): Generator<Element> {
  if (seen.has(element)) return;
  seen.add(element);
  yield element;
  for (const value of Object.values(element)) {
    for (const child of Array.isArray(value) ? value : [value]) {
      if (child && typeof child === 'object' && typeof (child as Element).$type === 'string' && !(child as Element).$type.startsWith('bpmndi:')) {
        yield* walk(child as Element, seen);
      }
    }
  }
}

const XML = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:motcua="http://motcua.vn/schema/bpmn/1.0" id="defs" targetNamespace="http://motcua.vn/test">
  <bpmn:process id="linted" isExecutable="true" motcua:procedureCode="1.000001" motcua:legalTimeLimit="1">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="choose" />
    <bpmn:exclusiveGateway id="choose" />
    <bpmn:sequenceFlow id="f2" sourceRef="choose" targetRef="accept" />
    <bpmn:sequenceFlow id="f3" sourceRef="choose" targetRef="refuse" />
    <bpmn:userTask id="accept" camunda:candidateGroups="mot_cua" motcua:allowanceHours="4" />
    <bpmn:userTask id="refuse" motcua:allowanceHours="12" />
    <bpmn:sequenceFlow id="f4" sourceRef="accept" targetRef="end" />
    <bpmn:sequenceFlow id="f5" sourceRef="refuse" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>`;

async function lintInLinter(xml: string): Promise<LintReport[]> {
  const moddle = new BpmnModdle({ camunda: camundaDescriptor, motcua: motcuaDescriptor });
  const { rootElement } = await moddle.fromXML(xml, 'bpmn:Definitions');
  const reports: LintReport[] = [];
  for (const [name, category] of Object.entries(motcuaLintConfig.rules)) {
    const factory = motcuaLintEntries[`rule:bpmnlint-plugin-${name}`]!;
    const rule = factory();
    const reporter = { report: (id: string, message: string) => reports.push({ id, message, category }) };
    for (const element of walk(rootElement as unknown as Element)) rule.check(element as never, reporter);
  }
  return reports;
}

describe('Feature: the motcua bpmnlint plugin', () => {
  it('Scenario: the linter reports what loadModel reports, error for error and warning for warning', async () => {
    const reports = await lintInLinter(XML);
    let problems: { elementId?: string; message: string }[] = [];
    let warnings: { elementId?: string; message: string }[] = [];
    try {
      await loadModel(XML);
    } catch (error) {
      if (!(error instanceof ModelValidationError)) throw error;
      problems = [...error.problems];
      warnings = [...error.warnings];
    }
    expect(problems.map((p) => p.elementId)).toEqual(['choose']);
    expect(warnings.map((w) => w.elementId).sort()).toEqual(['refuse', 'refuse']);
    const errors = reports.filter((report) => report.category === 'error');
    const warns = reports.filter((report) => report.category === 'warn');
    expect(errors.map((report) => [report.id, report.message])).toEqual(problems.map((p) => [p.elementId, p.message]));
    expect(warns.map((report) => [report.id, report.message]).sort()).toEqual(warnings.map((w) => [w.elementId, w.message]).sort());
    expect(warns.map((report) => report.message).join('\n')).toMatch(/nobody's task list[\s\S]*|more than the procedure's legal time limit/);
  });

  it('Scenario: a model the engine runs gives no error in the linter either', async () => {
    const fixed = XML.replace('<bpmn:exclusiveGateway id="choose" />', '<bpmn:exclusiveGateway id="choose" default="f3" />')
      .replace('<bpmn:sequenceFlow id="f2" sourceRef="choose" targetRef="accept" />', '<bpmn:sequenceFlow id="f2" sourceRef="choose" targetRef="accept"><bpmn:conditionExpression>=accepted</bpmn:conditionExpression></bpmn:sequenceFlow>')
      .replace(
      '<bpmn:userTask id="refuse" motcua:allowanceHours="12" />',
      '<bpmn:userTask id="refuse" camunda:candidateGroups="mot_cua" motcua:allowanceHours="4" />',
    );
    expect(await lintInLinter(fixed)).toEqual([]);
    await expect(loadModel(fixed)).resolves.toMatchObject({ warnings: [] });
  });
});
