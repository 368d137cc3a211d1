/**
 * Textual fixes applied to a BPMN document before bpmn-moddle reads it. Both keep the document's
 * meaning; they only work around the parser and old Camunda exports:
 *
 * 1. XML allows whitespace around '=' in an attribute (XML 1.0 §2.3, `Eq ::= S? '=' S?`), but the
 *    saxen parser inside bpmn-moddle rejects `source ="x"` and drops the whole element as
 *    "unparsable content" (Camunda's CallActivity.testSubProcessDataInputOutput has one). The
 *    whitespace is moved after the attribute value, so line numbers in later warnings stay right.
 * 2. Camunda 7 reads the legacy Activiti namespace `http://activiti.org/bpmn` as its own extension
 *    namespace; a namespace declaration with that URI is rewritten to Camunda's, so `camunda:class`
 *    in such a file is checked like any other.
 * 3. messageRef and signalRef are QNames: `tns:newInvoice`, where the prefix is bound to the
 *    document's targetNamespace, names the message with id newInvoice (Camunda 7 resolves them so;
 *    its MessageStartEventTest models are written that way). bpmn-moddle resolves plain ids only,
 *    so such a prefix is dropped (the value is padded after its closing quote to keep columns).
 *    A prefix bound to another namespace is kept, and the reference stays unresolved.
 *
 * Comments, CDATA sections, processing instructions and text are copied unchanged.
 */
import { findTagEnd, skipVerbatim } from './xml-scan.js';

const ACTIVITI_NS = 'http://activiti.org/bpmn';
const CAMUNDA_NS = 'http://camunda.org/schema/1.0/bpmn';
const NS_DECLARATION = /(xmlns(?::[^\s=/>]+)?=)(["'])http:\/\/activiti\.org\/bpmn\2/g;

export function normalizeXml(xml: string): string {
  const out: string[] = [];
  /** Prefixes bound to the targetNamespace on the root <definitions> element. */
  let localPrefixes: ReadonlySet<string> | undefined;
  let i = 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    if (lt < 0) {
      out.push(xml.slice(i));
      break;
    }
    out.push(xml.slice(i, lt));
    const end = skipVerbatim(xml, lt);
    if (end !== undefined) {
      out.push(xml.slice(lt, end));
      i = end;
      continue;
    }
    const tagEnd = findTagEnd(xml, lt);
    let tag = fixTag(xml.slice(lt, tagEnd));
    if (localPrefixes === undefined && /^<(?:[\w.-]+:)?definitions[\s/>]/.test(tag)) localPrefixes = targetNamespacePrefixes(tag);
    if (localPrefixes !== undefined && localPrefixes.size > 0) tag = dropLocalPrefixes(tag, localPrefixes);
    out.push(tag);
    i = tagEnd;
  }
  return out.join('');
}

function fixTag(tag: string): string {
  const out: string[] = [];
  let quote: string | undefined;
  let moved = '';
  for (let j = 0; j < tag.length; j++) {
    const c = tag.charAt(j);
    if (quote) {
      out.push(c);
      if (c === quote) {
        quote = undefined;
        out.push(moved);
        moved = '';
      }
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      out.push(c);
    } else if (/\s/.test(c)) {
      let k = j;
      while (k < tag.length && /\s/.test(tag.charAt(k))) k++;
      if (tag.charAt(k) === '=') {
        moved += tag.slice(j, k);
        j = k - 1;
      } else {
        out.push(c);
      }
    } else if (c === '=') {
      out.push(c);
      let k = j + 1;
      while (k < tag.length && /\s/.test(tag.charAt(k))) k++;
      moved += tag.slice(j + 1, k);
      j = k - 1;
    } else {
      out.push(c);
    }
  }
  out.push(moved);
  const fixed = out.join('');
  return fixed.includes(ACTIVITI_NS) ? fixed.replace(NS_DECLARATION, `$1$2${CAMUNDA_NS}$2`) : fixed;
}

/** A tag's attributes, each with its name, its value (without quotes) and where it is in the tag. */
const ATTRIBUTE = /(\s)([^\s=/>]+)=("([^"]*)"|'([^']*)')/g;

function targetNamespacePrefixes(tag: string): ReadonlySet<string> {
  const attributes = new Map<string, string>();
  for (const m of tag.matchAll(ATTRIBUTE)) attributes.set(m[2] as string, m[4] ?? m[5] ?? '');
  const target = attributes.get('targetNamespace');
  const prefixes = new Set<string>();
  if (target === undefined || target === '') return prefixes;
  for (const [name, value] of attributes) {
    if (name.startsWith('xmlns:') && value === target) prefixes.add(name.slice('xmlns:'.length));
  }
  return prefixes;
}

const QNAME_REFERENCES = new Set(['messageRef', 'signalRef']);

function dropLocalPrefixes(tag: string, prefixes: ReadonlySet<string>): string {
  return tag.replace(ATTRIBUTE, (whole: string, space: string, name: string, quoted: string) => {
    if (!QNAME_REFERENCES.has(name)) return whole;
    const quote = quoted.charAt(0);
    const value = quoted.slice(1, -1);
    const colon = value.indexOf(':');
    if (colon < 0 || !prefixes.has(value.slice(0, colon))) return whole;
    return `${space}${name}=${quote}${value.slice(colon + 1)}${quote}${' '.repeat(colon + 1)}`;
  });
}
