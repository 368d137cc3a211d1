/**
 * Multi-instance activities (BPMN 2.0 §10.3.8, as Camunda 7 runs them). A token arriving at a
 * multi-instance activity becomes its body (state 'multi'), which holds the counters as local
 * variables: nrOfInstances, nrOfActiveInstances, nrOfCompletedInstances. Each instance is a token
 * at the same element inside the body, with its own loopCounter (0, 1, …) and, with
 * camunda:collection, its item under camunda:elementVariable. Parallel: every instance starts at
 * once; sequential: the next starts when the previous completes. After each completion the
 * completionCondition is evaluated (it sees the instance's variables and the counters); when it
 * holds, the instances still running are cancelled. The body then leaves along the outgoing flows.
 * Boundary events belong to the body: they are armed once for all instances, and an interrupting
 * one cancels them all. This file holds the rules; the token runner applies them.
 */
import type { MultiInstanceProps } from '../model/graph.js';
import type { TokenRow } from '../store/rows.js';
import type { BehaviourContext } from '../behaviours/behaviour.js';
import { ProcessExecutionError } from '../errors.js';
import type { InstanceContext } from './instance-context.js';

export interface LoopCounters {
  readonly nrOfInstances: number;
  readonly nrOfActiveInstances: number;
  readonly nrOfCompletedInstances: number;
}

/** Whether the token is one instance of a multi-instance activity (inside its body). */
export function isLoopInstance(instance: InstanceContext, token: TokenRow): boolean {
  if (token.scopeTokenId === null) return false;
  const scope = instance.tokens.get(token.scopeTokenId);
  return scope?.state === 'multi' && scope.elementId === token.elementId;
}

/** The items of camunda:collection, or one undefined item per instance of loopCardinality. */
export function loopItems(context: BehaviourContext, props: MultiInstanceProps): readonly unknown[] {
  const { node } = context;
  if (props.collection) {
    const collection = context.evaluate(props.collection, 'camunda:collection');
    if (!Array.isArray(collection)) {
      throw new ProcessExecutionError('multi-instance', node.id, `camunda:collection gives ${describe(collection)}, not a list`);
    }
    return collection;
  }
  const cardinality = context.evaluate(props.loopCardinality!, 'loopCardinality');
  const count = typeof cardinality === 'string' && cardinality.trim() !== '' ? Number(cardinality) : cardinality;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) {
    throw new ProcessExecutionError('multi-instance', node.id, `loopCardinality gives ${describe(cardinality)}, not a whole number of instances`);
  }
  return new Array<unknown>(count).fill(undefined);
}

/** The local variables of one instance: its loopCounter and, with a collection, its item. */
export function loopInstanceVariables(props: MultiInstanceProps, loopCounter: number, items: readonly unknown[]): Record<string, unknown> {
  const variables: Record<string, unknown> = { loopCounter };
  if (props.elementVariable) variables[props.elementVariable] = items[loopCounter] ?? null;
  return variables;
}

export function countersOf(body: TokenRow): LoopCounters {
  const locals = body.localVariables ?? {};
  return {
    nrOfInstances: Number(locals.nrOfInstances),
    nrOfActiveInstances: Number(locals.nrOfActiveInstances),
    nrOfCompletedInstances: Number(locals.nrOfCompletedInstances),
  };
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  return typeof value === 'string' ? `'${value}'` : typeof value === 'object' ? 'an object' : String(value);
}
