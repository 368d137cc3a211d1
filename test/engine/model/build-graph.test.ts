/**
 * Feature: building the executable graph.
 * Scenario names say what is built; each uses a small inline model.
 */
import { loadModel } from '../../../engine/model/index.js';
import { definitions, loadOne, processXml, rejection, summary } from './bpmn-xml.js';

const FORK_JOIN_WITHOUT_IDS = processXml(`
  <startEvent id="start" />
  <sequenceFlow id="f1" sourceRef="start" targetRef="fork" />
  <parallelGateway id="fork" />
  <sequenceFlow sourceRef="fork" targetRef="a" />
  <sequenceFlow sourceRef="fork" targetRef="b" />
  <sequenceFlow sourceRef="fork" targetRef="b" />
  <userTask id="a" />
  <sequenceFlow sourceRef="a" targetRef="join" />
  <userTask id="b" />
  <sequenceFlow sourceRef="b" targetRef="join" />
  <parallelGateway id="join" />
  <sequenceFlow sourceRef="join" targetRef="end" />
  <endEvent id="end" />`);

describe('building the graph', () => {
  it('loads sequence flows without an id, with generated ids "flow:<source>-><target>#<n>"', async () => {
    const graph = await loadOne(FORK_JOIN_WITHOUT_IDS);
    expect([...graph.flows.keys()]).toEqual([
      'f1',
      'flow:fork->a#1',
      'flow:fork->b#1',
      'flow:fork->b#2',
      'flow:a->join#1',
      'flow:b->join#1',
      'flow:join->end#1',
    ]);
    expect(graph.flows.get('flow:fork->b#2')).toMatchObject({ sourceId: 'fork', targetId: 'b', scopeId: null });
  });

  it('computes incoming and outgoing flows from sourceRef/targetRef in document order', async () => {
    const graph = await loadOne(FORK_JOIN_WITHOUT_IDS);
    expect(graph.nodes.get('fork')).toMatchObject({
      type: 'parallelGateway',
      incoming: ['f1'],
      outgoing: ['flow:fork->a#1', 'flow:fork->b#1', 'flow:fork->b#2'],
    });
    expect(graph.nodes.get('join')?.incoming).toEqual(['flow:a->join#1', 'flow:b->join#1']);
    expect(graph.startEventId).toBe('start');
    expect(graph.id).toBe('p');
  });

  it('ignores the <incoming>/<outgoing> children and trusts the flows', async () => {
    const graph = await loadOne(
      processXml(`
      <startEvent id="start"><outgoing>f2</outgoing><outgoing>f1</outgoing><outgoing>gone</outgoing></startEvent>
      <sequenceFlow id="f1" sourceRef="start" targetRef="end" />
      <sequenceFlow id="f2" sourceRef="start" targetRef="end" />
      <endEvent id="end"><incoming>f2</incoming></endEvent>`),
    );
    expect(graph.nodes.get('start')?.outgoing).toEqual(['f1', 'f2']);
    expect(graph.nodes.get('end')?.incoming).toEqual(['f1', 'f2']);
    const model = await loadModel(
      processXml(`<startEvent id="start"><outgoing>gone</outgoing></startEvent><sequenceFlow id="f1" sourceRef="start" targetRef="end" /><endEvent id="end" />`),
    );
    expect(summary(model.warnings)).toEqual(['unresolved-reference start outgoing']);
  });

  it('records each node\'s scope: null at the process level, the sub-process id inside one', async () => {
    const graph = await loadOne(
      processXml(`
      <startEvent id="start" />
      <sequenceFlow id="f1" sourceRef="start" targetRef="sub" />
      <subProcess id="sub">
        <startEvent id="subStart" />
        <sequenceFlow id="s1" sourceRef="subStart" targetRef="inner" />
        <subProcess id="inner">
          <startEvent id="innerStart" />
          <sequenceFlow id="i1" sourceRef="innerStart" targetRef="innerTask" />
          <userTask id="innerTask" />
        </subProcess>
      </subProcess>
      <sequenceFlow id="f2" sourceRef="sub" targetRef="end" />
      <endEvent id="end" />`),
    );
    expect(graph.nodes.get('sub')).toMatchObject({ scopeId: null, startEventId: 'subStart', type: 'subProcess' });
    expect(graph.nodes.get('inner')).toMatchObject({ scopeId: 'sub', startEventId: 'innerStart' });
    expect(graph.nodes.get('innerTask')?.scopeId).toBe('inner');
    expect(graph.flows.get('i1')?.scopeId).toBe('inner');
    expect(graph.startEventId).toBe('start');
  });

  it('refuses a sequence flow that crosses a sub-process boundary', async () => {
    const error = await rejection(
      processXml(`
      <startEvent id="start" />
      <sequenceFlow id="f1" sourceRef="start" targetRef="sub" />
      <subProcess id="sub">
        <startEvent id="subStart" />
        <sequenceFlow id="s1" sourceRef="subStart" targetRef="inside" />
        <userTask id="inside" />
      </subProcess>
      <sequenceFlow id="jump" sourceRef="inside" targetRef="end" />
      <endEvent id="end" />`),
    );
    expect(summary(error.problems)).toEqual(['invalid-flow jump sourceRef']);
  });

  it('reads camunda:properties as a name → value record', async () => {
    const graph = await loadOne(
      processXml(`
      <startEvent id="start" />
      <sequenceFlow id="f1" sourceRef="start" targetRef="t" />
      <userTask id="t">
        <extensionElements>
          <camunda:properties>
            <camunda:property name="status" value="RECEIVED" />
            <camunda:property name="empty" />
          </camunda:properties>
        </extensionElements>
      </userTask>`),
    );
    expect(graph.nodes.get('t')?.properties).toEqual({ status: 'RECEIVED', empty: '' });
    expect(graph.nodes.get('start')?.properties).toEqual({});
  });

  it('compiles a name with ${} into nameExpression and keeps a plain name as text', async () => {
    const graph = await loadOne(
      processXml(`
      <startEvent id="start" name="Start" />
      <sequenceFlow id="f1" sourceRef="start" targetRef="t" />
      <userTask id="t" name="Review \${dossierCode}" />`),
    );
    const task = graph.nodes.get('t');
    expect(task?.name).toBe('Review ${dossierCode}');
    expect(task?.nameExpression?.evaluate({ dossierCode: 'HS-1' })).toBe('Review HS-1');
    expect(task?.needsVariables).toBe(true);
    expect(graph.nodes.get('start')).toMatchObject({ name: 'Start', needsVariables: false });
    expect(graph.nodes.get('start')?.nameExpression).toBeUndefined();
  });

  it('marks nodes that evaluate expressions (needsVariables)', async () => {
    const graph = await loadOne(
      processXml(`
      <startEvent id="start" />
      <sequenceFlow id="f1" sourceRef="start" targetRef="gw" />
      <exclusiveGateway id="gw" default="f3" />
      <sequenceFlow id="f2" sourceRef="gw" targetRef="literal"><conditionExpression xsi:type="tFormalExpression">\${amount > 10}</conditionExpression></sequenceFlow>
      <sequenceFlow id="f3" sourceRef="gw" targetRef="dynamic" />
      <userTask id="literal" camunda:assignee="demo" camunda:candidateGroups="clerks" />
      <userTask id="dynamic" camunda:assignee="\${officer}" />
      <manualTask id="plain" />`),
    );
    expect(graph.nodes.get('start')?.needsVariables).toBe(false);
    expect(graph.nodes.get('gw')?.needsVariables).toBe(true);
    expect(graph.nodes.get('literal')?.needsVariables).toBe(false);
    expect(graph.nodes.get('dynamic')?.needsVariables).toBe(true);
    expect(graph.nodes.get('plain')?.needsVariables).toBe(false);
    expect(graph.nodes.get('gw')?.defaultFlowId).toBe('f3');
  });

  it('marks a terminate end event', async () => {
    const graph = await loadOne(
      processXml(`
      <startEvent id="start" />
      <sequenceFlow id="f1" sourceRef="start" targetRef="end" />
      <endEvent id="end"><terminateEventDefinition /></endEvent>`),
    );
    expect(graph.nodes.get('end')).toMatchObject({ type: 'endEvent', terminate: true });
  });

  it('produces an immutable graph', async () => {
    const graph = await loadOne(FORK_JOIN_WITHOUT_IDS);
    const node = graph.nodes.get('fork');
    expect(Object.isFrozen(node)).toBe(true);
    expect(Object.isFrozen(node?.outgoing)).toBe(true);
    expect(Object.isFrozen(graph.flows.get('f1'))).toBe(true);
  });
});

describe('executable processes', () => {
  const SIMPLE = `<startEvent id="s" /><sequenceFlow id="sf" sourceRef="s" targetRef="e" /><endEvent id="e" />`;

  it('treats a process without isExecutable as executable, as Camunda 7 does', async () => {
    const model = await loadModel(definitions(`<process id="noAttribute">${SIMPLE}</process>`));
    expect(model.processes.map((p) => p.id)).toEqual(['noAttribute']);
  });

  it('builds one graph per executable process and skips isExecutable="false"', async () => {
    const model = await loadModel(
      definitions(`
      <process id="one" isExecutable="true" name="First">${SIMPLE}</process>
      <process id="notRun" isExecutable="false"><userTask id="x" camunda:class="ignored.Because.NotExecutable" /></process>
      <process id="two" isExecutable="true">${SIMPLE.replace(/id="s/g, 'id="s2').replace(/"s"/g, '"s2"').replace(/id="e"/, 'id="e2"').replace(/"e"/g, '"e2"')}</process>`),
    );
    expect(model.processes.map((p) => p.id)).toEqual(['one', 'two']);
    expect(model.processes[0]?.name).toBe('First');
    // Problems inside the documentation-only process are warnings.
    expect(summary(model.warnings)).toEqual(['unsupported-attribute x camunda:class']);
  });

  it('rejects a document without an executable process', async () => {
    const error = await rejection(definitions(`<process id="p" isExecutable="false">${SIMPLE}</process>`));
    expect(summary(error.problems)).toEqual(['no-executable-process defs']);
    const empty = await rejection(definitions(''));
    expect(empty.problems[0]?.message).toMatch(/contains no process/);
  });
});
