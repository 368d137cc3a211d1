/**
 * The contract every expression language implements. Expressions are data, not code: they are
 * parsed once at deploy time into a small tree and interpreted; nothing here may use eval,
 * Function or node:vm on model or request content.
 */
export type ExpressionLanguage = 'feel' | 'juel' | 'literal';

/** What an expression may read while it is evaluated: process variables plus read-only extras. */
export type ExpressionContext = Readonly<Record<string, unknown>>;

export interface CompiledExpression {
  /** The text as written in the model. */
  readonly source: string;
  readonly language: ExpressionLanguage;
  /** Evaluates against the given variables; throws ExpressionEvaluationError on failure. */
  evaluate(context: ExpressionContext): unknown;
}

/** The expression text does not parse. Raised at deploy time. */
export class ExpressionSyntaxError extends Error {
  override readonly name = 'ExpressionSyntaxError';
  constructor(
    readonly source: string,
    readonly reason: string,
    readonly position?: number,
  ) {
    super(`Cannot parse expression '${source}': ${reason}${position === undefined ? '' : ` (at ${position})`}`);
  }
}

/** The expression parsed but could not be evaluated (unknown variable, wrong operand type...). */
export class ExpressionEvaluationError extends Error {
  override readonly name = 'ExpressionEvaluationError';
  constructor(
    readonly source: string,
    readonly reason: string,
  ) {
    super(`Cannot evaluate expression '${source}': ${reason}`);
  }
}
