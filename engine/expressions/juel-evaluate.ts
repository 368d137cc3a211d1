/**
 * JUEL evaluator: walks the tree of juel-ast.ts against the process variables.
 *
 * Semantics follow the EL specification as JUEL implements it for Camunda 7, with these choices:
 * - An identifier that is not a variable fails with "Unknown variable 'x'" (Camunda throws
 *   PropertyNotFoundException there). A variable holding undefined reads as null.
 * - Property access reads own properties of plain objects (a missing property is null, as JUEL's
 *   MapELResolver gives) and indexes of lists (out of range is null); `a[null]` is null. Reading a
 *   property of null is an error naming the property (JUEL would return null; an error tells the
 *   analyst which path was empty). Properties of strings, numbers, booleans and dates are errors;
 *   prototype members (constructor, __proto__...) are never reachable.
 * - `+ - * / %` coerce both sides to numbers (so `'a' + 'b'` is an error, not a concatenation);
 *   both sides null gives 0; `/` and `%` by zero are errors rather than Infinity/NaN, which could
 *   not be stored as a variable.
 * - `&&`, `||` short-circuit and yield booleans; `a ? b : c` evaluates only the chosen branch.
 */
import type { JuelNode } from './juel-ast.js';
import { describeValue } from './describe-value.js';
import {
  JuelFailure,
  compare,
  equals,
  isEmpty,
  isPlainObject,
  toBoolean,
  toNumber,
} from './juel-coerce.js';
import type { ExpressionContext } from './types.js';

export function evaluateJuel(node: JuelNode, context: ExpressionContext): unknown {
  switch (node.kind) {
    case 'literal':
      return node.value;
    case 'identifier':
      if (!Object.hasOwn(context, node.name)) throw new JuelFailure(`Unknown variable '${node.name}'`);
      return context[node.name] ?? null;
    case 'member':
      return readMember(node, context);
    case 'unary': {
      const operand = evaluateJuel(node.operand, context);
      if (node.operator === '!') return !toBoolean(operand);
      if (node.operator === 'empty') return isEmpty(operand);
      return 0 - toNumber(operand);
    }
    case 'conditional':
      return toBoolean(evaluateJuel(node.test, context))
        ? evaluateJuel(node.consequent, context)
        : evaluateJuel(node.alternate, context);
    case 'binary':
      return evaluateBinary(node, context);
  }
}

function evaluateBinary(node: Extract<JuelNode, { kind: 'binary' }>, context: ExpressionContext): unknown {
  const left = evaluateJuel(node.left, context);
  switch (node.operator) {
    case '&&':
      return toBoolean(left) && toBoolean(evaluateJuel(node.right, context));
    case '||':
      return toBoolean(left) || toBoolean(evaluateJuel(node.right, context));
    default:
      break;
  }
  const right = evaluateJuel(node.right, context);
  switch (node.operator) {
    case '==':
      return equals(left, right);
    case '!=':
      return !equals(left, right);
    case '<':
    case '>':
    case '<=':
    case '>=':
      return relation(node.operator, compare(left, right));
    default:
      return arithmetic(node.operator, left, right);
  }
}

function relation(operator: '<' | '>' | '<=' | '>=', order: number | null): boolean {
  if (order === null) return false;
  switch (operator) {
    case '<':
      return order < 0;
    case '>':
      return order > 0;
    case '<=':
      return order <= 0;
    case '>=':
      return order >= 0;
  }
}

function arithmetic(operator: '*' | '/' | '%' | '+' | '-', left: unknown, right: unknown): number {
  if ((left === null || left === undefined) && (right === null || right === undefined)) return 0;
  const a = toNumber(left);
  const b = toNumber(right);
  switch (operator) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      if (b === 0) throw new JuelFailure(`Division by zero (${a} / 0)`);
      return a / b;
    case '%':
      if (b === 0) throw new JuelFailure(`Division by zero (${a} % 0)`);
      return a % b;
  }
}

function readMember(node: Extract<JuelNode, { kind: 'member' }>, context: ExpressionContext): unknown {
  const object = evaluateJuel(node.object, context);
  const key = evaluateJuel(node.property, context);
  if (object === null || object === undefined) {
    throw new JuelFailure(`Cannot read property '${String(key)}' of null`);
  }
  if (key === null || key === undefined) return null;
  if (Array.isArray(object)) {
    const index = typeof key === 'number' ? key : typeof key === 'string' && /^\d+$/.test(key) ? Number(key) : NaN;
    if (!Number.isInteger(index)) throw new JuelFailure(`Cannot use ${describeValue(key)} as a list index`);
    return index >= 0 && index < object.length ? (object[index] ?? null) : null;
  }
  if (object instanceof Map) return (object.get(key) as unknown) ?? null;
  if (isPlainObject(object)) {
    const name = typeof key === 'string' ? key : String(key);
    return Object.hasOwn(object, name) ? (object[name] ?? null) : null;
  }
  throw new JuelFailure(`Cannot read property '${String(key)}' of ${describeValue(object)}`);
}
