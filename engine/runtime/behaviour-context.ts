/**
 * What a behaviour may see of the instance while it decides (behaviours/behaviour.ts): its node
 * and token, the variables, the tokens of its scope, and two services — evaluating an expression
 * (with `execution` and the FEEL working-time functions; a failure names the element and the
 * attribute) and choosing outgoing flows by their conditions (BPMN 2.0 §13.2: a flow without a
 * condition is taken, the default flow only when no other is, and nothing to take is an error).
 */
import type { FlowNode } from '../model/graph.js';
import type { TokenRow } from '../store/rows.js';
import type { BehaviourContext } from '../behaviours/behaviour.js';
import type { WorkingCalendar } from '../calendar/index.js';
import { ExpressionEvaluationError, type CompiledExpression } from '../expressions/types.js';
import { withFeelBuiltins } from '../expressions/feel-builtins.js';
import { ProcessExecutionError } from '../errors.js';
import type { InstanceContext } from './instance-context.js';
import type { UnitOfWork } from './unit-of-work.js';

/** The context of `node` for `token` in a command: the command's clock and the working calendar. */
export const behaviourContextIn = (work: UnitOfWork, instance: InstanceContext, token: TokenRow, node: FlowNode): BehaviourContext =>
  createBehaviourContext(instance, token, node, work.now, work.services.calendar);

export function createBehaviourContext(
  instance: InstanceContext,
  token: TokenRow,
  node: FlowNode,
  now: Date,
  calendar: WorkingCalendar,
): BehaviourContext {
  const evaluate = (expression: CompiledExpression, attribute: string): unknown => {
    // A literal reads nothing; the model marks every node whose expressions read variables.
    if (expression.language === 'literal') return expression.evaluate({});
    const scope: Record<string, unknown> = {
      execution: { processInstanceId: instance.id, processBusinessKey: instance.row.businessKey, activityId: node.id },
    };
    for (const [name, value] of instance.visibleVariables(token)) scope[name] = value;
    try {
      return expression.evaluate(withFeelBuiltins(scope, { now, calendar }));
    } catch (error) {
      if (error instanceof ExpressionEvaluationError) {
        throw new ProcessExecutionError('expression-failed', node.id, `${attribute}: ${error.message}`);
      }
      throw error;
    }
  };
  return {
    graph: instance.graph,
    node,
    token,
    now,
    variables: () => instance.visibleVariables(token),
    evaluate,
    otherTokensInScope: () => instance.tokensInScope(token.scopeTokenId).filter((t) => t !== token),
    selectFlows: (mode) => {
      const taken: string[] = [];
      for (const flowId of node.outgoing) {
        if (flowId === node.defaultFlowId) continue;
        const condition = instance.graph.flows.get(flowId)?.condition;
        if (!condition || evaluate(condition, `condition of ${flowId}`) === true) {
          taken.push(flowId);
          if (mode === 'first') break;
        }
      }
      if (taken.length === 0 && node.defaultFlowId) taken.push(node.defaultFlowId);
      if (taken.length === 0 && node.outgoing.length > 0) {
        throw new ProcessExecutionError(
          'no-outgoing-flow',
          node.id,
          `no condition of its outgoing flows (${node.outgoing.join(', ')}) holds and it has no default flow`,
        );
      }
      return taken;
    },
  };
}
