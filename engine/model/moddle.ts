/**
 * Read-only access to bpmn-moddle elements. The loader treats moddle objects as untyped data and
 * reads them only through these helpers, so nothing outside engine/model ever sees a moddle object.
 */

/** The subset of a moddle element the loader reads. */
export interface ModdleElement {
  readonly $type: string;
  readonly $attrs?: Readonly<Record<string, unknown>>;
  readonly $parent?: ModdleElement;
  readonly id?: string;
  get(name: string): unknown;
  $instanceOf(type: string): boolean;
}

export function isElement(value: unknown): value is ModdleElement {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { $type?: unknown }).$type === 'string' &&
    typeof (value as { get?: unknown }).get === 'function'
  );
}

/** A property or attribute (known to the descriptors or not) as a string, or undefined. */
export function attr(el: ModdleElement, name: string): string | undefined {
  let value: unknown;
  try {
    value = el.get(name);
  } catch {
    value = undefined;
  }
  if (value === undefined || value === null) value = el.$attrs?.[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** A property holding one element (containment or reference). */
export function child(el: ModdleElement, name: string): ModdleElement | undefined {
  const value = el.get(name);
  return isElement(value) ? value : undefined;
}

/** A property holding a list of elements. */
export function children(el: ModdleElement, name: string): ModdleElement[] {
  const value = el.get(name);
  return Array.isArray(value) ? value.filter(isElement) : [];
}

/** The elements inside <extensionElements>, in document order. */
export function extensionValues(el: ModdleElement): ModdleElement[] {
  const ext = child(el, 'extensionElements');
  return ext ? children(ext, 'values') : [];
}

/** 'bpmn:UserTask' → 'userTask', as the element is written in XML. */
export function xmlName(type: string): string {
  const local = type.includes(':') ? type.slice(type.indexOf(':') + 1) : type;
  return local.charAt(0).toLowerCase() + local.slice(1);
}

/** "userTask 'approve'" for messages. */
export function describe(el: ModdleElement): string {
  return el.id ? `${xmlName(el.$type)} '${el.id}'` : xmlName(el.$type);
}

/** The id of the element or of its nearest ancestor that has one. */
export function nearestId(el: ModdleElement | undefined): string | undefined {
  for (let cur = el; cur; cur = cur.$parent) {
    if (typeof cur.id === 'string' && cur.id !== '') return cur.id;
  }
  return undefined;
}
