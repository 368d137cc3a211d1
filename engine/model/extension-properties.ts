/**
 * camunda:properties on an element: <camunda:property name="..." value="..."/> pairs in
 * extensionElements, collected into a name → value record (a later duplicate name wins, with a
 * warning). Procedures use them for domain data such as the dossier status an element sets.
 */
import { attr, children, extensionValues, type ModdleElement } from './moddle.js';
import type { Problems } from './problems.js';

export function readProperties(
  el: ModdleElement,
  elementId: string | undefined,
  label: string,
  problems: Problems,
): Readonly<Record<string, string>> {
  const properties: Record<string, string> = {};
  for (const ext of extensionValues(el)) {
    if (ext.$type !== 'camunda:Properties') continue;
    for (const property of children(ext, 'values')) {
      const name = attr(property, 'name');
      if (name === undefined || name === '') {
        problems.warn('property-without-name', `${label}: a camunda:property has no name; it is ignored.`, {
          elementId,
          attribute: 'camunda:property',
        });
        continue;
      }
      if (Object.hasOwn(properties, name)) {
        problems.warn('duplicate-property', `${label}: camunda:property "${name}" is declared twice; the last one is used.`, {
          elementId,
          attribute: 'camunda:property',
        });
      }
      properties[name] = attr(property, 'value') ?? '';
    }
  }
  return Object.freeze(properties);
}
