/**
 * JUEL lexer: turns the inside of one `${...}` / `#{...}` into tokens, stopping at the closing `}`.
 *
 * Tokens follow the EL 2.2 grammar that Camunda 7 uses (through JUEL): integer and floating-point
 * literals, 'single' and "double" quoted strings whose only escapes are \\, \' and \", identifiers
 * (Java-style, Unicode letters allowed), the word operators (and or not eq ne lt gt le ge div mod
 * empty) and the symbol operators. Positions are offsets into the whole expression text, so an
 * error points at the right character of what the analyst wrote.
 */
import { ExpressionSyntaxError } from './types.js';

export type JuelTokenKind = 'number' | 'string' | 'identifier' | 'keyword' | 'operator' | 'end';

export interface JuelToken {
  readonly kind: JuelTokenKind;
  /** For 'operator' and 'keyword': the operator text; for 'identifier': the name; for 'string': the unescaped value. */
  readonly text: string;
  /** For 'number': its value. */
  readonly value?: number;
  /** Offset into the full source. */
  readonly position: number;
}

export interface LexResult {
  readonly tokens: readonly JuelToken[];
  /** Offset of the closing `}`. */
  readonly end: number;
}

/** EL reserved words. `instanceof` is reserved but not supported here. */
const KEYWORDS = new Set([
  'true', 'false', 'null', 'and', 'or', 'not', 'eq', 'ne', 'lt', 'gt', 'le', 'ge', 'div', 'mod', 'empty', 'instanceof',
]);

/** Longest first, so `<=` wins over `<`. */
const OPERATORS = ['&&', '||', '==', '!=', '<=', '>=', '!', '-', '+', '*', '/', '%', '<', '>', '?', ':', '(', ')', '[', ']', '.', ','];

const IDENTIFIER_START = /[\p{L}_$]/u;
const IDENTIFIER_PART = /[\p{L}\p{N}_$]/u;
const NUMBER = /(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/y;

/**
 * Lexes from `start` (just after `${`) up to the matching `}`. `opener` is the offset of the `$`/`#`,
 * used to report a missing `}`.
 */
export function lexExpression(source: string, start: number, opener: number): LexResult {
  const tokens: JuelToken[] = [];
  let i = start;
  const fail = (reason: string, position: number): never => {
    throw new ExpressionSyntaxError(source, reason, position);
  };

  while (i < source.length) {
    const c = source[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '}') {
      tokens.push({ kind: 'end', text: '}', position: i });
      return { tokens, end: i };
    }
    if (c === "'" || c === '"') {
      const { value, next } = lexString(source, i, fail);
      tokens.push({ kind: 'string', text: value, position: i });
      i = next;
      continue;
    }
    if (/\d/.test(c) || (c === '.' && /\d/.test(source[i + 1] ?? ''))) {
      NUMBER.lastIndex = i;
      const match = NUMBER.exec(source)!;
      const text = match[0];
      if (IDENTIFIER_START.test(source[i + text.length] ?? '')) {
        fail(`Invalid number '${text}${source[i + text.length]}'`, i);
      }
      tokens.push({ kind: 'number', text, value: Number(text), position: i });
      i += text.length;
      continue;
    }
    if (IDENTIFIER_START.test(c)) {
      let j = i + 1;
      while (j < source.length && IDENTIFIER_PART.test(source[j]!)) j++;
      const word = source.slice(i, j);
      tokens.push({ kind: KEYWORDS.has(word) ? 'keyword' : 'identifier', text: word, position: i });
      i = j;
      continue;
    }
    const operator = OPERATORS.find((op) => source.startsWith(op, i));
    if (operator !== undefined) {
      tokens.push({ kind: 'operator', text: operator, position: i });
      i += operator.length;
      continue;
    }
    if (c === '=') fail("Unexpected character '=': assignment is not supported; use '==' to compare", i);
    if (c === '&' || c === '|') fail(`Unexpected character '${c}': use '${c}${c}'`, i);
    fail(`Unexpected character '${c}'`, i);
  }
  return fail(`Missing '}' to close '${source.slice(opener, opener + 2)}'`, opener);
}

function lexString(
  source: string,
  start: number,
  fail: (reason: string, position: number) => never,
): { value: string; next: number } {
  const quote = source[start]!;
  let value = '';
  let i = start + 1;
  while (i < source.length) {
    const c = source[i]!;
    if (c === quote) return { value, next: i + 1 };
    if (c === '\\') {
      const escaped = source[i + 1];
      if (escaped === '\\' || escaped === "'" || escaped === '"') {
        value += escaped;
        i += 2;
        continue;
      }
      fail(`Invalid escape sequence '\\${escaped ?? ''}' in string (only \\\\, \\' and \\" are allowed)`, i);
    }
    value += c;
    i++;
  }
  return fail('Unterminated string literal', start);
}
