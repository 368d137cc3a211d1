/**
 * FEEL through feelin (Camunda dialect, so `backtick names` work).
 *
 * Compile time: the text is parsed once with an empty context. feelin's lezer parser recovers from
 * errors, so the tree is searched for error nodes; the first one becomes an ExpressionSyntaxError
 * with its offset in the original text. JUEL-style comparisons that feelin would silently accept as
 * a nested unary test (`a == 1`, `a <> 1`) are refused too, since they always evaluate to null.
 *
 * Evaluation: feelin evaluates the text against the variables (it parses again, because FEEL names
 * may contain spaces and depend on the context). FEEL's null semantics are kept: an unknown
 * variable or property, an invalid operand type or a bad argument to a built-in give null (the
 * warnings are kept so that a condition that is not a boolean can say why). Calling a function
 * that does not exist, an unsupported construct, a failed invocation, or anything feelin throws is
 * an ExpressionEvaluationError. Results are converted by feel-values.ts.
 *
 * `now()` and `today()` read the instant the runtime attached to the context (feel-builtins.ts), else
 * the clock given at compile time (principle 6), else feelin's system clock. `today()` is the date in
 * the server's time zone, as feelin's is. `workingDays(n)` and `workingHours(n)` (feel-builtins.ts)
 * count working time with the calendar attached to the context, else the one given at compile time,
 * from that same instant.
 */
import { evaluate as feelEvaluate, parseDate, parseExpression, toFeel, type Warning } from 'feelin';
import type { WorkingCalendar } from '../calendar/working-time.js';
import { feelBuiltinsOf, workingTimeFunctions } from './feel-builtins.js';
import { FeelValueError, fromFeel } from './feel-values.js';
import {
  type CompiledExpression,
  type ExpressionContext,
  ExpressionEvaluationError,
  ExpressionSyntaxError,
} from './types.js';

export interface FeelOptions {
  /** The engine's clock, used by FEEL's now() and today() when the context carries no instant. */
  readonly now?: () => Date;
  /** The working-time calendar of workingDays()/workingHours() when the context carries none. */
  readonly calendar?: WorkingCalendar;
}

/** A compiled FEEL expression that can also report feelin's warnings (for condition messages). */
export interface FeelExpression extends CompiledExpression {
  evaluateWithWarnings(context: ExpressionContext): { value: unknown; warnings: readonly string[] };
}

export function isFeelExpression(expression: CompiledExpression): expression is FeelExpression {
  return typeof (expression as Partial<FeelExpression>).evaluateWithWarnings === 'function';
}

type SyntaxNode = ReturnType<typeof parseExpression>['topNode'];

const DIALECT = 'camunda';
const FATAL_WARNINGS: ReadonlySet<Warning['type']> = new Set(['NO_FUNCTION_FOUND', 'FUNCTION_INVOCATION_FAILURE', 'UNSUPPORTED']);

/**
 * `source` is the text as written; `body` is the FEEL part of it starting at `offset`
 * (after a leading '=').
 */
export function compileFeel(source: string, body: string, offset: number, options: FeelOptions = {}): FeelExpression {
  checkSyntax(source, body, offset);

  const evaluateWithWarnings = (context: ExpressionContext): { value: unknown; warnings: readonly string[] } => {
    const builtins = feelBuiltinsOf(context);
    const instant = builtins?.now;
    const clock = instant === undefined ? options.now : () => instant;
    const calendar = builtins?.calendar ?? options.calendar;
    const variables: Record<string, unknown> = {
      ...(clock === undefined ? {} : clockFunctions(clock)),
      ...workingTimeFunctions(clock, calendar),
      ...context,
    };
    let result: { value: unknown; warnings: Warning[] };
    try {
      result = feelEvaluate(body, variables, DIALECT);
    } catch (error) {
      throw new ExpressionEvaluationError(source, error instanceof Error ? error.message : String(error));
    }
    const fatal = result.warnings.find((warning) => FATAL_WARNINGS.has(warning.type));
    if (fatal !== undefined) throw new ExpressionEvaluationError(source, describeFatal(body, fatal));
    try {
      return { value: fromFeel(result.value), warnings: result.warnings.map((warning) => warning.message) };
    } catch (error) {
      if (error instanceof FeelValueError) throw new ExpressionEvaluationError(source, error.message);
      throw error;
    }
  };

  return Object.freeze({
    source,
    language: 'feel' as const,
    evaluate: (context: ExpressionContext) => evaluateWithWarnings(context).value,
    evaluateWithWarnings,
  });
}

function clockFunctions(clock: () => Date): Record<string, () => unknown> {
  return {
    now: () => toFeel(clock()),
    today: () => {
      const at = clock();
      const pad = (n: number, width = 2) => String(n).padStart(width, '0');
      return parseDate(`${pad(at.getFullYear(), 4)}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`);
    },
  };
}

function describeFatal(body: string, warning: Warning): string {
  if (warning.type === 'NO_FUNCTION_FOUND') {
    const call = body.slice(warning.position.from, warning.position.to);
    const name = call.slice(0, call.indexOf('(') === -1 ? undefined : call.indexOf('(')).trim();
    return `Unknown function '${name}' (${warning.message})`;
  }
  return warning.message;
}

function checkSyntax(source: string, body: string, offset: number): void {
  const fail = (reason: string, position: number): never => {
    throw new ExpressionSyntaxError(source, reason, offset + position);
  };
  if (body.trim() === '') fail('Empty FEEL expression', body.length);

  const tree = parseExpression(body, {}, DIALECT);
  let problem: { reason: string; position: number } | undefined;
  tree.iterate({
    enter(ref) {
      if (problem !== undefined) return false;
      if (ref.type.isError) {
        problem = describeErrorNode(body, ref.node);
        return false;
      }
      if (ref.name === 'Comparison') problem = checkComparison(body, ref.node);
      return undefined;
    },
  });
  if (problem !== undefined) fail(problem.reason, problem.position);
}

function describeErrorNode(body: string, node: SyntaxNode): { reason: string; position: number } {
  if (node.from !== node.to) {
    const text = body.slice(node.from, node.to);
    if (text.startsWith('"')) return { reason: 'Unterminated string literal', position: node.from };
    return { reason: `Unexpected '${text}'`, position: node.from };
  }
  const next = nextNode(node);
  if (next !== null) {
    return { reason: `Unexpected '${body.slice(next.from, next.to)}'`, position: next.from };
  }
  const unfinished = node.parent?.name ?? 'Expression';
  return { reason: `Unexpected end of expression (unfinished ${unfinished})`, position: node.from };
}

function nextNode(node: SyntaxNode): SyntaxNode | null {
  for (let current: SyntaxNode | null = node; current !== null; current = current.parent) {
    if (current.nextSibling !== null) return current.nextSibling;
  }
  return null;
}

/** `a == 1` parses as `a = (=1)` (and `a === 1` as `a = (=(=1))`): a comparison with a unary test, always null. */
function checkComparison(body: string, node: SyntaxNode): { reason: string; position: number } | undefined {
  const operator = node.firstChild?.nextSibling;
  const test = operator?.nextSibling;
  const second = test?.firstChild;
  if (operator?.name !== 'CompareOp' || test?.name !== 'SimplePositiveUnaryTest' || second?.name !== 'CompareOp') {
    return undefined;
  }
  let last = second;
  for (let inner = second.nextSibling; inner?.name === 'SimplePositiveUnaryTest' && inner.firstChild?.name === 'CompareOp'; ) {
    last = inner.firstChild;
    inner = last.nextSibling;
  }
  const written = body.slice(operator.from, last.to).replace(/\s+/g, '');
  const hint = written === '==' ? "; FEEL compares with '=' and '!='" : '';
  return { reason: `'${written}' is not a FEEL comparison operator${hint}`, position: operator.from };
}
