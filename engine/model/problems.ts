/**
 * Collects every problem found while loading a model, split into errors (the deploy is refused)
 * and warnings (reported, the deploy goes on). Checks never stop at the first problem.
 * The same problem is kept once; for the codes in ONE_PER_ATTRIBUTE, one problem per element and
 * attribute is kept (e.g. camunda:class on a user task is reported by the parser as an unknown
 * Camunda attribute and by the attribute check).
 */
import type { ModelProblem } from './graph.js';

const ONE_PER_ATTRIBUTE = new Set(['unsupported-attribute', 'expression-syntax']);

export interface ProblemWhere {
  readonly elementId?: string | undefined;
  readonly attribute?: string | undefined;
}

export class Problems {
  readonly errors: ModelProblem[] = [];
  readonly warnings: ModelProblem[] = [];
  private readonly seen = new Set<string>();

  error(code: string, message: string, where: ProblemWhere = {}): void {
    this.add(this.errors, code, message, where);
  }

  warn(code: string, message: string, where: ProblemWhere = {}): void {
    this.add(this.warnings, code, message, where);
  }

  get hasErrors(): boolean {
    return this.errors.length > 0;
  }

  /** Whether an error was already reported on this element (for one of these attributes, if given). */
  hasErrorOn(elementId: string, attributes?: readonly string[]): boolean {
    return this.errors.some(
      (p) => p.elementId === elementId && (attributes === undefined || (p.attribute !== undefined && attributes.includes(p.attribute))),
    );
  }

  private add(list: ModelProblem[], code: string, message: string, where: ProblemWhere): void {
    const key =
      where.attribute && ONE_PER_ATTRIBUTE.has(code)
        ? `${code}|${where.elementId ?? ''}|${where.attribute}`
        : `${code}|${where.elementId ?? ''}|${where.attribute ?? ''}|${message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    const problem: { -readonly [K in keyof ModelProblem]: ModelProblem[K] } = { code, message };
    if (where.elementId !== undefined) problem.elementId = where.elementId;
    if (where.attribute !== undefined) problem.attribute = where.attribute;
    list.push(Object.freeze(problem));
  }
}
