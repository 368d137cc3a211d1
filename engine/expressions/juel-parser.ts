/**
 * JUEL parser: precedence climbing over the lexer's tokens into the tree of juel-ast.ts.
 *
 * Precedence, loosest first, as in the EL specification (section 1.17):
 *   a ? b : c  (right-associative)
 *   || or
 *   && and
 *   == != eq ne
 *   < > <= >= lt gt le ge
 *   + -  (binary)
 *   * / div % mod
 *   unary - ! not empty
 *   a.b a[b]
 * Method calls (`a.b()`), EL functions (`ns:f()`), `instanceof` and EL 3.0 additions (lambdas,
 * assignment, `+=`) are not part of the subset and are reported as syntax errors at deploy time.
 */
import type { JuelBinaryOperator, JuelNode } from './juel-ast.js';
import type { JuelToken } from './juel-lexer.js';
import { ExpressionSyntaxError } from './types.js';

const BINARY: Readonly<Record<string, { operator: JuelBinaryOperator; precedence: number }>> = {
  '||': { operator: '||', precedence: 1 },
  or: { operator: '||', precedence: 1 },
  '&&': { operator: '&&', precedence: 2 },
  and: { operator: '&&', precedence: 2 },
  '==': { operator: '==', precedence: 3 },
  eq: { operator: '==', precedence: 3 },
  '!=': { operator: '!=', precedence: 3 },
  ne: { operator: '!=', precedence: 3 },
  '<': { operator: '<', precedence: 4 },
  lt: { operator: '<', precedence: 4 },
  '>': { operator: '>', precedence: 4 },
  gt: { operator: '>', precedence: 4 },
  '<=': { operator: '<=', precedence: 4 },
  le: { operator: '<=', precedence: 4 },
  '>=': { operator: '>=', precedence: 4 },
  ge: { operator: '>=', precedence: 4 },
  '+': { operator: '+', precedence: 5 },
  '-': { operator: '-', precedence: 5 },
  '*': { operator: '*', precedence: 6 },
  '/': { operator: '/', precedence: 6 },
  div: { operator: '/', precedence: 6 },
  '%': { operator: '%', precedence: 6 },
  mod: { operator: '%', precedence: 6 },
};

/** Parses the tokens of one `${...}` (ending with the 'end' token) into a tree. */
export function parseJuel(source: string, tokens: readonly JuelToken[]): JuelNode {
  return new Parser(source, tokens).parseAll();
}

/** Deeper nesting than this is refused rather than risking the evaluator's stack. */
const MAX_DEPTH = 100;

class Parser {
  private index = 0;
  private depth = 0;

  constructor(
    private readonly source: string,
    private readonly tokens: readonly JuelToken[],
  ) {}

  parseAll(): JuelNode {
    if (this.peek().kind === 'end') this.fail('Empty expression', this.peek().position);
    const node = this.parseConditional();
    const rest = this.peek();
    if (rest.kind !== 'end') {
      if (rest.text === ')') this.fail("Unbalanced ')': no matching '('", rest.position);
      if (rest.text === 'instanceof') this.fail("'instanceof' is not supported in expressions", rest.position);
      this.fail(`Unexpected ${describe(rest)}`, rest.position);
    }
    return node;
  }

  private parseConditional(): JuelNode {
    this.enter();
    const node = this.parseConditionalInner();
    this.depth--;
    return node;
  }

  private parseConditionalInner(): JuelNode {
    const test = this.parseBinary(1);
    const question = this.peek();
    if (!this.isOperator(question, '?')) return test;
    this.index++;
    const consequent = this.parseConditional();
    this.expect(':', `Expected ':' of the '?' at ${question.position}`);
    const alternate = this.parseConditional();
    return { kind: 'conditional', test, consequent, alternate, position: question.position };
  }

  private parseBinary(minPrecedence: number): JuelNode {
    let left = this.parseUnary();
    for (;;) {
      const token = this.peek();
      const binary = token.kind === 'operator' || token.kind === 'keyword' ? BINARY[token.text] : undefined;
      if (binary === undefined || binary.precedence < minPrecedence) return left;
      this.index++;
      const right = this.parseBinary(binary.precedence + 1);
      left = { kind: 'binary', operator: binary.operator, left, right, position: token.position };
    }
  }

  private parseUnary(): JuelNode {
    const token = this.peek();
    const operator =
      token.text === '!' || token.text === 'not'
        ? '!'
        : token.text === '-'
          ? '-'
          : token.text === 'empty'
            ? 'empty'
            : undefined;
    if (operator !== undefined && (token.kind === 'operator' || token.kind === 'keyword')) {
      this.index++;
      this.enter();
      const operand = this.parseUnary();
      this.depth--;
      return { kind: 'unary', operator, operand, position: token.position };
    }
    return this.parseValue();
  }

  private parseValue(): JuelNode {
    let node = this.parsePrimary();
    for (;;) {
      const token = this.peek();
      if (this.isOperator(token, '.')) {
        this.index++;
        const name = this.peek();
        if (name.kind !== 'identifier') this.fail(`Expected a property name after '.', got ${describe(name)}`, name.position);
        this.index++;
        node = { kind: 'member', object: node, property: { kind: 'literal', value: name.text, position: name.position }, position: name.position };
      } else if (this.isOperator(token, '[')) {
        this.index++;
        const property = this.parseConditional();
        this.expect(']', `Missing ']' to close '[' at ${token.position}`);
        node = { kind: 'member', object: node, property, position: token.position };
      } else if (this.isOperator(token, '(')) {
        this.fail('Method and function calls are not supported in expressions', token.position);
      } else {
        return node;
      }
    }
  }

  private parsePrimary(): JuelNode {
    const token = this.peek();
    switch (token.kind) {
      case 'number':
        this.index++;
        return { kind: 'literal', value: token.value!, position: token.position };
      case 'string':
        this.index++;
        return { kind: 'literal', value: token.text, position: token.position };
      case 'identifier':
        this.index++;
        if (this.isOperator(this.peek(), ':') && this.tokens[this.index + 1]?.kind === 'identifier') {
          this.fail('EL functions (prefix:name) are not supported in expressions', token.position);
        }
        return { kind: 'identifier', name: token.text, position: token.position };
      case 'keyword':
        if (token.text === 'true' || token.text === 'false' || token.text === 'null') {
          this.index++;
          return { kind: 'literal', value: token.text === 'null' ? null : token.text === 'true', position: token.position };
        }
        break;
      case 'operator':
        if (token.text === '(') {
          this.index++;
          const inner = this.parseConditional();
          this.expect(')', `Missing ')' to close '(' at ${token.position}`);
          return inner;
        }
        break;
      case 'end':
        break;
    }
    const previous = this.tokens[this.index - 1];
    if (previous !== undefined && (previous.kind === 'operator' || previous.kind === 'keyword')) {
      this.fail(`Expected an operand after '${previous.text}', got ${describe(token)}`, token.position);
    }
    return this.fail(`Unexpected ${describe(token)}`, token.position);
  }

  private enter(): void {
    if (++this.depth > MAX_DEPTH) this.fail(`Expression nested more than ${MAX_DEPTH} levels deep`, this.peek().position);
  }

  private peek(): JuelToken {
    return this.tokens[Math.min(this.index, this.tokens.length - 1)]!;
  }

  private isOperator(token: JuelToken, text: string): boolean {
    return token.kind === 'operator' && token.text === text;
  }

  private expect(text: string, reason: string): void {
    const token = this.peek();
    if (!this.isOperator(token, text)) this.fail(`${reason}, got ${describe(token)}`, token.position);
    this.index++;
  }

  private fail(reason: string, position: number): never {
    throw new ExpressionSyntaxError(this.source, reason, position);
  }
}

function describe(token: JuelToken): string {
  switch (token.kind) {
    case 'end':
      return "the closing '}'";
    case 'string':
      return 'a string';
    case 'number':
      return `number ${token.text}`;
    default:
      return `'${token.text}'`;
  }
}
