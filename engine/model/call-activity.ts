/**
 * Call activity → CallActivityProps (Camunda 7 attributes).
 * - calledElement: the key of the process to start; may be an expression. Missing → error
 *   'missing-called-element' (unless camunda:caseRef is set, which is refused as unsupported).
 * - camunda:calledElementBinding: 'latest' (default) or 'version' with camunda:calledElementVersion
 *   (an expression). 'deployment', 'versionTag' and anything else → 'unsupported-attribute'.
 * - camunda:in / camunda:out in extensionElements, in document order:
 *   source+target (copy a variable), sourceExpression+target (evaluate, then set), variables="all"
 *   (copy every variable; `local` is recorded on the mapping), businessKey (camunda:in only: the
 *   called instance's business key). `local` on a single-variable mapping is ignored (warning).
 *   A mapping that fits none of these, or has no target, is 'invalid-attribute'.
 * - Without mappings nothing is copied, as in Camunda 7: variables="all" copies everything.
 */
import type { CompiledExpression } from '../expressions/types.js';
import { compileAt, type ExpressionSite } from './compile.js';
import type { CallActivityProps, VariableMapping } from './graph.js';
import { attr, extensionValues, type ModdleElement } from './moddle.js';

export function buildCallActivity(el: ModdleElement, site: ExpressionSite): CallActivityProps | undefined {
  const { problems, elementId, label } = site;
  const calledText = attr(el, 'calledElement')?.trim();
  let calledElement: CompiledExpression | undefined;
  if (calledText) {
    calledElement = compileAt(site, 'calledElement', calledText);
  } else if (attr(el, 'camunda:caseRef') === undefined) {
    problems.error('missing-called-element', `${label} has no calledElement: it does not say which process to start.`, {
      elementId,
      attribute: 'calledElement',
    });
  }

  const bindingText = attr(el, 'camunda:calledElementBinding')?.trim() || 'latest';
  let binding: 'latest' | 'version' = 'latest';
  let version: CompiledExpression | undefined;
  const versionText = attr(el, 'camunda:calledElementVersion')?.trim();
  if (bindingText === 'version') {
    binding = 'version';
    if (versionText) {
      version = compileAt(site, 'camunda:calledElementVersion', versionText);
    } else {
      problems.error('invalid-attribute', `${label} has camunda:calledElementBinding="version" but no camunda:calledElementVersion.`, {
        elementId,
        attribute: 'camunda:calledElementVersion',
      });
    }
  } else if (bindingText !== 'latest') {
    problems.error(
      'unsupported-attribute',
      `${label}: camunda:calledElementBinding="${bindingText}" is not supported; use "latest" or "version".`,
      { elementId, attribute: 'camunda:calledElementBinding' },
    );
  } else if (versionText) {
    problems.warn('ignored-attribute', `${label}: camunda:calledElementVersion is ignored because the binding is "latest".`, {
      elementId,
      attribute: 'camunda:calledElementVersion',
    });
  }

  const ins = extensionValues(el).filter((e) => e.$type === 'camunda:In');
  const outs = extensionValues(el).filter((e) => e.$type === 'camunda:Out');
  const inMappings = mappings(ins, 'camunda:in', site);
  const outMappings = mappings(outs, 'camunda:out', site);
  if (!calledElement) return undefined;
  const props: CallActivityProps = {
    calledElement,
    binding,
    ...(version ? { version } : {}),
    inMappings,
    outMappings,
  };
  return Object.freeze(props);
}

function mappings(elements: readonly ModdleElement[], attribute: string, site: ExpressionSite): readonly VariableMapping[] {
  const result: VariableMapping[] = [];
  for (const mapping of elements) {
    const built = mappingOf(mapping, attribute, site);
    if (built) result.push(Object.freeze(built));
  }
  return Object.freeze(result);
}

function mappingOf(mapping: ModdleElement, attribute: string, site: ExpressionSite): VariableMapping | undefined {
  const { problems, elementId, label } = site;
  const source = attr(mapping, 'source')?.trim();
  const sourceExpression = attr(mapping, 'sourceExpression')?.trim();
  const target = attr(mapping, 'target')?.trim();
  const businessKey = attr(mapping, 'businessKey')?.trim();
  const variables = attr(mapping, 'variables')?.trim();
  const local = attr(mapping, 'local') === 'true';
  const invalid = (why: string): undefined => {
    problems.error('invalid-attribute', `${label}: a ${attribute} mapping ${why}.`, { elementId, attribute });
    return undefined;
  };

  if (businessKey !== undefined) {
    if (attribute !== 'camunda:in') return invalid('cannot set businessKey (only camunda:in can)');
    const expression = compileAt(site, `${attribute} businessKey`, businessKey);
    return expression ? { kind: 'businessKey', expression } : undefined;
  }
  if (variables !== undefined) {
    if (variables !== 'all') return invalid(`has variables="${variables}" (only "all" is allowed)`);
    return { kind: 'all', local };
  }
  if (local) {
    problems.warn('ignored-attribute', `${label}: local="true" on a single-variable ${attribute} mapping is ignored.`, {
      elementId,
      attribute: `${attribute} local`,
    });
  }
  if (source !== undefined && sourceExpression !== undefined) return invalid('has both source and sourceExpression');
  if (!target) return invalid('has no target');
  if (source) return { kind: 'variable', source, target };
  if (sourceExpression !== undefined) {
    const expression = compileAt(site, `${attribute} sourceExpression`, sourceExpression);
    return expression ? { kind: 'expression', expression, target } : undefined;
  }
  return invalid('has neither source, sourceExpression, variables="all" nor businessKey');
}
