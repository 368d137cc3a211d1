/** Small builders for inline BPMN test documents, and helpers to look at what loadModel returns. */
import { loadModel, ModelValidationError, type ModelProblem, type ProcessGraph } from '../../../engine/model/index.js';

const NAMESPACES = [
  'xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"',
  'xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"',
  'xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"',
  'xmlns:camunda="http://camunda.org/schema/1.0/bpmn"',
  'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
].join(' ');

export function definitions(body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<definitions ${NAMESPACES} id="defs" targetNamespace="http://example.org/test">\n${body}\n</definitions>`;
}

/** One executable process 'p' with the given content. */
export function processXml(body: string, attributes = 'id="p" isExecutable="true"'): string {
  return definitions(`<process ${attributes}>\n${body}\n</process>`);
}

/** start → body → end, where the body's first and last node ids are given. */
export function between(first: string, last: string, body: string): string {
  return processXml(`
    <startEvent id="start" />
    <sequenceFlow id="toFirst" sourceRef="start" targetRef="${first}" />
    ${body}
    <sequenceFlow id="fromLast" sourceRef="${last}" targetRef="end" />
    <endEvent id="end" />`);
}

export async function loadOne(xml: string): Promise<ProcessGraph> {
  const model = await loadModel(xml);
  expect(model.processes).toHaveLength(1);
  return model.processes[0] as ProcessGraph;
}

export async function rejection(xml: string): Promise<ModelValidationError> {
  try {
    await loadModel(xml);
  } catch (err) {
    if (err instanceof ModelValidationError) return err;
    throw err;
  }
  throw new Error('expected the model to be rejected');
}

/** "code elementId attribute" strings, for compact assertions. */
export function summary(problems: readonly ModelProblem[]): string[] {
  return problems.map((p) => [p.code, p.elementId ?? '-', p.attribute].filter((x) => x !== undefined).join(' '));
}
