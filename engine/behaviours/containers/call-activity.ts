/**
 * Call activity (§10.3.6) with Camunda 7's mappings: the token waits while a new instance of the
 * called process (its latest version, or the version named by camunda:calledElementBinding
 * "version") runs. camunda:in chooses what the called instance starts with: the named variables or
 * expressions, or all variables with variables="all"; without any camunda:in it starts with none,
 * as in Camunda 7. camunda:in businessKey passes a business key. When the called instance
 * completes, camunda:out copies back in the same way and the token leaves.
 */
import { ProcessExecutionError } from '../../errors.js';
import type { VariableMapping } from '../../model/graph.js';
import type { BehaviourContext, ElementBehaviour } from '../behaviour.js';

/** Applies mappings; `source` reads a variable of the side being copied from. */
function mapVariables(
  context: BehaviourContext,
  mappings: readonly VariableMapping[],
  source: ReadonlyMap<string, unknown>,
  evaluateOnSource: boolean,
): Map<string, unknown> {
  const result = new Map<string, unknown>();
  for (const mapping of mappings) {
    switch (mapping.kind) {
      case 'all':
        for (const [name, value] of source) result.set(name, value);
        break;
      case 'variable':
        result.set(mapping.target, source.has(mapping.source) ? source.get(mapping.source) : null);
        break;
      case 'expression':
        result.set(
          mapping.target,
          evaluateOnSource ? mapping.expression.evaluate(Object.fromEntries(source)) : context.evaluate(mapping.expression, 'camunda:in'),
        );
        break;
      case 'businessKey':
        break;
    }
  }
  return result;
}

export const callActivity: ElementBehaviour = {
  activate(context) {
    const props = context.node.callActivity;
    if (!props) throw new Error(`${context.node.id} has no called element`);
    const processKey = context.evaluate(props.calledElement, 'calledElement');
    if (typeof processKey !== 'string' || processKey === '') {
      throw new ProcessExecutionError('called-process-not-found', context.node.id, 'calledElement gives no process key');
    }
    const version = props.binding === 'version' && props.version ? Number(context.evaluate(props.version, 'camunda:calledElementVersion')) : undefined;
    const businessKeyMapping = props.inMappings.find((m) => m.kind === 'businessKey');
    const businessKey = businessKeyMapping?.kind === 'businessKey' ? context.evaluate(businessKeyMapping.expression, 'camunda:in businessKey') : null;
    const variables = mapVariables(context, props.inMappings, context.variables(), false);
    return [
      {
        kind: 'callProcess',
        call: { processKey, version, variables, businessKey: businessKey == null ? null : String(businessKey) },
      },
    ];
  },
  complete(context, input) {
    const props = context.node.callActivity;
    const called = input.calledVariables ?? new Map<string, unknown>();
    const values = props ? mapVariables(context, props.outMappings, called, true) : new Map<string, unknown>();
    return [...(values.size > 0 ? [{ kind: 'setVariables' as const, values }] : []), { kind: 'leave' as const }];
  },
};
