/** Feature: call activities with Camunda variable mappings. */
import type { VariableMapping } from '../../../engine/model/index.js';
import { between, loadOne, rejection, summary } from './bpmn-xml.js';

function describeMapping(mapping: VariableMapping): string {
  switch (mapping.kind) {
    case 'all':
      return `all${mapping.local ? ' local' : ''}`;
    case 'variable':
      return `${mapping.source} -> ${mapping.target}`;
    case 'expression':
      return `${mapping.expression.source} => ${mapping.target}`;
    case 'businessKey':
      return `businessKey ${mapping.expression.source}`;
  }
}

describe('call activities', () => {
  it('reads calledElement, the binding and the in/out mappings in document order', async () => {
    const graph = await loadOne(
      between(
        'call',
        'call',
        `<callActivity id="call" calledElement="childProcess" camunda:calledElementBinding="version" camunda:calledElementVersion="3">
          <extensionElements>
            <camunda:in businessKey="\${dossierCode}" />
            <camunda:in source="applicant" target="person" />
            <camunda:in sourceExpression="\${fee * 2}" target="doubled" />
            <camunda:in variables="all" local="true" />
            <camunda:out source="decision" target="childDecision" />
            <camunda:out variables="all" />
          </extensionElements>
        </callActivity>`,
      ),
    );
    const call = graph.nodes.get('call')?.callActivity;
    expect(call?.calledElement.evaluate({})).toBe('childProcess');
    expect(call?.binding).toBe('version');
    expect(call?.version?.source).toBe('3');
    expect(call?.inMappings.map(describeMapping)).toEqual([
      'businessKey ${dossierCode}',
      'applicant -> person',
      '${fee * 2} => doubled',
      'all local',
    ]);
    expect(call?.outMappings.map(describeMapping)).toEqual(['decision -> childDecision', 'all']);
    expect(graph.nodes.get('call')?.needsVariables).toBe(true);
  });

  it('defaults to the latest version and to no mappings (nothing is copied, as in Camunda 7)', async () => {
    const graph = await loadOne(between('call', 'call', `<callActivity id="call" calledElement="\${childKey}" />`));
    const call = graph.nodes.get('call')?.callActivity;
    expect(call).toMatchObject({ binding: 'latest', inMappings: [], outMappings: [] });
    expect(call?.calledElement.evaluate({ childKey: 'c' })).toBe('c');
    expect(call?.version).toBeUndefined();
  });

  it('rejects a call activity without calledElement', async () => {
    const error = await rejection(between('call', 'call', `<callActivity id="call" />`));
    expect(summary(error.problems)).toEqual(['missing-called-element call calledElement']);
  });

  it.each(['deployment', 'versionTag'])('rejects camunda:calledElementBinding="%s"', async (binding) => {
    const error = await rejection(
      between('call', 'call', `<callActivity id="call" calledElement="c" camunda:calledElementBinding="${binding}" />`),
    );
    expect(summary(error.problems)).toEqual(['unsupported-attribute call camunda:calledElementBinding']);
  });

  it('rejects a version binding without a version, and malformed mappings', async () => {
    const error = await rejection(
      between(
        'call',
        'call',
        `<callActivity id="call" calledElement="c" camunda:calledElementBinding="version">
          <extensionElements>
            <camunda:in source="a" />
            <camunda:out businessKey="\${k}" />
            <camunda:in sourceExpression="\${1 +}" target="x" />
          </extensionElements>
        </callActivity>`,
      ),
    );
    expect(summary(error.problems)).toEqual([
      'invalid-attribute call camunda:calledElementVersion',
      'invalid-attribute call camunda:in',
      'expression-syntax call camunda:in sourceExpression',
      'invalid-attribute call camunda:out',
    ]);
  });

  it('refuses CMMN case calls and Java variable mapping delegates', async () => {
    const error = await rejection(
      between('call', 'call', `<callActivity id="call" camunda:caseRef="oneTaskCase" camunda:variableMappingClass="org.example.Mapping" />`),
    );
    expect(summary(error.problems)).toEqual([
      'unsupported-attribute call camunda:variableMappingClass',
      'unsupported-attribute call camunda:caseRef',
    ]);
  });
});
