/**
 * Feature: reading BPMN XML. Parser warnings that lose content are errors naming the element;
 * warnings that lose nothing are reported as warnings.
 */
import { loadXml } from '../../../engine/model/load-xml.js';
import { loadModel } from '../../../engine/model/index.js';
import { normalizeXml } from '../../../engine/model/xml-normalize.js';
import { definitions, processXml, rejection, summary } from './bpmn-xml.js';

const SIMPLE = `
  <startEvent id="start" />
  <sequenceFlow id="f1" sourceRef="start" targetRef="end" />
  <endEvent id="end" />`;

describe('loadXml', () => {
  it('returns the moddle definitions with the Camunda extension read', async () => {
    const { definitions: defs, problems } = await loadXml(
      processXml(`<userTask id="t" camunda:assignee="demo" />`),
    );
    expect(problems.errors).toEqual([]);
    expect(defs?.$type).toBe('bpmn:Definitions');
  });

  it.each([
    ['an empty document', ''],
    ['text that is not XML', 'this is not xml'],
    ['XML that ends too early', '<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"><process id="p">'],
    ['XML that is not BPMN', '<definitions xmlns="http://not-bpmn"><process id="p"/></definitions>'],
  ])('reports %s as xml-invalid', async (_what, xml) => {
    const error = await rejection(xml);
    expect(error.problems.map((p) => p.code)).toEqual(['xml-invalid']);
    expect(error.problems[0]?.message).toMatch(/BPMN|empty/);
  });

  it('reports a duplicate id, naming it', async () => {
    const error = await rejection(processXml(`${SIMPLE}<userTask id="start" />`));
    expect(summary(error.problems)).toContain('duplicate-id start');
  });

  it('reports an unknown BPMN element, naming the enclosing element', async () => {
    const error = await rejection(processXml(`${SIMPLE}<bogusTask id="x" />`));
    expect(summary(error.problems)).toContain('unknown-element x');
  });

  it('reports an unknown BPMN attribute as an error and an unknown Camunda attribute as unsupported', async () => {
    const error = await rejection(processXml(`${SIMPLE.replace('<endEvent id="end" />', '<endEvent id="end" colour="red" camunda:nope="1" />')}`));
    expect(summary(error.problems)).toEqual(['unknown-attribute end colour', 'unsupported-attribute end camunda:nope']);
  });

  it('ignores attributes in namespaces no descriptor knows', async () => {
    const xml = processXml(SIMPLE.replace('<endEvent id="end" />', '<endEvent id="end" xmlns:signavio="http://www.signavio.com" signavio:x="y" />'));
    await expect(loadModel(xml)).resolves.toMatchObject({ warnings: [] });
  });

  it('warns about an unknown attribute in a known diagram namespace (bpmn.io colours)', async () => {
    const xml = processXml(SIMPLE.replace('<endEvent id="end" />', '<endEvent id="end" xmlns:bioc="http://bpmn.io/schema/bpmn/biocolor/1.0" bioc:fill="red" />'));
    const model = await loadModel(xml);
    expect(summary(model.warnings)).toEqual(['unknown-attribute end bioc:fill']);
  });

  it('makes an unresolved reference an error on a process element and a warning on a diagram element', async () => {
    const semantic = await rejection(processXml(`${SIMPLE}<sequenceFlow id="dangling" sourceRef="start" targetRef="nowhere" />`));
    expect(summary(semantic.problems)).toEqual(['unresolved-reference dangling targetRef']);

    const diagram = await loadModel(
      definitions(`<process id="p" isExecutable="true">${SIMPLE}</process>
        <bpmndi:BPMNDiagram id="d"><bpmndi:BPMNPlane id="plane" bpmnElement="otherProcess" /></bpmndi:BPMNDiagram>`),
    );
    expect(summary(diagram.warnings)).toEqual(['unresolved-reference plane bpmnElement']);
  });

  it('names the element around content that cannot be read', async () => {
    const error = await rejection(processXml(`${SIMPLE}<userTask id="task"><extensionElements><camunda:properties><camunda:property name="a" value="1" value="2" /></camunda:properties></extensionElements></userTask>`));
    expect(error.problems[0]).toMatchObject({ code: 'xml-invalid', elementId: 'task' });
    expect(error.problems[0]?.message).toMatch(/<camunda:property> at line \d+, column \d+ .*attribute <value> already defined/);
  });

  it('reads whitespace around "=" in attributes, which XML allows', async () => {
    const { problems } = await loadXml(processXml(`${SIMPLE}<userTask id = "t" name= 'n' camunda:assignee\n  =\n"a" />`));
    expect(problems.errors).toEqual([]);
  });

  it('treats the legacy Activiti namespace as the Camunda namespace, as Camunda 7 does', async () => {
    const xml = processXml(SIMPLE).replace(
      'xmlns:camunda="http://camunda.org/schema/1.0/bpmn"',
      'xmlns:camunda="http://activiti.org/bpmn"',
    ).replace('<endEvent id="end" />', '<endEvent id="end" camunda:asyncBefore="true" />');
    const model = await loadModel(xml);
    expect(summary(model.warnings)).toEqual(['ignored-attribute end camunda:asyncBefore']);
  });
});

describe('normalizeXml', () => {
  it('moves whitespace around "=" after the value and keeps comments, CDATA and text', () => {
    const xml = '<a x = "1" y=\n"2"><!-- <b c = "d"/> --><![CDATA[ e = "f" ]]> g = "h" </a>';
    expect(normalizeXml(xml)).toBe('<a x="1"   y="2"\n><!-- <b c = "d"/> --><![CDATA[ e = "f" ]]> g = "h" </a>');
  });

  it('leaves a ">" inside an attribute value alone', () => {
    const xml = '<a cond="${x > 1}" b ="2"/>';
    expect(normalizeXml(xml)).toBe('<a cond="${x > 1}" b="2" />');
  });
});
