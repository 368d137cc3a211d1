/**
 * The expression layer's entry point: compiles the text of a model attribute once, at deploy time,
 * into a CompiledExpression that the runtime evaluates against process variables.
 *
 * Language detection when no language is given:
 *   `=...`                      FEEL (the text after '='; leading whitespace before '=' allowed)
 *   `${...}` or `#{...}` alone  JUEL, the value keeps its type
 *   text with `${...}` parts    JUEL composite template, the value is a string
 *   anything else               'literal': the text itself
 * With language 'feel' the whole text is FEEL (a leading '=' is skipped); with 'juel' the text
 * must contain `${...}` / `#{...}`.
 *
 * Conditions (compileCondition) are trimmed first, since Camunda trims condition text, and must
 * evaluate to a boolean. Plain text and JUEL templates can only ever give a string, so they are
 * refused at compile time rather than at every evaluation.
 */
import { describeValue } from './describe-value.js';
import { type FeelOptions, compileFeel, isFeelExpression } from './feel.js';
import { compileJuel, hasJuelMarker } from './juel.js';
import { type CompiledExpression, type ExpressionContext, ExpressionEvaluationError, ExpressionSyntaxError } from './types.js';

export * from './types.js';

export interface CompileOptions extends FeelOptions {
  /** Forces the language instead of detecting it from the text. */
  readonly language?: 'feel' | 'juel';
}

/** Parse once at deploy time. Throws ExpressionSyntaxError. */
export function compileExpression(source: string, options: CompileOptions = {}): CompiledExpression {
  const { language } = options;
  const feelPrefix = /^\s*=/.exec(source);
  if (language === 'feel') {
    const offset = feelPrefix === null ? 0 : feelPrefix[0].length;
    return compileFeel(source, source.slice(offset), offset, options);
  }
  if (language === 'juel') return compileJuel(source);
  if (language !== undefined) {
    throw new ExpressionSyntaxError(source, `Unsupported expression language '${String(language)}'`);
  }
  if (feelPrefix !== null) return compileFeel(source, source.slice(feelPrefix[0].length), feelPrefix[0].length, options);
  if (hasJuelMarker(source)) return compileJuel(source);
  return Object.freeze({ source, language: 'literal' as const, evaluate: () => source });
}

/**
 * Like compileExpression, but evaluate() returns a boolean; a non-boolean result throws
 * ExpressionEvaluationError naming the value it got.
 */
export function compileCondition(source: string, options: CompileOptions = {}): CompiledExpression {
  const text = source.trim();
  const compiled = compileExpression(text, options);
  if (compiled.language === 'literal' || ('template' in compiled && compiled.template === true)) {
    throw new ExpressionSyntaxError(
      text,
      'A condition must be one expression (${...} or =...) that gives a boolean; text around or without it makes a string',
      0,
    );
  }
  const evaluate = (context: ExpressionContext): boolean => {
    const { value, warnings } = isFeelExpression(compiled)
      ? compiled.evaluateWithWarnings(context)
      : { value: compiled.evaluate(context), warnings: [] };
    if (typeof value === 'boolean') return value;
    const why = warnings.length === 0 ? '' : ` (${warnings.join('; ')})`;
    throw new ExpressionEvaluationError(text, `A condition must give a boolean, but it gave ${describeValue(value)}${why}`);
  };
  return Object.freeze({ source: text, language: compiled.language, evaluate });
}
