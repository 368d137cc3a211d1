/**
 * Script task → ScriptTaskProps. Scripts are expressions here (principle 7: no eval), so the only
 * script format is FEEL: scriptFormat must be "feel" (any case); anything else (groovy, javascript,
 * juel...) is an 'unsupported-attribute' error on scriptFormat. The script body is one FEEL
 * expression (a leading '=' is allowed); camunda:resultVariable names the variable that receives
 * its value. An external script (camunda:resource) is refused by unsupported-attributes.ts.
 */
import { compileAt, type ExpressionSite } from './compile.js';
import type { ScriptTaskProps } from './graph.js';
import { attr, type ModdleElement } from './moddle.js';

export function buildScriptTask(el: ModdleElement, site: ExpressionSite): ScriptTaskProps | undefined {
  const format = attr(el, 'scriptFormat');
  if (format === undefined || format.trim().toLowerCase() !== 'feel') {
    const said = format === undefined ? 'has no scriptFormat' : `has scriptFormat "${format}"`;
    site.problems.error('unsupported-attribute', `${site.label} ${said}; only FEEL scripts (scriptFormat="feel") can run here.`, {
      elementId: site.elementId,
      attribute: 'scriptFormat',
    });
    return undefined;
  }
  const body = attr(el, 'script')?.trim() ?? '';
  if (body === '') {
    if (attr(el, 'camunda:resource') === undefined) {
      site.problems.error('missing-script', `${site.label} has an empty script.`, { elementId: site.elementId, attribute: 'script' });
    }
    return undefined;
  }
  const script = compileAt(site, 'script', body, 'feel');
  if (!script) return undefined;
  const resultVariable = attr(el, 'camunda:resultVariable')?.trim();
  return Object.freeze(resultVariable ? { script, resultVariable } : { script });
}
