/**
 * Feature: reachability sets, used by the inclusive gateway join. Within one scope, following
 * sequence flows; a sub-process stands for everything inside it at the outer level.
 */
import { loadOne, processXml } from './bpmn-xml.js';

const MODEL = processXml(`
  <startEvent id="start" />
  <sequenceFlow id="f1" sourceRef="start" targetRef="split" />
  <inclusiveGateway id="split" />
  <sequenceFlow id="f2" sourceRef="split" targetRef="a"><conditionExpression xsi:type="tFormalExpression">\${x &gt; 1}</conditionExpression></sequenceFlow>
  <sequenceFlow id="f3" sourceRef="split" targetRef="sub"><conditionExpression xsi:type="tFormalExpression">=x &lt; 5</conditionExpression></sequenceFlow>
  <userTask id="a" />
  <sequenceFlow id="f4" sourceRef="a" targetRef="join" />
  <subProcess id="sub">
    <startEvent id="subStart" />
    <sequenceFlow id="s1" sourceRef="subStart" targetRef="loop" />
    <exclusiveGateway id="loop" />
    <sequenceFlow id="s2" sourceRef="loop" targetRef="work" />
    <userTask id="work" />
    <sequenceFlow id="s3" sourceRef="work" targetRef="check" />
    <exclusiveGateway id="check" default="s5" />
    <sequenceFlow id="s4" sourceRef="check" targetRef="loop"><conditionExpression xsi:type="tFormalExpression">\${again}</conditionExpression></sequenceFlow>
    <sequenceFlow id="s5" sourceRef="check" targetRef="subEnd" />
    <endEvent id="subEnd" />
  </subProcess>
  <sequenceFlow id="f5" sourceRef="sub" targetRef="join" />
  <inclusiveGateway id="join" />
  <sequenceFlow id="f6" sourceRef="join" targetRef="end" />
  <endEvent id="end" />`);

describe('reachable sets', () => {
  it('follows sequence flows within the scope and stops at the sub-process boundary', async () => {
    const graph = await loadOne(MODEL);
    const reach = (id: string): string[] => [...(graph.reachable.get(id) ?? [])].sort();
    expect(reach('start')).toEqual(['a', 'end', 'join', 'split', 'sub']);
    expect(reach('a')).toEqual(['end', 'join']);
    expect(reach('sub')).toEqual(['end', 'join']);
    expect(reach('end')).toEqual([]);
  });

  it('computes sets inside a sub-process for its own scope, including the node itself on a cycle', async () => {
    const graph = await loadOne(MODEL);
    const reach = (id: string): string[] => [...(graph.reachable.get(id) ?? [])].sort();
    expect(reach('subStart')).toEqual(['check', 'loop', 'subEnd', 'work']);
    expect(reach('work')).toEqual(['check', 'loop', 'subEnd', 'work']);
    expect(reach('subEnd')).toEqual([]);
  });

  it('has a set for every node', async () => {
    const graph = await loadOne(MODEL);
    expect([...graph.reachable.keys()].sort()).toEqual([...graph.nodes.keys()].sort());
  });
});
