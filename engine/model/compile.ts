/**
 * Compiles the expressions a model contains, once, at deploy time. An expression that does not
 * parse is an 'expression-syntax' error naming the element and the attribute it was found in;
 * the caller gets undefined and goes on, so every bad expression in the model is reported.
 */
import { compileCondition, compileExpression, type CompileOptions } from '../expressions/index.js';
import { ExpressionSyntaxError, type CompiledExpression } from '../expressions/types.js';
import type { Problems } from './problems.js';

/** Where an expression sits, for messages: "userTask 'approve'" and "camunda:assignee". */
export interface ExpressionSite {
  readonly problems: Problems;
  readonly elementId: string | undefined;
  readonly label: string;
  /** Options shared by every expression of the model (e.g. the engine clock for FEEL now()). */
  readonly options: CompileOptions;
}

export function compileAt(
  site: ExpressionSite,
  attribute: string,
  source: string,
  language?: 'feel' | 'juel',
): CompiledExpression | undefined {
  return guarded(site, attribute, source, () =>
    compileExpression(source, language ? { ...site.options, language } : site.options),
  );
}

export function compileConditionAt(
  site: ExpressionSite,
  attribute: string,
  source: string,
  language?: 'feel' | 'juel',
): CompiledExpression | undefined {
  return guarded(site, attribute, source, () =>
    compileCondition(source, language ? { ...site.options, language } : site.options),
  );
}

/** Whether evaluating the expression reads variables (a literal does not). */
export function readsVariables(expression: CompiledExpression | undefined): boolean {
  return expression !== undefined && expression.language !== 'literal';
}

function guarded(
  site: ExpressionSite,
  attribute: string,
  source: string,
  compile: () => CompiledExpression,
): CompiledExpression | undefined {
  try {
    return compile();
  } catch (err) {
    if (!(err instanceof ExpressionSyntaxError)) throw err;
    const at = err.position === undefined ? '' : ` (at ${err.position})`;
    site.problems.error('expression-syntax', `${site.label}: ${attribute} '${source}' does not parse: ${err.reason}${at}`, {
      elementId: site.elementId,
      attribute,
    });
    return undefined;
  }
}
