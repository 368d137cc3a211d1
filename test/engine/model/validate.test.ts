/**
 * Feature: structural checks at deploy. Every problem is collected, each names the element.
 */
import { loadModel } from '../../../engine/model/index.js';
import { loadOne, processXml, rejection, summary } from './bpmn-xml.js';

const cond = (text: string): string => `<conditionExpression xsi:type="tFormalExpression">${text}</conditionExpression>`;

function gateway(kind: 'exclusiveGateway' | 'inclusiveGateway', flows: string, extra = ''): string {
  return processXml(`
    <startEvent id="start" />
    <sequenceFlow id="f0" sourceRef="start" targetRef="gw" />
    <${kind} id="gw" ${extra} />
    ${flows}
    <userTask id="a" /><userTask id="b" /><userTask id="c" />`);
}

describe('gateway conditions', () => {
  it.each(['exclusiveGateway', 'inclusiveGateway'] as const)(
    'a diverging %s with no condition on any outgoing flow and no default is rejected',
    async (kind) => {
      const error = await rejection(
        gateway(
          kind,
          `<sequenceFlow id="fa" sourceRef="gw" targetRef="a" />
           <sequenceFlow id="fb" sourceRef="gw" targetRef="b" />
           <sequenceFlow sourceRef="gw" targetRef="c" />`,
        ),
      );
      expect(summary(error.problems)).toEqual(['missing-condition gw']);
      expect(error.problems[0]?.message).toContain(`${kind} 'gw'`);
      expect(error.problems[0]?.message).toContain('flow:gw->c#1');
    },
  );

  it.each(['exclusiveGateway', 'inclusiveGateway'] as const)(
    'a diverging %s with some conditions takes a flow without one as always true, with a warning (Camunda 7)',
    async (kind) => {
      const model = await loadModel(
        gateway(
          kind,
          `<sequenceFlow id="fa" sourceRef="gw" targetRef="a">${cond('${x == 1}')}</sequenceFlow>
           <sequenceFlow id="fb" sourceRef="gw" targetRef="b" />
           <sequenceFlow sourceRef="gw" targetRef="c" />`,
        ),
      );
      expect(model.warnings.filter((w) => w.code === 'unconditioned-flow').map((w) => w.elementId)).toEqual(['fb', 'flow:gw->c#1']);
    },
  );

  it('accepts a default flow without a condition and a gateway with one unconditional flow', async () => {
    await expect(
      loadModel(
        gateway(
          'exclusiveGateway',
          `<sequenceFlow id="fa" sourceRef="gw" targetRef="a">${cond('${x == 1}')}</sequenceFlow>
           <sequenceFlow id="fb" sourceRef="gw" targetRef="b" />`,
          'default="fb"',
        ),
      ),
    ).resolves.toMatchObject({ warnings: [expect.objectContaining({ code: 'unreachable', elementId: 'c' })] });
    await expect(loadModel(gateway('exclusiveGateway', `<sequenceFlow id="fa" sourceRef="gw" targetRef="a" />`))).resolves.toBeDefined();
  });

  it('warns when the default flow has a condition', async () => {
    const model = await loadModel(
      gateway(
        'exclusiveGateway',
        `<sequenceFlow id="fa" sourceRef="gw" targetRef="a">${cond('${x == 1}')}</sequenceFlow>
         <sequenceFlow id="fb" sourceRef="gw" targetRef="b">${cond('${x == 2}')}</sequenceFlow>
         <sequenceFlow id="fc" sourceRef="gw" targetRef="c">${cond('${x == 3}')}</sequenceFlow>`,
        'default="fb"',
      ),
    );
    expect(model.warnings).toEqual([expect.objectContaining({ code: 'default-flow-condition', elementId: 'fb' })]);
  });

  it('rejects a default that is not an outgoing flow of the gateway', async () => {
    const error = await rejection(
      gateway('exclusiveGateway', `<sequenceFlow id="fa" sourceRef="gw" targetRef="a" />`, 'default="f0"'),
    );
    expect(summary(error.problems)).toEqual(['invalid-default-flow gw default']);
  });

  it('reads FEEL conditions with language="feel" and detects the language otherwise', async () => {
    const graph = await loadOne(
      gateway(
        'inclusiveGateway',
        `<sequenceFlow id="fa" sourceRef="gw" targetRef="a"><conditionExpression xsi:type="tFormalExpression" language="feel">x &gt; 1</conditionExpression></sequenceFlow>
         <sequenceFlow id="fb" sourceRef="gw" targetRef="b">${cond('  ${x &gt; 2}  ')}</sequenceFlow>
         <sequenceFlow id="fc" sourceRef="gw" targetRef="c">${cond('= x &gt; 3')}</sequenceFlow>`,
      ),
    );
    const conditions = ['fa', 'fb', 'fc'].map((id) => graph.flows.get(id)?.condition);
    expect(conditions.map((c) => c?.language)).toEqual(['feel', 'juel', 'feel']);
    expect(conditions.map((c) => c?.evaluate({ x: 2.5 }))).toEqual([true, true, false]);
  });

  it('reports a condition that does not parse (not also as missing) and refuses script languages', async () => {
    const error = await rejection(
      gateway(
        'exclusiveGateway',
        `<sequenceFlow id="fa" sourceRef="gw" targetRef="a">${cond('${x ==}')}</sequenceFlow>
         <sequenceFlow id="fb" sourceRef="gw" targetRef="b"><conditionExpression xsi:type="tFormalExpression" language="javascript">x == 1</conditionExpression></sequenceFlow>
         <sequenceFlow id="fc" sourceRef="gw" targetRef="c">${cond('just text')}</sequenceFlow>`,
      ),
    );
    expect(summary(error.problems)).toEqual([
      'expression-syntax fa conditionExpression',
      'unsupported-attribute fb language',
      'expression-syntax fc conditionExpression',
    ]);
    expect(error.problems[0]?.message).toContain("sequenceFlow 'fa'");
  });
});

describe('start events, end events and dead ends', () => {
  it('requires exactly one none start event in the process and in each sub-process', async () => {
    const error = await rejection(
      processXml(`
      <startEvent id="s1" /><startEvent id="s2" />
      <sequenceFlow id="f1" sourceRef="s1" targetRef="sub" />
      <sequenceFlow id="f2" sourceRef="s2" targetRef="sub" />
      <subProcess id="sub"><userTask id="inside" /></subProcess>`),
    );
    expect(summary(error.problems)).toEqual(['start-event p', 'start-event sub']);
    expect(error.problems[0]?.message).toMatch(/2 none start events \('s1', 's2'\)/);
    const none = await rejection(processXml(`<userTask id="t" />`));
    expect(summary(none.problems)).toEqual(['start-event p']);
  });

  it('accepts an element without outgoing flows as an implicit end', async () => {
    const graph = await loadOne(processXml(`<startEvent id="s" /><sequenceFlow id="f" sourceRef="s" targetRef="t" /><userTask id="t" />`));
    expect(graph.nodes.get('t')?.outgoing).toEqual([]);
  });

  it('rejects a start event with incoming and an end event with outgoing flows; a gateway without outgoing flows is warned about', async () => {
    const error = await rejection(
      processXml(`
      <startEvent id="s" />
      <sequenceFlow id="f1" sourceRef="s" targetRef="gw" />
      <parallelGateway id="gw" />
      <endEvent id="e" />
      <sequenceFlow id="back" sourceRef="e" targetRef="s" />`),
    );
    expect(summary(error.problems)).toEqual(['start-event s', 'end-event e']);
    expect(error.warnings.map((w) => `${w.code} ${w.elementId}`)).toContain('gateway-without-outgoing gw');
  });

  it('warns about nodes no path from the start event reaches, once per unreachable sub-process', async () => {
    const model = await loadModel(
      processXml(`
      <startEvent id="s" />
      <sequenceFlow id="f1" sourceRef="s" targetRef="e" />
      <endEvent id="e" />
      <userTask id="orphan" />
      <sequenceFlow id="f2" sourceRef="orphan" targetRef="orphanSub" />
      <subProcess id="orphanSub"><startEvent id="is" /><sequenceFlow id="f3" sourceRef="is" targetRef="it" /><userTask id="it" /></subProcess>`),
    );
    expect(summary(model.warnings)).toEqual(['unreachable orphan', 'unreachable orphanSub']);
  });
});

describe('collecting every problem', () => {
  it('reports all problems of a model at once, each with its element id', async () => {
    const error = await rejection(
      processXml(`
      <startEvent id="start" />
      <sequenceFlow id="f1" sourceRef="start" targetRef="svc" />
      <serviceTask id="svc" camunda:class="org.example.Send" />
      <sequenceFlow id="f2" sourceRef="svc" targetRef="gw" />
      <exclusiveGateway id="gw" />
      <sequenceFlow id="f3" sourceRef="gw" targetRef="t1" />
      <sequenceFlow id="f4" sourceRef="gw" targetRef="t2" />
      <userTask id="t1" camunda:assignee="\${broken(}" />
      <userTask id="t2" />
      <callActivity id="call" />`),
    );
    expect(summary(error.problems)).toEqual([
      'unsupported-attribute svc camunda:class',
      'unsupported-element svc',
      'expression-syntax t1 camunda:assignee',
      'missing-called-element call calledElement',
      'missing-condition gw',
    ]);
    for (const problem of error.problems) expect(problem.message).toContain(problem.elementId);
    expect(error.message).toMatch(/^Invalid BPMN model \(5 problems\): svc: /);
  });
});
