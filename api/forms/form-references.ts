/**
 * The forms a BPMN model names: every `camunda:formKey="schema:<key>"` (user tasks, start events),
 * with the id of the element that carries it. A text scan of a model the engine has already
 * checked (so it is well-formed XML): comments and CDATA are skipped, the Camunda prefix is
 * whatever the document binds to Camunda's namespace (or to the legacy Activiti one, which the
 * engine reads as Camunda's). Other form keys (`embedded:…`, `camunda-forms:…`, app-specific ones
 * such as `motcua:intake`) are not forms of this store and are left alone.
 */
const CAMUNDA_NAMESPACES = ['http://camunda.org/schema/1.0/bpmn', 'http://activiti.org/bpmn'];
const SCHEMA_PREFIX = 'schema:';

export interface FormReference {
  /** The element whose form this is (undefined only for an element without an id). */
  readonly elementId: string | undefined;
  /** The attribute as written, e.g. `schema:household-registration-review`. */
  readonly formKey: string;
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(value: string): string {
  return value.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, name: string) => {
    if (name.startsWith('#x')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number.parseInt(name.slice(1), 10));
    return ENTITIES[name] ?? whole;
  });
}

const TAG = /<([A-Za-z_][\w.:-]*)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*\/?>/g;
const ATTRIBUTE = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

function attributesOf(text: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const match of text.matchAll(ATTRIBUTE)) attributes.set(match[1]!, decode(match[2] ?? match[3] ?? ''));
  return attributes;
}

/** Every `schema:` form key in the model, in document order. */
export function schemaFormReferences(xml: string): FormReference[] {
  const text = xml.replace(/<!--[\s\S]*?-->/g, ' ').replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, ' ');
  const prefixes = new Set<string>();
  const references: FormReference[] = [];
  for (const tag of text.matchAll(TAG)) {
    const attributes = attributesOf(tag[2] ?? '');
    for (const [name, value] of attributes) {
      if (name.startsWith('xmlns:') && CAMUNDA_NAMESPACES.includes(value)) prefixes.add(name.slice('xmlns:'.length));
    }
    for (const prefix of prefixes) {
      const formKey = attributes.get(`${prefix}:formKey`);
      if (formKey !== undefined && formKey.startsWith(SCHEMA_PREFIX)) references.push({ elementId: attributes.get('id'), formKey });
    }
  }
  return references;
}
