/**
 * Feature: the event-based gateway is checked at deploy (BPMN 2.0 §10.6.6): it waits for two or more
 * catch events or receive tasks that only it leads to.
 */
import { loadOne, processXml, rejection, summary } from './bpmn-xml.js';

const events = `
  <message id="m" name="supplementReceived" />`;

function gatewayModel(after: string): string {
  return processXml(`
    <startEvent id="start" />
    <sequenceFlow id="f0" sourceRef="start" targetRef="gw" />
    <eventBasedGateway id="gw" />
    ${after}`).replace('<process ', `${events}\n<process `);
}

const timer = (id: string) =>
  `<intermediateCatchEvent id="${id}"><timerEventDefinition><timeDuration>P15D</timeDuration></timerEventDefinition></intermediateCatchEvent>`;

describe('event-based gateway', () => {
  it('loads with a timer catch event and a receive task after it', async () => {
    const graph = await loadOne(
      gatewayModel(`
        <sequenceFlow id="a" sourceRef="gw" targetRef="late" />${timer('late')}
        <sequenceFlow id="b" sourceRef="gw" targetRef="back" /><receiveTask id="back" messageRef="m" />`),
    );
    expect(graph.nodes.get('gw')).toMatchObject({ type: 'eventBasedGateway', outgoing: ['a', 'b'] });
  });

  it('refuses a gateway leading to a task, with one flow only, or to an event another flow reaches', async () => {
    const toTask = await rejection(
      gatewayModel(`
        <sequenceFlow id="a" sourceRef="gw" targetRef="late" />${timer('late')}
        <sequenceFlow id="b" sourceRef="gw" targetRef="work" /><userTask id="work" />`),
    );
    expect(summary(toTask.problems)).toEqual(['event-based-gateway gw']);
    expect(toTask.problems[0]!.message).toContain("userTask 'work'");

    const single = await rejection(gatewayModel(`<sequenceFlow id="a" sourceRef="gw" targetRef="late" />${timer('late')}`));
    expect(single.problems[0]!.message).toContain('at least two');

    const shared = await rejection(
      gatewayModel(`
        <sequenceFlow id="a" sourceRef="gw" targetRef="late" />${timer('late')}
        <sequenceFlow id="b" sourceRef="gw" targetRef="other" />${timer('other')}
        <sequenceFlow id="c" sourceRef="start" targetRef="other" />`),
    );
    expect(shared.problems.map((p) => p.message).join(' ')).toContain("'other', which has other incoming flows");
  });
});
