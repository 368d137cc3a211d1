/**
 * <multiInstanceLoopCharacteristics> → MultiInstanceProps (BPMN 2.0 §10.3.8 with Camunda 7's
 * attributes). How many instances run comes from exactly one of:
 * - <loopCardinality>: an expression giving a whole number (0 is allowed: the activity is skipped);
 * - camunda:collection: a variable name or an expression giving a list, one instance per item,
 *   the item exposed to its instance under camunda:elementVariable (which needs the collection).
 * isSequential="true" runs them one after another, otherwise all at once. <completionCondition> is
 * evaluated after each instance completes; when true, the instances still running are cancelled
 * and the activity completes. Standard BPMN data inputs (loopDataInputRef / inputDataItem) and
 * the complex behaviour definitions are refused: they would be silently ignored otherwise.
 * Other loop types (standardLoopCharacteristics) are refused in element-types.ts.
 */
import type { MultiInstanceProps } from './graph.js';
import { compileAt, compileConditionAt, type ExpressionSite } from './compile.js';
import { attr, child, type ModdleElement } from './moddle.js';

const REFUSED_CHILDREN: Readonly<Record<string, string>> = {
  loopDataInputRef: 'use camunda:collection',
  inputDataItem: 'use camunda:elementVariable',
  loopDataOutputRef: 'collect results in a variable the instances set',
  outputDataItem: 'collect results in a variable the instances set',
  complexBehaviorDefinition: 'use completionCondition',
};

function bodyOf(expression: ModdleElement | undefined): string | undefined {
  const body = expression ? attr(expression, 'body')?.trim() : undefined;
  return body === '' ? undefined : body;
}

function isExpression(text: string): boolean {
  return /[$#]\{/.test(text) || text.startsWith('=');
}

export function buildMultiInstance(el: ModdleElement, site: ExpressionSite): MultiInstanceProps | undefined {
  const loop = child(el, 'loopCharacteristics');
  if (loop?.$type !== 'bpmn:MultiInstanceLoopCharacteristics') return undefined;
  const { problems, elementId, label } = site;
  const fail = (attribute: string, message: string) => problems.error('multi-instance', `${label}: ${message}`, { elementId, attribute });
  for (const [name, instead] of Object.entries(REFUSED_CHILDREN)) {
    const value = loop.get(name);
    if (Array.isArray(value) ? value.length > 0 : value) fail(name, `multi-instance ${name} is not supported; ${instead}.`);
  }
  const props: { -readonly [K in keyof MultiInstanceProps]: MultiInstanceProps[K] } = { sequential: loop.get('isSequential') === true };

  const cardinality = bodyOf(child(loop, 'loopCardinality'));
  const collection = attr(loop, 'camunda:collection')?.trim();
  const elementVariable = attr(loop, 'camunda:elementVariable')?.trim();
  if (cardinality) props.loopCardinality = compileAt(site, 'loopCardinality', cardinality);
  if (collection) {
    // A plain name is the variable holding the list, as in Camunda 7.
    props.collection = compileAt(site, 'camunda:collection', isExpression(collection) ? collection : `\${${collection}}`);
  }
  if (elementVariable) props.elementVariable = elementVariable;
  if (!cardinality && !collection) {
    fail('loopCardinality', 'a multi-instance activity needs loopCardinality or camunda:collection to know how many instances to run.');
  }
  if (cardinality && collection) {
    fail('camunda:collection', 'give either loopCardinality or camunda:collection, not both (which one counts?).');
  }
  if (elementVariable && !collection) {
    fail('camunda:elementVariable', 'camunda:elementVariable names the item of camunda:collection, which is missing.');
  }
  const condition = bodyOf(child(loop, 'completionCondition'));
  if (condition) {
    props.completionCondition = compileConditionAt(site, 'completionCondition', condition);
  }
  return props;
}
