/**
 * Feature: error and escalation events at deploy. Codes come from the referenced <error errorCode> /
 * <escalation escalationCode>; an errorRef naming no element is the code itself (Camunda 7); a
 * boundary event without a reference catches every code.
 */
import { loadModel } from '../../../engine/model/index.js';
import { loadOne, processXml, rejection, summary } from './bpmn-xml.js';

const withDefinitions = (body: string, definitions: string) => processXml(body).replace('<process ', `${definitions}\n<process `);

const model = (end: string, boundary: string) =>
  withDefinitions(
    `<startEvent id="s" />
     <sequenceFlow id="f0" sourceRef="s" targetRef="sub" />
     <subProcess id="sub">
       <startEvent id="ss" /><sequenceFlow id="f1" sourceRef="ss" targetRef="end" />
       ${end}
     </subProcess>
     ${boundary}
     <sequenceFlow id="f2" sourceRef="catch" targetRef="after" /><userTask id="after" />`,
    `<error id="err" errorCode="E42" /><error id="noCode" /><escalation id="esc" escalationCode="LATE" />`,
  );

describe('error and escalation events', () => {
  it('reads the codes: errorCode, an error without a code (its id), a dangling errorRef (its text), and a catch-all', async () => {
    const graph = await loadOne(
      model(`<endEvent id="end"><errorEventDefinition errorRef="err" /></endEvent>`, `<boundaryEvent id="catch" attachedToRef="sub"><errorEventDefinition /></boundaryEvent>`),
    );
    expect(graph.nodes.get('end')?.error).toEqual({ code: 'E42' });
    expect(graph.nodes.get('catch')?.error).toEqual({ code: null });
    expect(graph.nodes.get('sub')?.boundaryEventIds).toEqual(['catch']);

    const noCode = await loadOne(model(`<endEvent id="end"><errorEventDefinition errorRef="noCode" /></endEvent>`, `<boundaryEvent id="catch" attachedToRef="sub"><errorEventDefinition errorRef="noCode" /></boundaryEvent>`));
    expect(noCode.nodes.get('end')?.error).toEqual({ code: 'noCode' });

    const dangling = await loadModel(model(`<endEvent id="end"><errorEventDefinition errorRef="PLAIN_CODE" /></endEvent>`, `<boundaryEvent id="catch" attachedToRef="sub"><errorEventDefinition errorRef="PLAIN_CODE" /></boundaryEvent>`));
    expect(dangling.processes[0]!.nodes.get('end')?.error).toEqual({ code: 'PLAIN_CODE' });
    expect(dangling.warnings.map((w) => w.code)).toContain('unresolved-reference');
  });

  it('reads escalation end and throw events and escalation boundaries, interrupting or not', async () => {
    const graph = await loadOne(
      model(`<endEvent id="end"><escalationEventDefinition escalationRef="esc" /></endEvent>`, `<boundaryEvent id="catch" attachedToRef="sub" cancelActivity="false"><escalationEventDefinition escalationRef="esc" /></boundaryEvent>`),
    );
    expect(graph.nodes.get('end')?.escalation).toEqual({ code: 'LATE' });
    expect(graph.nodes.get('catch')).toMatchObject({ escalation: { code: 'LATE' }, cancelActivity: false });
  });

  it('refuses an error end event without errorRef and a non-interrupting error boundary event', async () => {
    const error = await rejection(
      model(`<endEvent id="end"><errorEventDefinition /></endEvent>`, `<boundaryEvent id="catch" attachedToRef="sub" cancelActivity="false"><errorEventDefinition /></boundaryEvent>`),
    );
    expect(summary(error.problems)).toEqual(['error-definition end errorRef', 'boundary-event catch cancelActivity']);
  });
});
