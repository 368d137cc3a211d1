/**
 * Feature: timer events. Timer intermediate catch events, timer boundary events (on tasks,
 * sub-processes and call activities, interrupting or not) and timer start events (top level of a
 * process) are built with their timeDate / timeDuration / timeCycle compiled; what cannot run is
 * refused at deploy, naming the element.
 */
import { loadModel } from '../../../engine/model/index.js';
import { between, loadOne, processXml, rejection, summary } from './bpmn-xml.js';

type Kind = 'date' | 'duration' | 'cycle';
const ELEMENT: Record<Kind, string> = { date: 'timeDate', duration: 'timeDuration', cycle: 'timeCycle' };
const SAMPLE: Record<Kind, string> = { date: '2026-03-02T09:00:00Z', duration: 'PT5M', cycle: 'R3/PT10H' };

const timerDef = (kind: Kind, text: string): string => `<timerEventDefinition><${ELEMENT[kind]}>${text}</${ELEMENT[kind]}></timerEventDefinition>`;
const WORKING = `<extensionElements><camunda:properties><camunda:property name="calendar" value="working" /></camunda:properties></extensionElements>`;

/** A process with the timer on an intermediate catch event 'x'. */
const catchXml = (definition: string, extra = ''): string =>
  between('x', 'x', `<intermediateCatchEvent id="x">${extra}${definition}</intermediateCatchEvent>`);

/** start → task → end, with boundary event 'x' on the task leading to 'late'. */
const boundaryXml = (definition: string, attributes = 'attachedToRef="task"', extra = ''): string =>
  processXml(`
    <startEvent id="start" />
    <sequenceFlow id="f1" sourceRef="start" targetRef="task" />
    <userTask id="task" />
    <sequenceFlow id="f2" sourceRef="task" targetRef="end" />
    <endEvent id="end" />
    <boundaryEvent id="x" ${attributes}>${extra}${definition}</boundaryEvent>
    <sequenceFlow id="f3" sourceRef="x" targetRef="late" />
    <endEvent id="late" />`);

/** A process started only by timer start event 'x'. */
const startXml = (definition: string, extra = ''): string =>
  processXml(`
    <startEvent id="x">${extra}${definition}</startEvent>
    <sequenceFlow id="f1" sourceRef="x" targetRef="end" />
    <endEvent id="end" />`);

const POSITIONS = [
  ['intermediateCatchEvent', catchXml],
  ['boundaryEvent', (d: string, extra = ''): string => boundaryXml(d, 'attachedToRef="task"', extra)],
  ['startEvent', startXml],
] as const;

describe('timer events are built', () => {
  describe.each(POSITIONS)('on a %s', (type, xml) => {
    it.each(['date', 'duration', 'cycle'] as const)('reads a literal time%s', async (kind) => {
      const graph = await loadOne(xml(timerDef(kind, SAMPLE[kind])));
      const node = graph.nodes.get('x');
      expect(node?.type).toBe(type);
      expect(node?.timer).toMatchObject({ kind, workingTime: false });
      expect(node?.timer?.expression.language).toBe('literal');
      expect(node?.timer?.expression.evaluate({})).toBe(SAMPLE[kind]);
      expect(node?.needsVariables).toBe(false);
      expect(Object.isFrozen(node?.timer)).toBe(true);
    });

    it('compiles a ${...} or =FEEL timer, which reads variables', async () => {
      const juel = (await loadOne(xml(timerDef('duration', '${wait}')))).nodes.get('x');
      expect(juel?.timer?.expression.language).toBe('juel');
      expect(juel?.timer?.expression.evaluate({ wait: 'PT1H' })).toBe('PT1H');
      expect(juel?.needsVariables).toBe(true);
      const feel = (await loadOne(xml(timerDef('date', '= due')))).nodes.get('x');
      expect(feel?.timer?.expression.language).toBe('feel');
      expect(feel?.timer?.expression.evaluate({ due: '2026-01-01' })).toBe('2026-01-01');
      expect(feel?.needsVariables).toBe(true);
    });

    it('marks working time with camunda:property calendar="working"', async () => {
      const node = (await loadOne(xml(timerDef('duration', 'P3D'), WORKING))).nodes.get('x');
      expect(node?.timer?.workingTime).toBe(true);
      expect(node?.properties).toEqual({ calendar: 'working' });
    });
  });

  it('trims the timer text', async () => {
    const graph = await loadOne(catchXml(timerDef('duration', '\n   PT5M\n  ')));
    expect(graph.nodes.get('x')?.timer?.expression.source).toBe('PT5M');
  });

  it('warns about another calendar value and counts calendar time', async () => {
    const model = await loadModel(
      catchXml(
        timerDef('duration', 'P3D'),
        `<extensionElements><camunda:properties><camunda:property name="calendar" value="Working" /></camunda:properties></extensionElements>`,
      ),
    );
    expect(summary(model.warnings)).toEqual(['timer-calendar x camunda:property']);
    expect(model.processes[0]?.nodes.get('x')?.timer?.workingTime).toBe(false);
  });

  it('reads the language attribute like a condition\'s: feel makes the body FEEL', async () => {
    const graph = await loadOne(
      catchXml(`<timerEventDefinition><timeDuration xsi:type="tFormalExpression" language="feel">wait</timeDuration></timerEventDefinition>`),
    );
    expect(graph.nodes.get('x')?.timer?.expression.evaluate({ wait: 'PT2M' })).toBe('PT2M');
  });

  it.each([
    ['date', '2026-03-02'],
    ['date', '2026-03-02T09:00'],
    ['date', '2036-11-14T11:12:22'],
    ['date', '2026-03-02T09:00:00.250+07:00'],
    ['date', '2024-02-29T00:00:00Z'],
    ['duration', 'P1DT12H'],
    ['duration', 'P2W'],
    ['duration', 'PT0.5S'],
    ['duration', 'P1Y2M3DT4H5M6S'],
    ['cycle', 'R/PT1H'],
    ['cycle', 'R2/PT5M'],
    ['cycle', 'R2/2026-03-02T09:00:00Z/P1W'],
  ] as const)('accepts the ISO 8601 %s %s', async (kind, text) => {
    const graph = await loadOne(catchXml(timerDef(kind, text)));
    expect(graph.nodes.get('x')?.timer?.kind).toBe(kind);
  });
});

describe('boundary events', () => {
  it('records the activity, cancelActivity (default true) and each activity\'s boundary events in document order', async () => {
    const graph = await loadOne(
      processXml(`
      <startEvent id="start" />
      <sequenceFlow id="f1" sourceRef="start" targetRef="task" />
      <userTask id="task" />
      <sequenceFlow id="f2" sourceRef="task" targetRef="end" />
      <endEvent id="end" />
      <boundaryEvent id="second" attachedToRef="task" cancelActivity="false">${timerDef('cycle', 'R/PT1H')}</boundaryEvent>
      <boundaryEvent id="first" attachedToRef="task">${timerDef('duration', 'PT2H')}</boundaryEvent>
      <sequenceFlow id="f3" sourceRef="first" targetRef="end" />
      <sequenceFlow id="f4" sourceRef="second" targetRef="remind" />
      <manualTask id="remind" />`),
    );
    expect(graph.nodes.get('task')?.boundaryEventIds).toEqual(['second', 'first']);
    expect(graph.nodes.get('first')).toMatchObject({ type: 'boundaryEvent', attachedToId: 'task', cancelActivity: true, scopeId: null });
    expect(graph.nodes.get('second')).toMatchObject({ attachedToId: 'task', cancelActivity: false, outgoing: ['f4'] });
    for (const id of ['start', 'end', 'first', 'second', 'remind']) expect(graph.nodes.get(id)?.boundaryEventIds).toEqual([]);
    expect(graph.nodes.get('start')?.attachedToId).toBeUndefined();
    expect(graph.nodes.get('task')?.cancelActivity).toBeUndefined();
    expect(Object.isFrozen(graph.nodes.get('task')?.boundaryEventIds)).toBe(true);
  });

  it.each([
    ['task', '<task id="act" />'],
    ['manualTask', '<manualTask id="act" />'],
    ['scriptTask', '<scriptTask id="act" scriptFormat="feel"><script>1</script></scriptTask>'],
    ['callActivity', '<callActivity id="act" calledElement="child" />'],
    ['subProcess', '<subProcess id="act"><startEvent id="inner" /></subProcess>'],
  ])('can be attached to a %s', async (_type, activity) => {
    const graph = await loadOne(
      processXml(`
      <startEvent id="start" />
      <sequenceFlow id="f1" sourceRef="start" targetRef="act" />
      ${activity}
      <boundaryEvent id="x" attachedToRef="act">${timerDef('duration', 'PT1M')}</boundaryEvent>
      <sequenceFlow id="f2" sourceRef="x" targetRef="end" />
      <endEvent id="end" />`),
    );
    expect(graph.nodes.get('act')?.boundaryEventIds).toEqual(['x']);
    expect(graph.nodes.get('x')?.attachedToId).toBe('act');
  });

  it('sits in the scope of its activity; a sub-process\'s children are not affected by its boundary events', async () => {
    const graph = await loadOne(
      processXml(`
      <startEvent id="start" />
      <sequenceFlow id="f1" sourceRef="start" targetRef="sub" />
      <subProcess id="sub">
        <startEvent id="subStart" />
        <sequenceFlow id="s1" sourceRef="subStart" targetRef="inner" />
        <userTask id="inner" />
        <boundaryEvent id="innerTimer" attachedToRef="inner">${timerDef('duration', 'PT1M')}</boundaryEvent>
      </subProcess>
      <boundaryEvent id="subTimer" attachedToRef="sub" cancelActivity="false">${timerDef('duration', 'PT1H')}</boundaryEvent>
      <sequenceFlow id="f2" sourceRef="subTimer" targetRef="end" />
      <endEvent id="end" />`),
    );
    expect(graph.nodes.get('sub')?.boundaryEventIds).toEqual(['subTimer']);
    expect(graph.nodes.get('subTimer')).toMatchObject({ scopeId: null, attachedToId: 'sub' });
    expect(graph.nodes.get('inner')?.boundaryEventIds).toEqual(['innerTimer']);
    expect(graph.nodes.get('innerTimer')?.scopeId).toBe('sub');
    expect(graph.nodes.get('subStart')?.boundaryEventIds).toEqual([]);
    expect(graph.nodes.get('sub')?.startEventId).toBe('subStart');
  });
});

describe('process start with timer start events', () => {
  it('starts a process with only timer start events by its timers: startEventId is empty', async () => {
    const graph = await loadOne(
      processXml(`
      <startEvent id="daily">${timerDef('cycle', 'R/P1D')}</startEvent>
      <startEvent id="once">${timerDef('date', '2026-03-02T09:00:00Z')}</startEvent>
      <sequenceFlow id="f1" sourceRef="daily" targetRef="work" />
      <sequenceFlow id="f2" sourceRef="once" targetRef="work" />
      <userTask id="work" />`),
    );
    expect(graph.startEventId).toBe('');
    expect(graph.timerStartEventIds).toEqual(['daily', 'once']);
    expect(Object.isFrozen(graph.timerStartEventIds)).toBe(true);
  });

  it('keeps the none start event next to timer start events', async () => {
    const graph = await loadOne(
      processXml(`
      <startEvent id="manual" />
      <startEvent id="timed">${timerDef('duration', 'PT1H')}</startEvent>
      <sequenceFlow id="f1" sourceRef="manual" targetRef="end" />
      <sequenceFlow id="f2" sourceRef="timed" targetRef="end" />
      <endEvent id="end" />`),
    );
    expect(graph.startEventId).toBe('manual');
    expect(graph.timerStartEventIds).toEqual(['timed']);
  });

  it('has no timer start events in a process without them', async () => {
    const graph = await loadOne(between('t', 't', '<userTask id="t" />'));
    expect(graph.timerStartEventIds).toEqual([]);
    expect(graph.startEventId).toBe('start');
  });

  it('still refuses several none start events, and a process with no start event at all', async () => {
    const several = await rejection(
      processXml(`
      <startEvent id="a" /><startEvent id="b" />
      <startEvent id="timed">${timerDef('duration', 'PT1H')}</startEvent>
      <sequenceFlow id="f1" sourceRef="a" targetRef="end" /><sequenceFlow id="f2" sourceRef="b" targetRef="end" />
      <sequenceFlow id="f3" sourceRef="timed" targetRef="end" />
      <endEvent id="end" />`),
    );
    expect(summary(several.problems)).toEqual(['start-event p']);
    const none = await rejection(processXml(`<userTask id="t" />`));
    expect(summary(none.problems)).toEqual(['start-event p']);
    expect(none.problems[0]?.message).toMatch(/no none start event and no timer, message or signal start event/);
  });

  it('does not count a timer start event with a refused timer as a none start event', async () => {
    const error = await rejection(
      processXml(`
      <startEvent id="manual" />
      <startEvent id="x">${timerDef('duration', 'soon')}</startEvent>
      <sequenceFlow id="f1" sourceRef="manual" targetRef="end" />
      <sequenceFlow id="f2" sourceRef="x" targetRef="end" />
      <endEvent id="end" />`),
    );
    expect(summary(error.problems)).toEqual(['timer-definition x timeDuration']);
  });

  it('refuses a timer start event with incoming flows', async () => {
    const error = await rejection(
      processXml(`
      <startEvent id="x">${timerDef('duration', 'PT1H')}</startEvent>
      <sequenceFlow id="f1" sourceRef="x" targetRef="t" />
      <userTask id="t" />
      <sequenceFlow id="back" sourceRef="t" targetRef="x" />`),
    );
    expect(summary(error.problems)).toEqual(['start-event x']);
  });

  it('refuses a timer start event inside an embedded sub-process (an event sub-process may start with one)', async () => {
    const error = await rejection(
      processXml(`
      <startEvent id="start" />
      <sequenceFlow id="f1" sourceRef="start" targetRef="sub" />
      <subProcess id="sub">
        <startEvent id="subStart" />
        <startEvent id="subTimer">${timerDef('duration', 'PT1H')}</startEvent>
      </subProcess>
      <subProcess id="events" triggeredByEvent="true">
        <startEvent id="eventTimer">${timerDef('duration', 'PT1H')}</startEvent>
      </subProcess>`),
    );
    expect(summary(error.problems)).toEqual(['unsupported-element subTimer']);
    expect(error.problems[0]?.message).toMatch(/startEvent 'subTimer': a timer start event inside a sub-process/);
  });
});

describe('timer definitions are checked at deploy', () => {
  it.each(POSITIONS)('refuses a %s timer without timeDate, timeDuration or timeCycle', async (_type, xml) => {
    const error = await rejection(xml('<timerEventDefinition />'));
    expect(summary(error.problems)).toEqual(['timer-definition x timerEventDefinition']);
    expect(error.problems[0]?.message).toMatch(/'x'.*none of timeDate, timeDuration and timeCycle/);
  });

  it('refuses a timer with more than one of timeDate, timeDuration, timeCycle', async () => {
    const error = await rejection(
      catchXml(`<timerEventDefinition><timeDuration>PT1H</timeDuration><timeCycle>R/PT1H</timeCycle></timerEventDefinition>`),
    );
    expect(summary(error.problems)).toEqual(['timer-definition x timerEventDefinition']);
    expect(error.problems[0]?.message).toContain('timeDuration and timeCycle');
  });

  it.each(['date', 'duration', 'cycle'] as const)('refuses an empty time%s', async (kind) => {
    const error = await rejection(boundaryXml(timerDef(kind, '  ')));
    expect(summary(error.problems)).toEqual([`timer-definition x ${ELEMENT[kind]}`]);
    expect(error.problems[0]?.message).toMatch(/'x'.*is empty/);
  });

  it.each([
    ['date', 'tomorrow', /not an ISO 8601 date-time/],
    ['date', '2026-02-30T09:00:00Z', /not an ISO 8601 date-time/],
    ['date', '2026-03-02T25:00:00Z', /not an ISO 8601 date-time/],
    ['date', 'PT5M', /not an ISO 8601 date-time/],
    ['duration', '5 minutes', /not an ISO 8601 duration/],
    ['duration', 'P', /not an ISO 8601 duration/],
    ['duration', 'PT', /not an ISO 8601 duration/],
    ['duration', 'PT5X', /not an ISO 8601 duration/],
    ['duration', '2026-03-02T09:00:00Z', /not an ISO 8601 duration/],
    ['cycle', 'PT1H', /not an ISO 8601 repeating interval/],
    ['cycle', 'R3/PT', /interval 'PT' that is not an ISO 8601 duration/],
    ['cycle', 'Rx/PT1H', /not an ISO 8601 repeating interval/],
    ['cycle', 'R3/soon/PT1H', /start 'soon' that is not an ISO 8601 date-time/],
    ['cycle', '0 0/5 * * * ?', /cron expression, which is not supported/],
    ['cycle', '0/2 * * * * ?', /cron expression, which is not supported/],
  ] as const)('refuses the %s text %j', async (kind, text, reason) => {
    for (const [, xml] of POSITIONS) {
      const error = await rejection(xml(timerDef(kind, text)));
      expect(summary(error.problems)).toEqual([`timer-definition x ${ELEMENT[kind]}`]);
      expect(error.problems[0]?.message).toContain(`'${text}'`);
      expect(error.problems[0]?.message).toMatch(reason);
    }
  });

  it('does not judge the value of an expression at deploy', async () => {
    const graph = await loadOne(catchXml(timerDef('cycle', '${cron}')));
    expect(graph.nodes.get('x')?.timer?.expression.evaluate({ cron: '0 0 * * * ?' })).toBe('0 0 * * * ?');
  });

  it('reports a timer expression that does not parse', async () => {
    const error = await rejection(boundaryXml(timerDef('duration', '${bean.wait()}')));
    expect(summary(error.problems)).toEqual(['expression-syntax x timeDuration']);
  });

  it('refuses a timer expression language other than FEEL or JUEL', async () => {
    const error = await rejection(
      catchXml(`<timerEventDefinition><timeDuration xsi:type="tFormalExpression" language="groovy">wait</timeDuration></timerEventDefinition>`),
    );
    expect(summary(error.problems)).toEqual(['unsupported-attribute x language']);
  });
});

describe('boundary events are checked at deploy', () => {
  const timer = timerDef('duration', 'PT1H');

  it('refuses a boundary event without attachedToRef', async () => {
    const error = await rejection(boundaryXml(timer, ''));
    expect(summary(error.problems)).toEqual(['boundary-event x attachedToRef']);
    expect(error.problems[0]?.message).toMatch(/boundaryEvent 'x' has no attachedToRef/);
  });

  it('reports an attachedToRef to no element once, as an unresolved reference', async () => {
    const error = await rejection(boundaryXml(timer, 'attachedToRef="ghost"'));
    expect(summary(error.problems)).toEqual(['unresolved-reference x attachedToRef']);
  });

  it.each([
    ['an end event', 'end', /attached to endEvent 'end'/],
    ['a start event', 'start', /attached to startEvent 'start'/],
    ['another boundary event', 'x', /attached to boundaryEvent 'x'/],
    ['a sequence flow', 'f1', /attachedToRef 'f1' is not an activity of this process/],
  ])('refuses a boundary event attached to %s', async (_what, ref, message) => {
    const error = await rejection(boundaryXml(timer, `attachedToRef="${ref}"`));
    expect(summary(error.problems)).toEqual(['boundary-event x attachedToRef']);
    expect(error.problems[0]?.message).toMatch(message);
  });

  it('refuses a boundary event attached to a gateway or an intermediate catch event', async () => {
    const error = await rejection(
      processXml(`
      <startEvent id="start" />
      <sequenceFlow id="f1" sourceRef="start" targetRef="gw" />
      <parallelGateway id="gw" />
      <sequenceFlow id="f2" sourceRef="gw" targetRef="wait" />
      <intermediateCatchEvent id="wait">${timer}</intermediateCatchEvent>
      <boundaryEvent id="onGateway" attachedToRef="gw">${timer}</boundaryEvent>
      <boundaryEvent id="onCatch" attachedToRef="wait">${timer}</boundaryEvent>`),
    );
    expect(summary(error.problems)).toEqual(['boundary-event onGateway attachedToRef', 'boundary-event onCatch attachedToRef']);
  });

  it('refuses a boundary event attached to an activity of another scope', async () => {
    const error = await rejection(
      processXml(`
      <startEvent id="start" />
      <sequenceFlow id="f1" sourceRef="start" targetRef="sub" />
      <subProcess id="sub">
        <startEvent id="subStart" />
        <sequenceFlow id="s1" sourceRef="subStart" targetRef="inner" />
        <userTask id="inner" />
      </subProcess>
      <boundaryEvent id="x" attachedToRef="inner">${timer}</boundaryEvent>`),
    );
    expect(summary(error.problems)).toEqual(['boundary-event x attachedToRef']);
    expect(error.problems[0]?.message).toMatch(/another \(sub-\)process/);
  });

  it('does not report a boundary event attached to an element that is already refused', async () => {
    const error = await rejection(
      processXml(`
      <startEvent id="start" />
      <sequenceFlow id="f1" sourceRef="start" targetRef="service" />
      <serviceTask id="service" />
      <boundaryEvent id="x" attachedToRef="service">${timer}</boundaryEvent>`),
    );
    expect(summary(error.problems)).toEqual(['unsupported-element service']);
  });

  it('refuses a boundary event with incoming sequence flows', async () => {
    const error = await rejection(
      processXml(`
      <startEvent id="start" />
      <sequenceFlow id="f1" sourceRef="start" targetRef="task" />
      <userTask id="task" />
      <sequenceFlow id="f2" sourceRef="task" targetRef="x" />
      <boundaryEvent id="x" attachedToRef="task">${timer}</boundaryEvent>`),
    );
    expect(summary(error.problems)).toEqual(['boundary-event x']);
    expect(error.problems[0]?.message).toContain('f2');
  });

  it.each(['compensateEventDefinition'])('refuses a boundary event with a %s', async (definition) => {
    const error = await rejection(boundaryXml(`<${definition} />`));
    expect(summary(error.problems)).toEqual(['unsupported-element x']);
    expect(error.problems[0]?.message).toMatch(new RegExp(`boundaryEvent 'x'.*${definition}.*not supported`));
  });

  it('refuses a boundary event with a conditionalEventDefinition', async () => {
    const error = await rejection(
      boundaryXml(`<conditionalEventDefinition><condition xsi:type="tFormalExpression">\${x}</condition></conditionalEventDefinition>`),
    );
    expect(summary(error.problems)).toEqual(['unsupported-element x']);
    expect(error.problems[0]?.message).toContain('conditionalEventDefinition');
  });

  it('refuses a boundary event with a timer and another definition, and one without any', async () => {
    const both = await rejection(boundaryXml(`${timer}<messageEventDefinition />`));
    expect(summary(both.problems)).toEqual(['unsupported-element x']);
    expect(both.problems[0]?.message).toContain('timerEventDefinition + messageEventDefinition');
    const none = await rejection(boundaryXml(''));
    expect(summary(none.problems)).toEqual(['unsupported-element x']);
    expect(none.problems[0]?.message).toContain('without an event definition');
  });

  it.each([
    ['linkEventDefinition', '<linkEventDefinition name="l" />'],
    ['conditionalEventDefinition', '<conditionalEventDefinition><condition xsi:type="tFormalExpression">${x}</condition></conditionalEventDefinition>'],
  ])('refuses an intermediate catch event with a %s', async (definition, xml) => {
    const error = await rejection(catchXml(xml));
    expect(summary(error.problems)).toEqual(['unsupported-element x']);
    expect(error.problems[0]?.message).toMatch(new RegExp(`intermediateCatchEvent 'x'.*${definition}.*not supported`));
  });
});

describe('reachability with boundary and timer start events', () => {
  const MODEL = processXml(`
    <startEvent id="start" />
    <sequenceFlow id="f1" sourceRef="start" targetRef="split" />
    <inclusiveGateway id="split" />
    <sequenceFlow id="f2" sourceRef="split" targetRef="task"><conditionExpression xsi:type="tFormalExpression">\${a}</conditionExpression></sequenceFlow>
    <sequenceFlow id="f3" sourceRef="split" targetRef="other"><conditionExpression xsi:type="tFormalExpression">\${b}</conditionExpression></sequenceFlow>
    <userTask id="task" />
    <sequenceFlow id="f4" sourceRef="task" targetRef="done" />
    <endEvent id="done" />
    <boundaryEvent id="late" attachedToRef="task" cancelActivity="false">${timerDef('duration', 'PT1H')}</boundaryEvent>
    <sequenceFlow id="f5" sourceRef="late" targetRef="escalate" />
    <userTask id="escalate" />
    <sequenceFlow id="f6" sourceRef="escalate" targetRef="join" />
    <userTask id="other" />
    <sequenceFlow id="f7" sourceRef="other" targetRef="join" />
    <inclusiveGateway id="join" />
    <sequenceFlow id="f8" sourceRef="join" targetRef="end" />
    <endEvent id="end" />`);

  it('goes on from an activity through its boundary events', async () => {
    const graph = await loadOne(MODEL);
    const reach = (id: string): string[] => [...(graph.reachable.get(id) ?? [])].sort();
    expect(reach('task')).toEqual(['done', 'end', 'escalate', 'join', 'late']);
    expect(reach('late')).toEqual(['end', 'escalate', 'join']);
    expect(reach('start')).toContain('escalate');
    expect(reach('escalate')).toEqual(['end', 'join']);
  });

  it('goes from a sub-process to its boundary events at the outer level only', async () => {
    const graph = await loadOne(
      processXml(`
      <startEvent id="start" />
      <sequenceFlow id="f1" sourceRef="start" targetRef="sub" />
      <subProcess id="sub">
        <startEvent id="subStart" />
        <sequenceFlow id="s1" sourceRef="subStart" targetRef="inner" />
        <userTask id="inner" />
      </subProcess>
      <boundaryEvent id="subTimer" attachedToRef="sub">${timerDef('duration', 'PT1H')}</boundaryEvent>
      <sequenceFlow id="f2" sourceRef="subTimer" targetRef="end" />
      <endEvent id="end" />`),
    );
    expect([...(graph.reachable.get('sub') ?? [])].sort()).toEqual(['end', 'subTimer']);
    expect([...(graph.reachable.get('subStart') ?? [])]).toEqual(['inner']);
  });

  it('does not call boundary events, their paths or timer start events unreachable', async () => {
    const model = await loadModel(MODEL);
    expect(summary(model.warnings)).toEqual([]);
    const timerOnly = await loadModel(
      processXml(`
      <startEvent id="t1">${timerDef('duration', 'PT1H')}</startEvent>
      <startEvent id="t2">${timerDef('duration', 'PT2H')}</startEvent>
      <sequenceFlow id="f1" sourceRef="t1" targetRef="a" />
      <sequenceFlow id="f2" sourceRef="t2" targetRef="b" />
      <userTask id="a" /><userTask id="b" /><userTask id="orphan" />`),
    );
    expect(summary(timerOnly.warnings)).toEqual(['unreachable orphan']);
    expect(timerOnly.warnings[0]?.message).toContain("start events 't1', 't2'");
  });

  it('warns about an unreachable activity, not about its boundary event', async () => {
    const model = await loadModel(
      processXml(`
      <startEvent id="start" />
      <sequenceFlow id="f1" sourceRef="start" targetRef="end" />
      <endEvent id="end" />
      <userTask id="lonely" />
      <boundaryEvent id="x" attachedToRef="lonely">${timerDef('duration', 'PT1H')}</boundaryEvent>`),
    );
    expect(summary(model.warnings)).toEqual(['unreachable lonely']);
  });
});
