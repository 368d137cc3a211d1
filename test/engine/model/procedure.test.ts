/**
 * Feature: the motcua extension's attributes are read into the graph, and values that do not fit
 * are refused at deploy naming the element and the attribute.
 */
import { definitions, loadOne, rejection, summary } from './bpmn-xml.js';

const motcua = (processAttributes: string, body: string) =>
  definitions(`<process id="p" isExecutable="true" xmlns:motcua="http://motcua.vn/schema/bpmn/1.0" ${processAttributes}>
    <startEvent id="start" /><sequenceFlow id="f1" sourceRef="start" targetRef="t" />
    ${body}
    <sequenceFlow id="f2" sourceRef="t" targetRef="end" /><endEvent id="end" /></process>`);

describe('the motcua extension', () => {
  it('reads the procedure, the step and the dossier status', async () => {
    const graph = await loadOne(
      motcua(
        'motcua:procedureCode="1.001193" motcua:sector="Hộ tịch" motcua:legalTimeLimit="15" motcua:legalTimeUnit="calendarDays"',
        '<userTask id="t" motcua:unit="000.10.20.H40" motcua:allowanceHours="12.5" motcua:dossierStatus="4" />',
      ),
    );
    expect(graph.procedure).toEqual({ code: '1.001193', sector: 'Hộ tịch', legalTimeLimit: 15, legalTimeUnit: 'calendarDays' });
    expect(graph.nodes.get('t')).toMatchObject({ step: { unit: '000.10.20.H40', allowanceHours: 12.5 }, dossierStatus: 4 });
  });

  it('takes working days when the unit is not given, and has no procedure without its attributes', async () => {
    expect((await loadOne(motcua('motcua:legalTimeLimit="3"', '<userTask id="t" />'))).procedure).toEqual({ legalTimeLimit: 3, legalTimeUnit: 'workingDays' });
    const plain = await loadOne(motcua('', '<userTask id="t" />'));
    expect(plain.procedure).toBeUndefined();
    expect(plain.nodes.get('t')?.step).toBeUndefined();
  });

  it.each([
    ['a status outside 1–10', '', '<userTask id="t" motcua:dossierStatus="11" />', 't', 'motcua:dossierStatus'],
    ['a negative allowance', '', '<userTask id="t" motcua:allowanceHours="-4" />', 't', 'motcua:allowanceHours'],
    ['a unit code with spaces', '', '<userTask id="t" motcua:unit="phòng kinh tế" />', 't', 'motcua:unit'],
    ['an unknown time unit', 'motcua:legalTimeLimit="3" motcua:legalTimeUnit="weeks"', '<userTask id="t" />', 'p', 'motcua:legalTimeUnit'],
    ['a time unit without a limit', 'motcua:legalTimeUnit="workingDays"', '<userTask id="t" />', 'p', 'motcua:legalTimeLimit'],
  ])('refuses %s', async (_what, processAttributes, body, elementId, attribute) => {
    const error = await rejection(motcua(processAttributes, body));
    expect(summary(error.problems)).toEqual([`procedure-attribute ${elementId} ${attribute}`]);
  });

  it('refuses an attribute the extension does not have, like an unknown Camunda one', async () => {
    const error = await rejection(motcua('', '<userTask id="t" motcua:colour="red" />'));
    expect(error.problems).toEqual([expect.objectContaining({ code: 'unsupported-attribute', elementId: 't', attribute: 'motcua:colour' })]);
  });
});
