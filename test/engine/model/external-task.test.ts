/**
 * Feature: service tasks run as external tasks (camunda:type="external" with camunda:topic); every
 * other kind of service task is refused by name.
 */
import { between, loadOne, rejection, summary } from './bpmn-xml.js';

describe('external service tasks', () => {
  it('loads an external task with its topic, which may be an expression', async () => {
    const graph = await loadOne(between('x', 'x', '<serviceTask id="x" camunda:type="external" camunda:topic="${topicOf}" />'));
    expect(graph.nodes.get('x')).toMatchObject({ type: 'serviceTask', needsVariables: true });
    expect(graph.nodes.get('x')?.externalTopic?.evaluate({ topicOf: 'tax' })).toBe('tax');
  });

  it('refuses an external task without a topic, and service tasks of other kinds', async () => {
    const noTopic = await rejection(between('x', 'x', '<serviceTask id="x" camunda:type="external" />'));
    expect(summary(noTopic.problems)).toEqual(['external-task x camunda:topic']);
    const javaClass = await rejection(between('x', 'x', '<serviceTask id="x" camunda:class="vn.Tax" />'));
    expect(summary(javaClass.problems)).toEqual(expect.arrayContaining(['unsupported-attribute x camunda:class', 'unsupported-element x']));
    const connector = await rejection(between('x', 'x', '<serviceTask id="x" camunda:type="connector" />'));
    expect(connector.problems[0]!.message).toContain('only external tasks run here');
  });
});
