/**
 * Names the element a parser warning is about. bpmn-moddle reports content it could not read with
 * only a line and column ("unparsable content <camunda:out> detected, line: 16, column: 6"); this
 * finds the id of that element or, when it has none, of the nearest enclosing element with an id,
 * so every problem can name an element id.
 */
import { findTagEnd, skipVerbatim } from './xml-scan.js';

const ID_ATTRIBUTE = /\sid\s*=\s*(["'])([^"']*)\1/;

/** Line and column as bpmn-moddle reports them: both counted from 0. */
export function enclosingElementId(xml: string, line: number, column: number): string | undefined {
  const offset = offsetOf(xml, line, column);
  if (offset === undefined) return undefined;
  const open: (string | undefined)[] = [];
  let i = 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    if (lt < 0 || lt > offset) break;
    const verbatim = skipVerbatim(xml, lt);
    if (verbatim !== undefined) {
      i = verbatim;
      continue;
    }
    const end = findTagEnd(xml, lt);
    const tag = xml.slice(lt, end);
    const id = ID_ATTRIBUTE.exec(tag)?.[2];
    if (lt === offset) return id ?? innermost(open);
    if (tag.startsWith('</')) open.pop();
    else if (!tag.endsWith('/>')) open.push(id);
    i = end;
  }
  return innermost(open);
}

function innermost(open: readonly (string | undefined)[]): string | undefined {
  for (let k = open.length - 1; k >= 0; k--) {
    if (open[k]) return open[k];
  }
  return undefined;
}

function offsetOf(xml: string, line: number, column: number): number | undefined {
  let offset = 0;
  for (let l = 0; l < line; l++) {
    const nl = xml.indexOf('\n', offset);
    if (nl < 0) return undefined;
    offset = nl + 1;
  }
  return offset + column;
}
