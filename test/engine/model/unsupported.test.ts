/**
 * Feature: what the engine cannot run is refused at deploy, naming the element and the element
 * type or attribute, instead of deploying a model that would silently do less.
 */
import { loadModel } from '../../../engine/model/index.js';
import { between, processXml, rejection, summary } from './bpmn-xml.js';

describe('unsupported elements', () => {
  it.each([
    ['serviceTask', `<serviceTask id="x" />`, /serviceTask/],
    ['sendTask', `<sendTask id="x" />`, /sendTask/],
    ['businessRuleTask', `<businessRuleTask id="x" />`, /businessRuleTask/],
    ['complexGateway', `<complexGateway id="x" />`, /complexGateway/],
    ['link catch event', `<intermediateCatchEvent id="x"><linkEventDefinition name="l" /></intermediateCatchEvent>`, /intermediateCatchEvent with linkEventDefinition/],
    ['catch event without a definition', `<intermediateCatchEvent id="x" />`, /intermediateCatchEvent without an event definition/],
    ['message throw event', `<intermediateThrowEvent id="x"><messageEventDefinition /></intermediateThrowEvent>`, /intermediateThrowEvent with messageEventDefinition \(sending a message needs a send implementation/],
    ['timer throw event', `<intermediateThrowEvent id="x"><timerEventDefinition /></intermediateThrowEvent>`, /intermediateThrowEvent with timerEventDefinition/],
    ['transaction', `<transaction id="x"><startEvent id="ts" /></transaction>`, /transaction/],
    ['adHocSubProcess', `<adHocSubProcess id="x" />`, /adHocSubProcess/],
    ['standard loop', `<userTask id="x"><standardLoopCharacteristics /></userTask>`, /loop \(standardLoopCharacteristics\)/],
    ['compensation handler', `<userTask id="x" isForCompensation="true" />`, /compensation handler/],
  ])('refuses a %s', async (_what, element, message) => {
    const error = await rejection(between('x', 'x', element));
    expect(summary(error.problems)).toEqual(['unsupported-element x']);
    expect(error.problems[0]?.message).toMatch(message);
    expect(error.problems[0]?.message).toContain("'x'");
  });

  it('refuses boundary, start and end events with other event definitions', async () => {
    const error = await rejection(
      processXml(`
      <startEvent id="start" />
      <startEvent id="condStart"><conditionalEventDefinition><condition xsi:type="tFormalExpression">\${x}</condition></conditionalEventDefinition></startEvent>
      <sequenceFlow id="f1" sourceRef="start" targetRef="t" />
      <userTask id="t" />
      <boundaryEvent id="compensation" attachedToRef="t"><compensateEventDefinition /></boundaryEvent>
      <sequenceFlow id="f2" sourceRef="compensation" targetRef="compensateEnd" />
      <endEvent id="compensateEnd"><compensateEventDefinition /></endEvent>`),
    );
    expect(summary(error.problems)).toEqual([
      'unsupported-element condStart',
      'unsupported-element compensation',
      'unsupported-element compensateEnd',
    ]);
    expect(error.problems.map((p) => p.message).join('\n')).toMatch(/startEvent with conditionalEventDefinition[\s\S]*boundaryEvent with compensateEventDefinition[\s\S]*endEvent with compensateEventDefinition/);
  });

  it('accepts none and terminate end events, a none throw event, tasks, manual tasks and data objects', async () => {
    const model = await loadModel(
      processXml(`
      <startEvent id="s" />
      <sequenceFlow id="f1" sourceRef="s" targetRef="t" />
      <task id="t" />
      <sequenceFlow id="f2" sourceRef="t" targetRef="m" />
      <manualTask id="m" />
      <sequenceFlow id="f3" sourceRef="m" targetRef="throw" />
      <intermediateThrowEvent id="throw" />
      <sequenceFlow id="f4" sourceRef="throw" targetRef="end" />
      <endEvent id="end"><terminateEventDefinition /></endEvent>
      <dataObject id="do" />
      <dataObjectReference id="dor" dataObjectRef="do" />`),
    );
    expect([...(model.processes[0]?.nodes.keys() ?? [])]).toEqual(['s', 't', 'm', 'throw', 'end']);
  });
});

describe('unsupported attributes', () => {
  it.each([
    ['camunda:class', `<serviceTask id="x" camunda:class="org.example.Delegate" />`],
    ['camunda:delegateExpression', `<serviceTask id="x" camunda:delegateExpression="\${delegate}" />`],
    ['camunda:expression', `<serviceTask id="x" camunda:expression="\${bean.call()}" />`],
    ['camunda:formHandlerClass', `<userTask id="x" camunda:formHandlerClass="org.example.Form" />`],
    ['camunda:class', `<userTask id="x" camunda:class="org.example.Misplaced" />`],
  ])('refuses %s, naming the element and the attribute', async (attribute, element) => {
    const error = await rejection(between('x', 'x', element));
    const problem = error.problems.find((p) => p.code === 'unsupported-attribute');
    expect(problem).toMatchObject({ elementId: 'x', attribute });
    expect(problem?.message).toContain(attribute);
  });

  it('refuses execution and task listeners, on flow nodes, flows and the process', async () => {
    const error = await rejection(
      processXml(`
      <extensionElements><camunda:executionListener class="org.example.OnStart" event="start" /></extensionElements>
      <startEvent id="s" />
      <sequenceFlow id="f1" sourceRef="s" targetRef="t">
        <extensionElements><camunda:executionListener expression="\${log.take()}" event="take" /></extensionElements>
      </sequenceFlow>
      <userTask id="t">
        <extensionElements>
          <camunda:taskListener delegateExpression="\${assign}" event="create" />
          <camunda:inputOutput><camunda:inputParameter name="a">1</camunda:inputParameter></camunda:inputOutput>
        </extensionElements>
      </userTask>`),
    );
    expect(summary(error.problems)).toEqual([
      'unsupported-attribute p camunda:executionListener',
      'unsupported-attribute t camunda:taskListener',
      'unsupported-attribute t camunda:inputOutput',
      'unsupported-attribute f1 camunda:executionListener',
    ]);
    expect(error.problems[0]?.message).toContain('camunda:class "org.example.OnStart"');
  });

  it('accepts, with a warning, attributes whose absence changes no outcome', async () => {
    const model = await loadModel(
      between('t', 't', `<userTask id="t" camunda:asyncBefore="true" camunda:asyncAfter="false" camunda:jobPriority="5" />`),
    );
    expect(summary(model.warnings)).toEqual(['ignored-attribute t camunda:asyncBefore', 'ignored-attribute t camunda:jobPriority']);
  });

  it('refuses resource assignments other than the Camunda attributes', async () => {
    const error = await rejection(
      between(
        't',
        't',
        `<userTask id="t"><potentialOwner><resourceAssignmentExpression><formalExpression>group(management)</formalExpression></resourceAssignmentExpression></potentialOwner></userTask>`,
      ),
    );
    expect(summary(error.problems)).toEqual(['unsupported-attribute t potentialOwner']);
  });
});

describe('consequences of an unsupported element are not reported again', () => {
  it('does not call a default flow to an unsupported element invalid, nor its gateway\'s other flows unconditional', async () => {
    const error = await rejection(
      processXml(`
      <startEvent id="s" />
      <sequenceFlow id="f1" sourceRef="s" targetRef="gw" />
      <exclusiveGateway id="gw" default="toService" />
      <sequenceFlow id="toService" sourceRef="gw" targetRef="svc" />
      <sequenceFlow id="toTask" sourceRef="gw" targetRef="t"><conditionExpression xsi:type="tFormalExpression">\${ok}</conditionExpression></sequenceFlow>
      <serviceTask id="svc" camunda:delegateExpression="\${mailer}" />
      <userTask id="t" />`),
    );
    expect(summary(error.problems)).toEqual(['unsupported-attribute svc camunda:delegateExpression', 'unsupported-element svc']);
  });
});
