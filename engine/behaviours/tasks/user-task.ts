/**
 * User task (§10.3.3) with Camunda's attributes: assignee, candidate groups and users, due and
 * follow-up dates, priority (default 50, as Camunda) and form key, each possibly an expression
 * evaluated when the task is created. The token waits until the task is completed; the completing
 * user's variables are then set on the instance and the token leaves.
 */
import type { CompiledExpression } from '../../expressions/types.js';
import { ProcessExecutionError } from '../../errors.js';
import { toDateValue } from '../../calendar/date-value.js';
import type { BehaviourContext, ElementBehaviour, TaskSpec } from '../behaviour.js';

const DEFAULT_PRIORITY = 50;

function text(context: BehaviourContext, expression: CompiledExpression | undefined, attribute: string): string | null {
  if (!expression) return null;
  const value = context.evaluate(expression, attribute);
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new ProcessExecutionError('invalid-task-attribute', context.node.id, `${attribute} must give a text, got ${JSON.stringify(value)}`);
}

function identities(context: BehaviourContext, expressions: readonly CompiledExpression[], attribute: string): string[] {
  const result = new Set<string>();
  for (const expression of expressions) {
    const value = context.evaluate(expression, attribute);
    const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : value == null ? [] : [value];
    for (const item of items) {
      if (typeof item !== 'string' && typeof item !== 'number') {
        throw new ProcessExecutionError('invalid-task-attribute', context.node.id, `${attribute} must give names, got ${JSON.stringify(item)}`);
      }
      const name = String(item).trim();
      if (name !== '') result.add(name);
    }
  }
  return [...result];
}

function date(context: BehaviourContext, expression: CompiledExpression | undefined, attribute: string): Date | null {
  if (!expression) return null;
  const value = context.evaluate(expression, attribute);
  try {
    return toDateValue(value, context.now);
  } catch (error) {
    throw new ProcessExecutionError('invalid-task-attribute', context.node.id, `${attribute}: ${(error as Error).message}`);
  }
}

function priority(context: BehaviourContext, expression: CompiledExpression | undefined): number {
  if (!expression) return DEFAULT_PRIORITY;
  const value = Number(context.evaluate(expression, 'priority'));
  if (!Number.isInteger(value)) {
    throw new ProcessExecutionError('invalid-task-attribute', context.node.id, 'priority must give a whole number');
  }
  return value;
}

export function taskSpec(context: BehaviourContext): TaskSpec {
  const { node } = context;
  const props = node.userTask;
  return {
    name: node.nameExpression ? text(context, node.nameExpression, 'name') : (node.name ?? null),
    assignee: text(context, props?.assignee, 'camunda:assignee'),
    candidateGroups: identities(context, props?.candidateGroups ?? [], 'camunda:candidateGroups'),
    candidateUsers: identities(context, props?.candidateUsers ?? [], 'camunda:candidateUsers'),
    dueDate: date(context, props?.dueDate, 'camunda:dueDate'),
    followUpDate: date(context, props?.followUpDate, 'camunda:followUpDate'),
    priority: priority(context, props?.priority),
    formKey: text(context, props?.formKey, 'camunda:formKey'),
  };
}

export const userTask: ElementBehaviour = {
  activate: (context) => [{ kind: 'createTask', task: taskSpec(context) }],
  complete: (_context, input) => [
    ...(input.variables && input.variables.size > 0 ? [{ kind: 'setVariables' as const, values: input.variables }] : []),
    { kind: 'leave' as const },
  ],
};
