/**
 * The error a deploy gets when the model has at least one error problem. It carries every problem
 * found (not just the first), each naming the element id and, where it applies, the attribute.
 */
import type { ModelProblem } from './graph.js';

const LISTED = 5;

export class ModelValidationError extends Error {
  override readonly name = 'ModelValidationError';
  readonly code = 'invalid-model';

  constructor(
    readonly problems: readonly ModelProblem[],
    /** Warnings found alongside the errors, for the caller's report. */
    readonly warnings: readonly ModelProblem[] = [],
  ) {
    super(summarize(problems));
  }
}

function summarize(problems: readonly ModelProblem[]): string {
  const listed = problems.slice(0, LISTED).map((p) => `${p.elementId ?? p.attribute ?? p.code}: ${p.message}`);
  const more = problems.length > LISTED ? `; and ${problems.length - LISTED} more` : '';
  const noun = problems.length === 1 ? 'problem' : 'problems';
  return `Invalid BPMN model (${problems.length} ${noun}): ${listed.join('; ')}${more}`;
}
