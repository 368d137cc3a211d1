/**
 * Feature: event sub-processes and multi-instance activities are read into the graph, and what
 * cannot run as written is refused at deploy, naming the element and the attribute.
 */
import { between, definitions, loadOne, processXml, rejection, summary } from './bpmn-xml.js';

const userTaskWith = (loop: string) => between('x', 'x', `<userTask id="x">${loop}</userTask>`);

describe('multi-instance activities', () => {
  it('reads loopCardinality, isSequential and completionCondition', async () => {
    const graph = await loadOne(
      userTaskWith(`<multiInstanceLoopCharacteristics isSequential="true">
        <loopCardinality>\${count}</loopCardinality>
        <completionCondition>\${nrOfCompletedInstances == 2}</completionCondition>
      </multiInstanceLoopCharacteristics>`),
    );
    const node = graph.nodes.get('x')!;
    expect(node.multiInstance).toMatchObject({ sequential: true, loopCardinality: { source: '${count}' } });
    expect(node.multiInstance?.completionCondition).toBeDefined();
    expect(node.needsVariables).toBe(true);
  });

  it('reads camunda:collection as a variable name or an expression, with its element variable', async () => {
    const byName = await loadOne(userTaskWith(`<multiInstanceLoopCharacteristics camunda:collection="agencies" camunda:elementVariable="agency" />`));
    expect(byName.nodes.get('x')!.multiInstance).toMatchObject({ sequential: false, elementVariable: 'agency', collection: { source: '${agencies}' } });
    const byExpression = await loadOne(userTaskWith(`<multiInstanceLoopCharacteristics camunda:collection="\${list}" />`));
    expect(byExpression.nodes.get('x')!.multiInstance?.collection).toMatchObject({ source: '${list}' });
  });

  it.each([
    ['neither loopCardinality nor a collection', `<multiInstanceLoopCharacteristics />`, 'loopCardinality', /needs loopCardinality or camunda:collection/],
    [
      'both loopCardinality and a collection',
      `<multiInstanceLoopCharacteristics camunda:collection="l"><loopCardinality>3</loopCardinality></multiInstanceLoopCharacteristics>`,
      'camunda:collection',
      /not both/,
    ],
    ['an element variable without a collection', `<multiInstanceLoopCharacteristics camunda:elementVariable="e"><loopCardinality>3</loopCardinality></multiInstanceLoopCharacteristics>`, 'camunda:elementVariable', /camunda:collection, which is missing/],
    ['a standard BPMN data input', `<multiInstanceLoopCharacteristics camunda:collection="l"><inputDataItem id="item" /></multiInstanceLoopCharacteristics>`, 'inputDataItem', /use camunda:elementVariable/],
  ])('refuses %s', async (_what, loop, attribute, message) => {
    const error = await rejection(userTaskWith(loop));
    expect(summary(error.problems)).toEqual([`multi-instance x ${attribute}`]);
    expect(error.problems[0]?.message).toMatch(message);
  });

  it('refuses a loopCardinality that does not parse, naming the attribute', async () => {
    const error = await rejection(userTaskWith(`<multiInstanceLoopCharacteristics><loopCardinality>\${1 +}</loopCardinality></multiInstanceLoopCharacteristics>`));
    expect(error.problems[0]).toMatchObject({ code: 'expression-syntax', elementId: 'x', attribute: 'loopCardinality' });
  });
});

describe('event sub-processes', () => {
  const withEventSubprocess = (inner: string, attributes = '') =>
    processXml(`
      <startEvent id="start" />
      <sequenceFlow id="f1" sourceRef="start" targetRef="work" />
      <userTask id="work" />
      <subProcess id="handler" triggeredByEvent="true" ${attributes}>${inner}</subProcess>`);

  it('lists the start events of the process\'s event sub-processes on the graph, and a sub-process\'s on the sub-process', async () => {
    const graph = await loadOne(
      definitions(`
      <error id="e" errorCode="E1" />
      <message id="m" name="inquiry" />
      <process id="p" isExecutable="true">
      <startEvent id="start" />
      <sequenceFlow id="f1" sourceRef="start" targetRef="sub" />
      <subProcess id="sub">
        <startEvent id="subStart" />
        <subProcess id="inner" triggeredByEvent="true">
          <startEvent id="onError"><errorEventDefinition errorRef="e" /></startEvent>
        </subProcess>
      </subProcess>
      <subProcess id="handler" triggeredByEvent="true">
        <startEvent id="onMessage" isInterrupting="false"><messageEventDefinition messageRef="m" /></startEvent>
      </subProcess>
      </process>`),
    );
    expect(graph.eventSubprocessStartIds).toEqual(['onMessage']);
    expect(graph.messageStartEventIds).toEqual([]);
    expect(graph.nodes.get('sub')!.eventSubprocessStartIds).toEqual(['onError']);
    expect(graph.nodes.get('handler')).toMatchObject({ triggeredByEvent: true, startEventId: 'onMessage' });
    expect(graph.nodes.get('onMessage')).toMatchObject({ interrupting: false });
    expect(graph.nodes.get('onError')).toMatchObject({ interrupting: true, error: { code: 'E1' } });
    expect(graph.startEventId).toBe('start');
  });

  it('refuses an event sub-process that starts with a none start event', async () => {
    const error = await rejection(withEventSubprocess(`<startEvent id="plain" />`));
    expect(summary(error.problems)).toEqual(['event-subprocess handler']);
    expect(error.problems[0]?.message).toMatch(/none start event 'plain'/);
  });

  it('refuses an event sub-process with two start events, or none', async () => {
    const two = await rejection(
      withEventSubprocess(`<startEvent id="a"><signalEventDefinition signalRef="s" /></startEvent><startEvent id="b"><signalEventDefinition signalRef="s" /></startEvent>`),
    );
    expect(two.problems.find((p) => p.code === 'event-subprocess')?.message).toMatch(/has 2 start events/);
    const none = await rejection(withEventSubprocess(`<userTask id="alone" />`));
    expect(none.problems.find((p) => p.code === 'event-subprocess')?.message).toMatch(/has 0 start events/);
  });

  it('refuses a non-interrupting error start event', async () => {
    const error = await rejection(withEventSubprocess(`<startEvent id="onError" isInterrupting="false"><errorEventDefinition /></startEvent>`));
    expect(error.problems[0]).toMatchObject({ code: 'event-subprocess', elementId: 'onError', attribute: 'isInterrupting' });
  });

  it('refuses sequence flows into an event sub-process and boundary events on it', async () => {
    const error = await rejection(
      processXml(`
      <startEvent id="start" />
      <sequenceFlow id="f1" sourceRef="start" targetRef="handler" />
      <subProcess id="handler" triggeredByEvent="true">
        <startEvent id="onSignal"><signalEventDefinition signalRef="s" /></startEvent>
      </subProcess>
      <boundaryEvent id="b" attachedToRef="handler"><timerEventDefinition><timeDuration>PT1H</timeDuration></timerEventDefinition></boundaryEvent>
      <signal id="s" name="stop" />`),
    );
    const messages = error.problems.filter((p) => p.code === 'event-subprocess').map((p) => p.message);
    expect(messages).toEqual([expect.stringMatching(/has sequence flows/), expect.stringMatching(/has boundary events \(b\)/)]);
  });

  it('refuses an error start event outside an event sub-process', async () => {
    const error = await rejection(processXml(`<startEvent id="start"><errorEventDefinition /></startEvent>`));
    expect(summary(error.problems)).toContain('unsupported-element start');
  });
});
