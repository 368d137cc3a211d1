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
 *
 * Comments, CDATA sections, processing instructions and text are copied unchanged.
 */
import { findTagEnd, skipVerbatim } from './xml-scan.js';

const ACTIVITI_NS = 'http://activiti.org/bpmn';
const CAMUNDA_NS = 'http://camunda.org/schema/1.0/bpmn';
const NS_DECLARATION = /(xmlns(?::[^\s=/>]+)?=)(["'])http:\/\/activiti\.org\/bpmn\2/g;

export function normalizeXml(xml: string): string {
  const out: string[] = [];
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
    out.push(fixTag(xml.slice(lt, tagEnd)));
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
