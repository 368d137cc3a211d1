/**
 * A sequence flow's <conditionExpression> → a compiled condition.
 * - language="feel" (any case, or a FEEL namespace URI) → the body is FEEL.
 * - no language, or "juel" → the language is detected from the text (`${...}` JUEL, `=...` FEEL).
 * - any other language (javascript, groovy, python...) → 'unsupported-attribute' on `language`:
 *   scripts cannot run here, and reading them as JUEL or text would silently misroute tokens.
 * - an empty body → warning 'empty-condition'; the flow is then unconditional.
 * Camunda trims condition text; so does compileCondition.
 */
import type { CompiledExpression } from '../expressions/types.js';
import { compileConditionAt, type ExpressionSite } from './compile.js';
import { attr, child, type ModdleElement } from './moddle.js';

export function buildCondition(flow: ModdleElement, site: ExpressionSite): CompiledExpression | undefined {
  const expression = child(flow, 'conditionExpression');
  if (!expression) return undefined;
  const body = attr(expression, 'body')?.trim() ?? '';
  if (body === '') {
    site.problems.warn('empty-condition', `${site.label} has an empty conditionExpression; it is treated as unconditional.`, {
      elementId: site.elementId,
      attribute: 'conditionExpression',
    });
    return undefined;
  }
  const language = attr(expression, 'language')?.trim();
  if (language === undefined || language === '' || /^juel$/i.test(language)) {
    return compileConditionAt(site, 'conditionExpression', body);
  }
  if (/^feel$/i.test(language) || /\/FEEL\/?/i.test(language)) {
    return compileConditionAt(site, 'conditionExpression', body, 'feel');
  }
  site.problems.error(
    'unsupported-attribute',
    `${site.label}: condition language "${language}" is not supported; use FEEL (language="feel") or a \${...} expression.`,
    { elementId: site.elementId, attribute: 'language' },
  );
  return undefined;
}
