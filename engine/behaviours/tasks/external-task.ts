/**
 * Service task as an external task (Camunda 7's camunda:type="external"): the token waits while a
 * worker outside the engine fetches the task by its topic, does the work and completes it; its
 * variables are then set and the token leaves. A worker may instead report a failure (retries, then
 * an incident) or a BPMN error, which the task's own error boundary events catch first.
 */
import type { ElementBehaviour } from '../behaviour.js';

export const externalTask: ElementBehaviour = {
  activate(context) {
    const topic = context.node.externalTopic;
    if (!topic) throw new Error(`${context.node.id} has no topic`);
    return [{ kind: 'createExternalTask', topic: String(context.evaluate(topic, 'camunda:topic')) }];
  },
  complete: (_context, input) => [
    ...(input.variables && input.variables.size > 0 ? [{ kind: 'setVariables' as const, values: input.variables }] : []),
    { kind: 'leave' as const },
  ],
};
