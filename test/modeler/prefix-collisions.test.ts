/**
 * The renaming of a prefix that a document binds to another namespace than the editor's package of
 * the same prefix (editor/prefix-collisions.ts): names keep their namespace, nothing else changes.
 */
import { renameCollidingPrefixes } from '../../modeler/src/editor/prefix-collisions.js';

const PACKAGES = [
  { prefix: 'bpmn', uri: 'http://www.omg.org/spec/BPMN/20100524/MODEL' },
  { prefix: 'camunda', uri: 'http://camunda.org/schema/1.0/bpmn' },
];

test('a prefix bound to another namespace is renamed in declarations, element and attribute names', () => {
  const xml = `<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://activiti.org/bpmn" xmlns:camunda_1="urn:taken">
  <userTask id="t" camunda:assignee="demo" camunda:formKey="camunda:form"><extensionElements><camunda:field name="x"><camunda:string>v</camunda:string></camunda:field></extensionElements></userTask>
</definitions>`;
  expect(renameCollidingPrefixes(xml, PACKAGES)).toBe(`<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda_2="http://activiti.org/bpmn" xmlns:camunda_1="urn:taken">
  <userTask id="t" camunda_2:assignee="demo" camunda_2:formKey="camunda:form"><extensionElements><camunda_2:field name="x"><camunda_2:string>v</camunda_2:string></camunda_2:field></extensionElements></userTask>
</definitions>`);
});

test('a document that binds the prefixes as the packages do, or not at all, is left as it is', () => {
  const own = `<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"><bpmn:process id="p" camunda:historyTimeToLive="1" /></bpmn:definitions>`;
  expect(renameCollidingPrefixes(own, PACKAGES)).toBe(own);
  // Bound to the package's namespace somewhere: not renamed anywhere (the names there are the package's).
  const mixed = `<definitions xmlns:camunda="http://camunda.org/schema/1.0/bpmn"><x xmlns:camunda="urn:other" camunda:a="1" /></definitions>`;
  expect(renameCollidingPrefixes(mixed, PACKAGES)).toBe(mixed);
});
