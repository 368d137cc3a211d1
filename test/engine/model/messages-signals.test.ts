/**
 * Feature: message and signal events and receive tasks. Message and signal start events (top level
 * of a process), intermediate catch events, boundary events (on tasks, receive tasks, sub-processes
 * and call activities, interrupting or not), signal intermediate throw events and receive tasks are
 * built with the message / signal name (the <message> / <signal> element's name, compiled) and the
 * message's correlation key (camunda:property correlationKey). What cannot run is refused at deploy,
 * naming the element.
 */
import { loadModel, type ProcessGraph } from '../../../engine/model/index.js';
import { normalizeXml } from '../../../engine/model/xml-normalize.js';
import { definitions, loadOne, rejection, summary } from './bpmn-xml.js';

/** The <message> and <signal> elements every test document declares. */
const ROOTS = `
  <message id="m1" name="dossierReceived" />
  <message id="m2" name="paymentDone" />
  <message id="mExpr" name="reply-\${code}" />
  <message id="mBad" name="reply-\${code" />
  <message id="mNameless" />
  <message id="mBlank" name="  " />
  <signal id="s1" name="deadlineChanged" />
  <signal id="s2" name="alert" />
  <signal id="sExpr" name="alert-\${region}" />
  <signal id="sNameless" />`;

/** One executable process 'p' with the given content, next to ROOTS. */
const doc = (body: string): string => definitions(`${ROOTS}\n<process id="p" isExecutable="true">\n${body}\n</process>`);

const message = (ref?: string): string => (ref === undefined ? '<messageEventDefinition />' : `<messageEventDefinition messageRef="${ref}" />`);
const signal = (ref?: string): string => (ref === undefined ? '<signalEventDefinition />' : `<signalEventDefinition signalRef="${ref}" />`);
const props = (entries: Record<string, string>): string =>
  `<extensionElements><camunda:properties>${Object.entries(entries)
    .map(([name, value]) => `<camunda:property name="${name}" value="${value}" />`)
    .join('')}</camunda:properties></extensionElements>`;
const key = (value: string): string => props({ correlationKey: value });

/** start → x → end, x being the given element. */
const around = (element: string): string =>
  doc(`
    <startEvent id="start" />
    <sequenceFlow id="f1" sourceRef="start" targetRef="x" />
    ${element}
    <sequenceFlow id="f2" sourceRef="x" targetRef="end" />
    <endEvent id="end" />`);

/** start → task → end, with boundary event 'x' (the given definition) on the task leading to 'late'. */
const onBoundary = (definition: string, extra = '', attributes = 'attachedToRef="task"'): string =>
  doc(`
    <startEvent id="start" />
    <sequenceFlow id="f1" sourceRef="start" targetRef="task" />
    <userTask id="task" />
    <sequenceFlow id="f2" sourceRef="task" targetRef="end" />
    <endEvent id="end" />
    <boundaryEvent id="x" ${attributes}>${extra}${definition}</boundaryEvent>
    <sequenceFlow id="f3" sourceRef="x" targetRef="late" />
    <endEvent id="late" />`);

/** A process started only by start event 'x' (the given definition). */
const onStart = (definition: string, extra = ''): string =>
  doc(`
    <startEvent id="x">${extra}${definition}</startEvent>
    <sequenceFlow id="f1" sourceRef="x" targetRef="end" />
    <endEvent id="end" />`);

const onCatch = (definition: string, extra = ''): string => around(`<intermediateCatchEvent id="x">${extra}${definition}</intermediateCatchEvent>`);

/** The positions of a message, each given the messageRef (undefined: none) and extension elements. */
const MESSAGE_POSITIONS = [
  ['intermediateCatchEvent', (ref?: string, extra = ''): string => onCatch(message(ref), extra)],
  ['boundaryEvent', (ref?: string, extra = ''): string => onBoundary(message(ref), extra)],
  ['startEvent', (ref?: string, extra = ''): string => onStart(message(ref), extra)],
  ['receiveTask', (ref?: string, extra = ''): string => around(`<receiveTask id="x"${ref === undefined ? '' : ` messageRef="${ref}"`}>${extra}</receiveTask>`)],
] as const;

const SIGNAL_POSITIONS = [
  ['intermediateCatchEvent', (ref?: string, extra = ''): string => onCatch(signal(ref), extra)],
  ['boundaryEvent', (ref?: string, extra = ''): string => onBoundary(signal(ref), extra)],
  ['startEvent', (ref?: string, extra = ''): string => onStart(signal(ref), extra)],
  ['intermediateThrowEvent', (ref?: string, extra = ''): string => around(`<intermediateThrowEvent id="x">${extra}${signal(ref)}</intermediateThrowEvent>`)],
] as const;

const node = (graph: ProcessGraph, id = 'x') => graph.nodes.get(id);

describe('message events and receive tasks are built', () => {
  describe.each(MESSAGE_POSITIONS)('on a %s', (type, xml) => {
    it('reads the message name from the <message> messageRef names, as a literal', async () => {
      const x = node(await loadOne(xml('m1')));
      expect(x?.type).toBe(type);
      expect(x?.message?.name.language).toBe('literal');
      expect(x?.message?.name.evaluate({})).toBe('dossierReceived');
      expect(x?.message?.correlationKey).toBeUndefined();
      expect(x?.signal).toBeUndefined();
      expect(x?.timer).toBeUndefined();
      expect(x?.needsVariables).toBe(false);
      expect(Object.isFrozen(x?.message)).toBe(true);
    });

    it('refuses a missing messageRef', async () => {
      const error = await rejection(xml(undefined));
      expect(summary(error.problems)).toEqual(['message-definition x messageRef']);
      expect(error.problems[0]?.message).toMatch(new RegExp(`${type} 'x'.*has no messageRef`));
    });

    it.each([
      ['no name', 'mNameless', /message 'mNameless' has no name/],
      ['a blank name', 'mBlank', /message 'mBlank' has no name/],
      ['a signal', 's1', /messageRef 's1' is a signal, not a <message>/],
    ])('refuses a messageRef to a message with %s', async (_what, ref, reason) => {
      const error = await rejection(xml(ref));
      expect(summary(error.problems)).toEqual(['message-definition x messageRef']);
      expect(error.problems[0]?.message).toMatch(reason);
    });

    it('reports a messageRef to no element once, as an unresolved reference', async () => {
      const error = await rejection(xml('ghost'));
      expect(summary(error.problems)).toEqual(['unresolved-reference x messageRef']);
    });

    it('reports a message name that does not parse', async () => {
      const error = await rejection(xml('mBad'));
      expect(summary(error.problems)).toEqual(['expression-syntax x messageRef']);
    });
  });

  describe.each(MESSAGE_POSITIONS.filter(([type]) => type !== 'startEvent'))('on a %s', (_type, xml) => {
    it('compiles a ${...} message name, which reads variables', async () => {
      const x = node(await loadOne(xml('mExpr')));
      expect(x?.message?.name.language).toBe('juel');
      expect(x?.message?.name.evaluate({ code: 'HS-1' })).toBe('reply-HS-1');
      expect(x?.needsVariables).toBe(true);
    });

    it('compiles the correlation key (camunda:property correlationKey)', async () => {
      const x = node(await loadOne(xml('m1', key('${dossierCode}'))));
      expect(x?.message?.correlationKey?.language).toBe('juel');
      expect(x?.message?.correlationKey?.evaluate({ dossierCode: 'HS-7' })).toBe('HS-7');
      expect(x?.needsVariables).toBe(true);
      expect(x?.properties).toEqual({ correlationKey: '${dossierCode}' });
    });

    it('keeps a literal correlation key literal: no variables needed', async () => {
      const x = node(await loadOne(xml('m1', key(' fixed-key '))));
      expect(x?.message?.correlationKey?.language).toBe('literal');
      expect(x?.message?.correlationKey?.evaluate({})).toBe('fixed-key');
      expect(x?.needsVariables).toBe(false);
    });

    it('refuses an empty correlation key and reports one that does not parse', async () => {
      const empty = await rejection(xml('m1', key('  ')));
      expect(summary(empty.problems)).toEqual(['message-definition x correlationKey']);
      expect(empty.problems[0]?.message).toMatch(/correlationKey is empty/);
      const bad = await rejection(xml('m1', key('${code')));
      expect(summary(bad.problems)).toEqual(['expression-syntax x correlationKey']);
    });
  });

  it('builds an interrupting and a non-interrupting message boundary event', async () => {
    const graph = await loadOne(
      doc(`
      <startEvent id="start" />
      <sequenceFlow id="f1" sourceRef="start" targetRef="task" />
      <userTask id="task" />
      <sequenceFlow id="f2" sourceRef="task" targetRef="end" />
      <endEvent id="end" />
      <boundaryEvent id="cancel" attachedToRef="task">${message('m1')}</boundaryEvent>
      <boundaryEvent id="remind" attachedToRef="task" cancelActivity="false">${message('m2')}</boundaryEvent>
      <sequenceFlow id="f3" sourceRef="cancel" targetRef="end" />
      <sequenceFlow id="f4" sourceRef="remind" targetRef="end" />`),
    );
    expect(node(graph, 'task')?.boundaryEventIds).toEqual(['cancel', 'remind']);
    expect(node(graph, 'cancel')).toMatchObject({ type: 'boundaryEvent', attachedToId: 'task', cancelActivity: true });
    expect(node(graph, 'remind')).toMatchObject({ attachedToId: 'task', cancelActivity: false });
    expect(node(graph, 'remind')?.message?.name.evaluate({})).toBe('paymentDone');
  });

  it('refuses a correlation key on a message start event: there is nothing to correlate with', async () => {
    const error = await rejection(onStart(message('m1'), key('${dossierCode}')));
    expect(summary(error.problems)).toEqual(['message-definition x correlationKey']);
    expect(error.problems[0]?.message).toMatch(/message start event starts a new instance/);
  });

  it('refuses an expression in a message start event name', async () => {
    const error = await rejection(onStart(message('mExpr')));
    expect(summary(error.problems)).toEqual(['message-definition x messageRef']);
    expect(error.problems[0]?.message).toMatch(/startEvent 'x'.*'reply-\$\{code\}' is an expression; a start event's message name must be plain text/);
  });

  it('resolves a messageRef written as a QName with the target namespace prefix (tns:m1), as Camunda 7 does', async () => {
    const xml = definitions(`
      <message id="m1" name="dossierReceived" />
      <process id="p" isExecutable="true">
        <startEvent id="x"><messageEventDefinition messageRef="tns:m1" /></startEvent>
        <sequenceFlow id="f1" sourceRef="x" targetRef="end" />
        <endEvent id="end" />
      </process>`).replace('targetNamespace="http://example.org/test"', 'xmlns:tns="http://example.org/test" targetNamespace="http://example.org/test"');
    const graph = await loadOne(xml);
    expect(node(graph)?.message?.name.evaluate({})).toBe('dossierReceived');
    // A prefix bound to another namespace is not the document's: the reference stays unresolved.
    const other = await rejection(xml.replace('xmlns:tns="http://example.org/test"', 'xmlns:tns="http://example.org/other"'));
    expect(summary(other.problems)).toEqual(['unresolved-reference x messageRef']);
  });

  it('drops the target namespace prefix of messageRef and signalRef only, keeping columns', () => {
    const xml = '<definitions xmlns:t="urn:x" targetNamespace="urn:x"><a messageRef="t:m" signalRef=\'t:s\' sourceRef="t:f" /></definitions>';
    expect(normalizeXml(xml)).toBe('<definitions xmlns:t="urn:x" targetNamespace="urn:x"><a messageRef="m"   signalRef=\'s\'   sourceRef="t:f" /></definitions>');
    expect(normalizeXml(xml).length).toBe(xml.length);
  });
});

describe('signal events are built', () => {
  describe.each(SIGNAL_POSITIONS)('on a %s', (type, xml) => {
    it('reads the signal name from the <signal> signalRef names, as a literal', async () => {
      const x = node(await loadOne(xml('s1')));
      expect(x?.type).toBe(type);
      expect(x?.signal?.name.language).toBe('literal');
      expect(x?.signal?.name.evaluate({})).toBe('deadlineChanged');
      expect(x?.message).toBeUndefined();
      expect(x?.needsVariables).toBe(false);
      expect(Object.isFrozen(x?.signal)).toBe(true);
    });

    it('refuses a missing signalRef', async () => {
      const error = await rejection(xml(undefined));
      expect(summary(error.problems)).toEqual(['signal-definition x signalRef']);
      expect(error.problems[0]?.message).toMatch(new RegExp(`${type} 'x': its signalEventDefinition has no signalRef`));
    });

    it.each([
      ['no name', 'sNameless', /signal 'sNameless' has no name/],
      ['a message', 'm1', /signalRef 'm1' is a message, not a <signal>/],
    ])('refuses a signalRef to a signal with %s', async (_what, ref, reason) => {
      const error = await rejection(xml(ref));
      expect(summary(error.problems)).toEqual(['signal-definition x signalRef']);
      expect(error.problems[0]?.message).toMatch(reason);
    });

    it('reports a signalRef to no element once, as an unresolved reference', async () => {
      const error = await rejection(xml('ghost'));
      expect(summary(error.problems)).toEqual(['unresolved-reference x signalRef']);
    });

    it('warns that a correlation key on a signal event is ignored', async () => {
      const model = await loadModel(xml('s1', key('${dossierCode}')));
      expect(summary(model.warnings)).toEqual(['ignored-attribute x correlationKey']);
      expect(model.processes[0]?.nodes.get('x')?.needsVariables).toBe(false);
    });
  });

  describe.each(SIGNAL_POSITIONS.filter(([type]) => type !== 'startEvent'))('on a %s', (_type, xml) => {
    it('compiles a ${...} signal name, which reads variables', async () => {
      const x = node(await loadOne(xml('sExpr')));
      expect(x?.signal?.name.language).toBe('juel');
      expect(x?.signal?.name.evaluate({ region: 'north' })).toBe('alert-north');
      expect(x?.needsVariables).toBe(true);
    });
  });

  it('refuses an expression in a signal start event name', async () => {
    const error = await rejection(onStart(signal('sExpr')));
    expect(summary(error.problems)).toEqual(['signal-definition x signalRef']);
    expect(error.problems[0]?.message).toMatch(/signal name must be plain text/);
  });

  it('refuses a signal payload (camunda:in on the signalEventDefinition) and warns about camunda:async', async () => {
    const payload = await rejection(
      around(
        `<intermediateThrowEvent id="x"><signalEventDefinition signalRef="s1"><extensionElements><camunda:in source="a" target="b" /></extensionElements></signalEventDefinition></intermediateThrowEvent>`,
      ),
    );
    expect(summary(payload.problems)).toEqual(['unsupported-attribute x camunda:in']);
    expect(payload.problems[0]?.message).toMatch(/signal payload/);
    const asynchronous = await loadModel(around(`<intermediateThrowEvent id="x"><signalEventDefinition signalRef="s1" camunda:async="true" /></intermediateThrowEvent>`));
    expect(summary(asynchronous.warnings)).toEqual(['ignored-attribute x camunda:async']);
  });
});

describe('receive tasks', () => {
  it('carry timer, message and signal boundary events, and lead to them', async () => {
    const model = await loadModel(
      doc(`
      <startEvent id="start" />
      <sequenceFlow id="f1" sourceRef="start" targetRef="wait" />
      <receiveTask id="wait" messageRef="m1" camunda:asyncBefore="true" />
      <sequenceFlow id="f2" sourceRef="wait" targetRef="end" />
      <endEvent id="end" />
      <boundaryEvent id="late" attachedToRef="wait"><timerEventDefinition><timeDuration>P3D</timeDuration></timerEventDefinition></boundaryEvent>
      <boundaryEvent id="paid" attachedToRef="wait" cancelActivity="false">${message('m2')}</boundaryEvent>
      <boundaryEvent id="alert" attachedToRef="wait">${signal('s2')}</boundaryEvent>
      <sequenceFlow id="f3" sourceRef="late" targetRef="remind" />
      <userTask id="remind" />
      <sequenceFlow id="f4" sourceRef="paid" targetRef="end" />
      <sequenceFlow id="f5" sourceRef="alert" targetRef="end" />`),
    );
    const graph = model.processes[0] as ProcessGraph;
    expect(node(graph, 'wait')?.boundaryEventIds).toEqual(['late', 'paid', 'alert']);
    expect(node(graph, 'paid')).toMatchObject({ attachedToId: 'wait', cancelActivity: false });
    expect([...(graph.reachable.get('wait') ?? [])].sort()).toEqual(['alert', 'end', 'late', 'paid', 'remind']);
    // camunda:asyncBefore keeps its existing handling; nothing is unreachable.
    expect(summary(model.warnings)).toEqual(['ignored-attribute wait camunda:asyncBefore']);
  });

  it('refuses instantiate="true": a receive task does not start the process', async () => {
    const error = await rejection(around(`<receiveTask id="x" messageRef="m1" instantiate="true" />`));
    expect(summary(error.problems)).toEqual(['unsupported-attribute x instantiate']);
  });

  it('refuses Java delegates on a messageEventDefinition', async () => {
    const error = await rejection(onCatch(`<messageEventDefinition messageRef="m1" camunda:class="org.example.Send" />`));
    expect(summary(error.problems)).toEqual(['unsupported-attribute x camunda:class']);
  });
});

describe('process start with message and signal start events', () => {
  it('lists the start events by kind; with no none start event, startEventId is empty', async () => {
    const graph = await loadOne(
      doc(`
      <startEvent id="byMessage">${message('m1')}</startEvent>
      <startEvent id="byPayment">${message('m2')}</startEvent>
      <startEvent id="bySignal">${signal('s1')}</startEvent>
      <startEvent id="daily"><timerEventDefinition><timeCycle>R/P1D</timeCycle></timerEventDefinition></startEvent>
      <sequenceFlow id="f1" sourceRef="byMessage" targetRef="work" />
      <sequenceFlow id="f2" sourceRef="byPayment" targetRef="work" />
      <sequenceFlow id="f3" sourceRef="bySignal" targetRef="work" />
      <sequenceFlow id="f4" sourceRef="daily" targetRef="work" />
      <userTask id="work" />`),
    );
    expect(graph.startEventId).toBe('');
    expect(graph.messageStartEventIds).toEqual(['byMessage', 'byPayment']);
    expect(graph.signalStartEventIds).toEqual(['bySignal']);
    expect(graph.timerStartEventIds).toEqual(['daily']);
    expect(Object.isFrozen(graph.messageStartEventIds)).toBe(true);
    expect(Object.isFrozen(graph.signalStartEventIds)).toBe(true);
  });

  it('keeps the none start event next to message and signal start events', async () => {
    const graph = await loadOne(
      doc(`
      <startEvent id="manual" />
      <startEvent id="byMessage">${message('m1')}</startEvent>
      <startEvent id="bySignal">${signal('s1')}</startEvent>
      <sequenceFlow id="f1" sourceRef="manual" targetRef="end" />
      <sequenceFlow id="f2" sourceRef="byMessage" targetRef="end" />
      <sequenceFlow id="f3" sourceRef="bySignal" targetRef="end" />
      <endEvent id="end" />`),
    );
    expect(graph.startEventId).toBe('manual');
    expect(graph.messageStartEventIds).toEqual(['byMessage']);
    expect(graph.signalStartEventIds).toEqual(['bySignal']);
  });

  it('has empty lists in a process without them', async () => {
    const graph = await loadOne(around('<userTask id="x" />'));
    expect(graph.messageStartEventIds).toEqual([]);
    expect(graph.signalStartEventIds).toEqual([]);
  });

  it('still refuses several none start events next to message start events', async () => {
    const error = await rejection(
      doc(`
      <startEvent id="a" /><startEvent id="b" />
      <startEvent id="byMessage">${message('m1')}</startEvent>
      <sequenceFlow id="f1" sourceRef="a" targetRef="end" /><sequenceFlow id="f2" sourceRef="b" targetRef="end" />
      <sequenceFlow id="f3" sourceRef="byMessage" targetRef="end" />
      <endEvent id="end" />`),
    );
    expect(summary(error.problems)).toEqual(['start-event p']);
  });

  it('does not count a message or signal start event with a refused definition as a none start event', async () => {
    const error = await rejection(
      doc(`
      <startEvent id="manual" />
      <startEvent id="m">${message()}</startEvent>
      <startEvent id="s">${signal('sNameless')}</startEvent>
      <sequenceFlow id="f1" sourceRef="manual" targetRef="end" />
      <sequenceFlow id="f2" sourceRef="m" targetRef="end" />
      <sequenceFlow id="f3" sourceRef="s" targetRef="end" />
      <endEvent id="end" />`),
    );
    expect(summary(error.problems)).toEqual(['message-definition m messageRef', 'signal-definition s signalRef']);
  });

  it('refuses a message or signal start event with incoming flows', async () => {
    const error = await rejection(
      doc(`
      <startEvent id="x">${message('m1')}</startEvent>
      <startEvent id="y">${signal('s1')}</startEvent>
      <sequenceFlow id="f1" sourceRef="x" targetRef="t" />
      <sequenceFlow id="f2" sourceRef="y" targetRef="t" />
      <userTask id="t" />
      <sequenceFlow id="back" sourceRef="t" targetRef="x" />
      <sequenceFlow id="back2" sourceRef="t" targetRef="y" />`),
    );
    expect(summary(error.problems)).toEqual(['start-event x', 'start-event y']);
  });

  it('refuses a message or signal start event inside an embedded sub-process (an event sub-process may start with one)', async () => {
    const error = await rejection(
      doc(`
      <startEvent id="start" />
      <sequenceFlow id="f1" sourceRef="start" targetRef="sub" />
      <subProcess id="sub">
        <startEvent id="subStart" />
        <startEvent id="subMessage">${message('m1')}</startEvent>
        <startEvent id="subSignal">${signal('s1')}</startEvent>
      </subProcess>
      <subProcess id="events" triggeredByEvent="true">
        <startEvent id="eventMessage">${message('m2')}</startEvent>
      </subProcess>`),
    );
    expect(summary(error.problems)).toEqual(['unsupported-element subMessage', 'unsupported-element subSignal']);
    expect(error.problems[0]?.message).toMatch(/startEvent 'subMessage': a message start event inside a sub-process/);
    expect(error.problems[1]?.message).toMatch(/startEvent 'subSignal': a signal start event inside a sub-process/);
  });
});

describe('one message or signal name waits once per place', () => {
  it('refuses two message start events with the same message name (different <message> elements too)', async () => {
    const error = await rejection(
      definitions(`
      <message id="a" name="newInvoice" /><message id="b" name="newInvoice" />
      <process id="p" isExecutable="true">
        <startEvent id="first">${message('a')}</startEvent>
        <startEvent id="second">${message('b')}</startEvent>
        <sequenceFlow id="f1" sourceRef="first" targetRef="end" />
        <sequenceFlow id="f2" sourceRef="second" targetRef="end" />
        <endEvent id="end" />
      </process>`),
    );
    expect(summary(error.problems)).toEqual(['message-definition second messageRef']);
    expect(error.problems[0]?.message).toMatch(/startEvent 'second' waits for the message 'newInvoice', as startEvent 'first' already does in process 'p'/);
  });

  it('refuses two signal start events with the same signal', async () => {
    const error = await rejection(
      doc(`
      <startEvent id="first">${signal('s1')}</startEvent>
      <startEvent id="second">${signal('s1')}</startEvent>
      <sequenceFlow id="f1" sourceRef="first" targetRef="end" />
      <sequenceFlow id="f2" sourceRef="second" targetRef="end" />
      <endEvent id="end" />`),
    );
    expect(summary(error.problems)).toEqual(['signal-definition second signalRef']);
  });

  it('refuses two boundary events on one activity, or a receive task and its boundary event, waiting for the same message', async () => {
    const error = await rejection(
      doc(`
      <startEvent id="start" />
      <sequenceFlow id="f1" sourceRef="start" targetRef="task" />
      <userTask id="task" />
      <sequenceFlow id="f2" sourceRef="task" targetRef="wait" />
      <receiveTask id="wait" messageRef="m1" />
      <boundaryEvent id="one" attachedToRef="task">${message('m2')}</boundaryEvent>
      <boundaryEvent id="two" attachedToRef="task" cancelActivity="false">${message('m2')}</boundaryEvent>
      <boundaryEvent id="again" attachedToRef="wait">${message('m1')}</boundaryEvent>
      <sequenceFlow id="f3" sourceRef="one" targetRef="end" />
      <sequenceFlow id="f4" sourceRef="two" targetRef="end" />
      <sequenceFlow id="f5" sourceRef="again" targetRef="end" />
      <sequenceFlow id="f6" sourceRef="wait" targetRef="end" />
      <endEvent id="end" />`),
    );
    expect(summary(error.problems)).toEqual(['message-definition two messageRef', 'message-definition again messageRef']);
    expect(error.problems[0]?.message).toMatch(/as boundaryEvent 'one' already does on userTask 'task'/);
    expect(error.problems[1]?.message).toMatch(/as receiveTask 'wait' already does on receiveTask 'wait'/);
  });

  it('accepts the same name in different places, a message and a signal of one name, and expression names', async () => {
    const model = await loadModel(
      definitions(`
      <message id="m" name="same" /><signal id="s" name="same" /><message id="e" name="\${n}" />
      <process id="p" isExecutable="true">
        <startEvent id="byMessage">${message('m')}</startEvent>
        <startEvent id="bySignal">${signal('s')}</startEvent>
        <sequenceFlow id="f1" sourceRef="byMessage" targetRef="a" />
        <sequenceFlow id="f2" sourceRef="bySignal" targetRef="a" />
        <userTask id="a" />
        <sequenceFlow id="f3" sourceRef="a" targetRef="catch" />
        <intermediateCatchEvent id="catch">${message('m')}</intermediateCatchEvent>
        <sequenceFlow id="f4" sourceRef="catch" targetRef="b" />
        <userTask id="b" />
        <boundaryEvent id="onA" attachedToRef="a">${message('m')}</boundaryEvent>
        <boundaryEvent id="onB" attachedToRef="b">${message('m')}</boundaryEvent>
        <boundaryEvent id="signalOnB" attachedToRef="b">${signal('s')}</boundaryEvent>
        <boundaryEvent id="expr1" attachedToRef="b">${message('e')}</boundaryEvent>
        <boundaryEvent id="expr2" attachedToRef="b">${message('e')}</boundaryEvent>
      </process>`),
    );
    expect(model.processes[0]?.messageStartEventIds).toEqual(['byMessage']);
  });
});

describe('boundary events with a message or signal are checked like timer ones', () => {
  it.each([
    ['a gateway', '<parallelGateway id="act" />', /attached to parallelGateway 'act'/],
    ['a message catch event', `<intermediateCatchEvent id="act">${message('m2')}</intermediateCatchEvent>`, /attached to intermediateCatchEvent 'act'/],
    ['a signal throw event', `<intermediateThrowEvent id="act">${signal('s2')}</intermediateThrowEvent>`, /attached to intermediateThrowEvent 'act'/],
  ])('refuses one attached to %s', async (_what, element, reason) => {
    for (const definition of [message('m1'), signal('s1')]) {
      const error = await rejection(
        doc(`
        <startEvent id="start" />
        <sequenceFlow id="f1" sourceRef="start" targetRef="act" />
        ${element}
        <boundaryEvent id="x" attachedToRef="act">${definition}</boundaryEvent>`),
      );
      expect(summary(error.problems)).toEqual(['boundary-event x attachedToRef']);
      expect(error.problems[0]?.message).toMatch(reason);
      expect(error.problems[0]?.message).toContain('receiveTask');
    }
  });

  it.each([
    ['subProcess', '<subProcess id="act"><startEvent id="inner" /></subProcess>'],
    ['callActivity', '<callActivity id="act" calledElement="child" />'],
    ['receiveTask', '<receiveTask id="act" messageRef="m2" />'],
  ])('can attach to a %s', async (_type, element) => {
    const graph = await loadOne(
      doc(`
      <startEvent id="start" />
      <sequenceFlow id="f1" sourceRef="start" targetRef="act" />
      ${element}
      <boundaryEvent id="x" attachedToRef="act">${signal('s1')}</boundaryEvent>
      <boundaryEvent id="y" attachedToRef="act" cancelActivity="false">${message('m1')}</boundaryEvent>`),
    );
    expect(node(graph, 'act')?.boundaryEventIds).toEqual(['x', 'y']);
  });

  it('refuses one without attachedToRef and one with incoming flows', async () => {
    const detached = await rejection(onBoundary(message('m1'), '', ''));
    expect(summary(detached.problems)).toEqual(['boundary-event x attachedToRef']);
    const entered = await rejection(
      doc(`
      <startEvent id="start" />
      <sequenceFlow id="f1" sourceRef="start" targetRef="task" />
      <userTask id="task" />
      <sequenceFlow id="f2" sourceRef="task" targetRef="x" />
      <boundaryEvent id="x" attachedToRef="task">${signal('s1')}</boundaryEvent>`),
    );
    expect(summary(entered.problems)).toEqual(['boundary-event x']);
  });
});

describe('what still cannot run is refused, naming the element and the definition', () => {
  it.each([
    ['message intermediate throw event', '<intermediateThrowEvent id="x"><messageEventDefinition messageRef="m1" /></intermediateThrowEvent>', /intermediateThrowEvent with messageEventDefinition \(sending a message needs a send implementation/],
    ['message end event', '<endEvent id="x"><messageEventDefinition messageRef="m1" /></endEvent>', /endEvent with messageEventDefinition \(sending a message/],
    ['signal end event', '<endEvent id="x"><signalEventDefinition signalRef="s1" /></endEvent>', /endEvent with signalEventDefinition \(throw the signal with a signal intermediate throw event/],
    ['compensation end event', '<endEvent id="x"><compensateEventDefinition /></endEvent>', /endEvent with compensateEventDefinition/],
    ['link throw event', '<intermediateThrowEvent id="x"><linkEventDefinition name="l" /></intermediateThrowEvent>', /intermediateThrowEvent with linkEventDefinition/],
    ['compensation throw event', '<intermediateThrowEvent id="x"><compensateEventDefinition /></intermediateThrowEvent>', /intermediateThrowEvent with compensateEventDefinition/],
    ['conditional catch event', '<intermediateCatchEvent id="x"><conditionalEventDefinition><condition xsi:type="tFormalExpression">${a}</condition></conditionalEventDefinition></intermediateCatchEvent>', /intermediateCatchEvent with conditionalEventDefinition/],
    ['link catch event', '<intermediateCatchEvent id="x"><linkEventDefinition name="l" /></intermediateCatchEvent>', /intermediateCatchEvent with linkEventDefinition/],
    ['catch event with a message and a signal', '<intermediateCatchEvent id="x"><messageEventDefinition messageRef="m1" /><signalEventDefinition signalRef="s1" /></intermediateCatchEvent>', /messageEventDefinition \+ signalEventDefinition/],
    ['send task', '<sendTask id="x" />', /sendTask/],
  ])('refuses a %s', async (_what, element, reason) => {
    const error = await rejection(around(element));
    expect(summary(error.problems)).toEqual(['unsupported-element x']);
    expect(error.problems[0]?.message).toMatch(reason);
    expect(error.problems[0]?.message).toContain("'x'");
  });

  it.each([
    ['error', '<errorEventDefinition />', false],
    ['escalation', '<escalationEventDefinition />', false],
    ['compensation', '<compensateEventDefinition />', true],
    ['conditional', '<conditionalEventDefinition><condition xsi:type="tFormalExpression">${a}</condition></conditionalEventDefinition>', true],
  ])('refuses a start event (and, for %s, a boundary event too when %s) with that definition', async (_what, definition, onBoundaryToo) => {
    for (const xml of onBoundaryToo ? [onBoundary(definition), onStart(definition)] : [onStart(definition)]) {
      const error = await rejection(xml);
      expect(summary(error.problems).filter((s) => s !== 'start-event p')).toEqual(['unsupported-element x']);
    }
  });

  it('refuses a message boundary event with a timer too', async () => {
    const error = await rejection(onBoundary(`${message('m1')}<timerEventDefinition><timeDuration>PT1H</timeDuration></timerEventDefinition>`));
    expect(summary(error.problems)).toEqual(['unsupported-element x']);
    expect(error.problems[0]?.message).toContain('messageEventDefinition + timerEventDefinition');
  });
});

describe('reachability with message and signal events', () => {
  it('counts message and signal start events as starts', async () => {
    const model = await loadModel(
      doc(`
      <startEvent id="m">${message('m1')}</startEvent>
      <startEvent id="s">${signal('s1')}</startEvent>
      <sequenceFlow id="f1" sourceRef="m" targetRef="a" />
      <sequenceFlow id="f2" sourceRef="s" targetRef="b" />
      <userTask id="a" /><userTask id="b" /><userTask id="orphan" />`),
    );
    expect(summary(model.warnings)).toEqual(['unreachable orphan']);
    expect(model.warnings[0]?.message).toContain("start events 'm', 's'");
  });

  it('goes on through message and signal boundary events; does not call them unreachable', async () => {
    const model = await loadModel(
      doc(`
      <startEvent id="start" />
      <sequenceFlow id="f1" sourceRef="start" targetRef="task" />
      <userTask id="task" />
      <sequenceFlow id="f2" sourceRef="task" targetRef="end" />
      <endEvent id="end" />
      <boundaryEvent id="bm" attachedToRef="task">${message('m1')}</boundaryEvent>
      <boundaryEvent id="bs" attachedToRef="task" cancelActivity="false">${signal('s1')}</boundaryEvent>
      <sequenceFlow id="f3" sourceRef="bm" targetRef="afterMessage" />
      <sequenceFlow id="f4" sourceRef="bs" targetRef="afterSignal" />
      <userTask id="afterMessage" /><userTask id="afterSignal" />
      <userTask id="lonely" />
      <boundaryEvent id="lonelyMessage" attachedToRef="lonely">${message('m2')}</boundaryEvent>`),
    );
    expect(summary(model.warnings)).toEqual(['unreachable lonely']);
    const graph = model.processes[0] as ProcessGraph;
    expect([...(graph.reachable.get('task') ?? [])].sort()).toEqual(['afterMessage', 'afterSignal', 'bm', 'bs', 'end']);
  });
});

describe('the Camunda 7 contract of the engine', () => {
  it('loads a signal thrown and caught in one document, with needsVariables false for literal names', async () => {
    const model = await loadModel(
      doc(`
      <startEvent id="start" />
      <sequenceFlow id="f1" sourceRef="start" targetRef="fork" />
      <parallelGateway id="fork" />
      <sequenceFlow id="f2" sourceRef="fork" targetRef="throw" />
      <sequenceFlow id="f3" sourceRef="fork" targetRef="catch" />
      <intermediateThrowEvent id="throw" name="Alert">${signal('s2')}</intermediateThrowEvent>
      <intermediateCatchEvent id="catch">${signal('s2')}</intermediateCatchEvent>
      <sequenceFlow id="f4" sourceRef="throw" targetRef="join" />
      <sequenceFlow id="f5" sourceRef="catch" targetRef="join" />
      <parallelGateway id="join" />
      <sequenceFlow id="f6" sourceRef="join" targetRef="end" />
      <endEvent id="end" />`),
    );
    const graph = model.processes[0] as ProcessGraph;
    expect(node(graph, 'throw')).toMatchObject({ type: 'intermediateThrowEvent', name: 'Alert', needsVariables: false });
    expect(node(graph, 'throw')?.signal?.name.evaluate({})).toBe('alert');
    expect(node(graph, 'catch')?.signal?.name.evaluate({})).toBe('alert');
    expect(model.warnings).toEqual([]);
  });
});
