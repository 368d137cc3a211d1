/**
 * What a BPMN document says, as facts to compare two documents by: every element (by id, or by its
 * place under the nearest element with one), its type, each attribute and body text, each reference
 * (by the ids it names), unknown attributes and elements, and the DI bounds. Read with bpmn-moddle in Node, with
 * no extension, so both documents are read alike. Namespace declarations are not facts, and names
 * are compared by namespace, not by the prefix a writer chose.
 */
import { BpmnModdle } from 'bpmn-moddle';

interface Element {
  readonly $type: string;
  readonly $descriptor?: { readonly properties?: readonly Property[] };
  /** An element of no known type (an unknown extension) keeps its content here. */
  readonly $children?: readonly Element[];
  readonly $body?: string;
  readonly $attrs?: Record<string, string>;
  readonly id?: string;
  readonly [name: string]: unknown;
}

interface Property {
  readonly name: string;
  readonly isMany?: boolean;
  readonly isReference?: boolean;
  readonly type: string;
}

const isElement = (value: unknown): value is Element => typeof value === 'object' && value !== null && '$type' in value;
const idOf = (value: unknown): string => (isElement(value) ? (value.id ?? `<${value.$type} without id>`) : String(value));
const primitive = (value: unknown): string => (typeof value === 'number' ? String(Number(value)) : String(value));

/**
 * A document's own prefix in a name (an unknown attribute, an unknown element's type) is replaced by
 * the namespace it is bound to where the name stands: `{http://activiti.org/bpmn}assignee` is the
 * same name whichever prefix a writer chose.
 */
function qualified(name: string, namespaces: ReadonlyMap<string, string>): string {
  const colon = name.indexOf(':');
  const uri = colon > 0 ? namespaces.get(name.slice(0, colon)) : undefined;
  return uri === undefined ? name : `{${uri}}${name.slice(colon + 1)}`;
}

function collect(element: Element, path: string, facts: Map<string, string>, outer: ReadonlyMap<string, string> = new Map()): void {
  const here = element.id ?? path;
  const namespaces = new Map(outer);
  for (const [name, value] of Object.entries(element.$attrs ?? {})) if (name.startsWith('xmlns:')) namespaces.set(name.slice(6), value);
  const generic = (element.$descriptor as { isGeneric?: boolean } | undefined)?.isGeneric === true;
  facts.set(`${here} type`, generic ? qualified(element.$type, namespaces) : element.$type);
  for (const [name, value] of Object.entries(element.$attrs ?? {})) {
    if (name === 'xmlns' || name.startsWith('xmlns:')) continue;
    // xsi:type naming the element's own type says nothing more (writers differ in spelling it out).
    if (name === 'xsi:type' && value.replace(/^([^:]*:)?t?/, '') === element.$type.replace(/^[^:]*:/, '')) continue;
    facts.set(`${here} @${qualified(name, namespaces)}`, value);
  }
  element.$children?.forEach((child, index) => collect(child, `${here}/$children[${index}]`, facts, namespaces));
  if (element.$body !== undefined) facts.set(`${here} $body`, element.$body);
  for (const property of element.$descriptor?.properties ?? []) {
    const value = element[property.name];
    if (value === undefined || value === null || property.name.startsWith('$')) continue;
    const values = Array.isArray(value) ? value : [value];
    if (property.isReference) {
      facts.set(`${here} ref ${property.name}`, values.map(idOf).join(' '));
      continue;
    }
    values.forEach((item, index) => {
      if (isElement(item)) collect(item, `${here}/${property.name}[${index}]`, facts, namespaces);
      else facts.set(`${here} ${property.name}${Array.isArray(value) ? `[${index}]` : ''}`, primitive(item));
    });
  }
}

export async function documentFacts(xml: string): Promise<Map<string, string>> {
  const { rootElement } = await new BpmnModdle().fromXML(xml);
  const facts = new Map<string, string>();
  collect(rootElement as unknown as Element, 'definitions', facts);
  return facts;
}

/** Facts of `before` missing or changed in `after`. */
export function lostFacts(before: Map<string, string>, after: Map<string, string>): string[] {
  const lost: string[] = [];
  for (const [fact, value] of before) {
    if (!after.has(fact)) lost.push(`missing: ${fact} = ${value}`);
    else if (after.get(fact) !== value) lost.push(`changed: ${fact}: ${value} → ${after.get(fact)}`);
  }
  return lost;
}
