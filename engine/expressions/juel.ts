/**
 * JUEL compile entry: splits the text into literal pieces and `${...}` / `#{...}` expressions, parses
 * each expression once, and returns a CompiledExpression that interprets the trees.
 *
 * - Exactly one expression and nothing else (`${a > 1}`): the value keeps its type.
 * - Text mixed with expressions (`kermit_${loopCounter}`, `My Task ${n}`): a composite template
 *   whose value is the concatenated string; null prints as '', dates as ISO-8601, lists and
 *   objects as JSON.
 * - `\${` and `\#{` in the text stand for a literal `${` / `#{`, as in JUEL.
 * - Mixing `${` and `#{` in one text is a syntax error, as in JUEL.
 */
import type { JuelNode, JuelTemplatePart } from './juel-ast.js';
import { JuelFailure, toText } from './juel-coerce.js';
import { evaluateJuel } from './juel-evaluate.js';
import { lexExpression } from './juel-lexer.js';
import { parseJuel } from './juel-parser.js';
import {
  type CompiledExpression,
  type ExpressionContext,
  ExpressionEvaluationError,
  ExpressionSyntaxError,
} from './types.js';

/** True when the text contains a `${` or `#{` (escaped or not), i.e. it is not plain literal text. */
export function hasJuelMarker(source: string): boolean {
  return /[$#]\{/.test(source);
}

/** A compiled JUEL text; `template` is true when it mixes text and expressions (its value is a string). */
export interface JuelExpression extends CompiledExpression {
  readonly template: boolean;
}

/** Compiles text containing at least one `${...}` / `#{...}`; throws ExpressionSyntaxError otherwise. */
export function compileJuel(source: string): JuelExpression {
  const parts = splitTemplate(source);
  const nodes = parts.filter((part): part is { node: JuelNode } => 'node' in part);
  if (nodes.length === 0 && !hasJuelMarker(source)) {
    throw new ExpressionSyntaxError(source, 'Expected a JUEL expression: ${...} or #{...}', 0);
  }

  const template = !(parts.length === 1 && nodes.length === 1);
  const run = (context: ExpressionContext): unknown => {
    try {
      if (!template) return evaluateJuel(nodes[0]!.node, context);
      return parts.map((part) => ('node' in part ? toText(evaluateJuel(part.node, context)) : part.text)).join('');
    } catch (error) {
      if (error instanceof JuelFailure) throw new ExpressionEvaluationError(source, error.message);
      throw error;
    }
  };
  return Object.freeze({ source, language: 'juel' as const, template, evaluate: run });
}

function splitTemplate(source: string): JuelTemplatePart[] {
  const parts: JuelTemplatePart[] = [];
  let text = '';
  let marker: string | undefined;
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    const next = source[i + 1];
    if (c === '\\' && (next === '$' || next === '#') && source[i + 2] === '{') {
      text += `${next}{`;
      i += 3;
      continue;
    }
    if ((c === '$' || c === '#') && next === '{') {
      if (marker !== undefined && marker !== c) {
        throw new ExpressionSyntaxError(source, "Cannot mix '${...}' and '#{...}' in one expression", i);
      }
      marker = c;
      if (text !== '') parts.push({ text });
      text = '';
      const { tokens, end } = lexExpression(source, i + 2, i);
      parts.push({ node: parseJuel(source, tokens) });
      i = end + 1;
      continue;
    }
    text += c;
    i++;
  }
  if (text !== '') parts.push({ text });
  return parts;
}
