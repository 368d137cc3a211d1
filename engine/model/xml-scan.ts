/**
 * A minimal XML tag scanner shared by the pre-parse normalization and by the lookup that names the
 * element around a parser warning's position. It only finds tag boundaries; it does not parse XML.
 */

/** The end of a comment, CDATA section, processing instruction or doctype starting at `at`. */
export function skipVerbatim(xml: string, at: number): number | undefined {
  const until = (marker: string): number => {
    const found = xml.indexOf(marker, at + 2);
    return found < 0 ? xml.length : found + marker.length;
  };
  if (xml.startsWith('<!--', at)) return until('-->');
  if (xml.startsWith('<![CDATA[', at)) return until(']]>');
  if (xml.startsWith('<?', at)) return until('?>');
  if (xml.startsWith('<!', at)) return until('>');
  return undefined;
}

/** Index just after the '>' closing the tag that starts at `at`, ignoring '>' inside quotes. */
export function findTagEnd(xml: string, at: number): number {
  let quote: string | undefined;
  for (let j = at + 1; j < xml.length; j++) {
    const c = xml[j];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '>') {
      return j + 1;
    }
  }
  return xml.length;
}
