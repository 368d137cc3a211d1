/**
 * The JUEL subset Camunda 7 models use: values, operators and their EL semantics, templates,
 * evaluation errors and syntax errors with positions.
 */
import {
  ExpressionEvaluationError,
  ExpressionSyntaxError,
  compileExpression,
} from '../../../engine/expressions/index.js';

const variables = {
  input: 1,
  approved: false,
  a: 2,
  b: 'x',
  nrOfCompletedInstances: 2,
  nrOfInstances: 4,
  loopCounter: 3,
  n: null,
  u: undefined,
  zero: 0,
  text: 'hello',
  numeric: '42',
  decimal: '2.5',
  emptyText: '',
  yes: 'TRUE',
  customer: { name: 'Lan', address: { city: 'Huế' }, tags: ['vip'], nothing: null },
  list: [10, 20, 30],
  emptyList: [],
  emptyObject: {},
  when: new Date('2024-01-02T03:04:05Z'),
  later: new Date('2024-06-01T00:00:00Z'),
  'tên': 'Hà Nội',
};

function evaluate(source: string, context: Record<string, unknown> = variables): unknown {
  return compileExpression(source).evaluate(context);
}

function syntaxError(source: string): ExpressionSyntaxError {
  try {
    compileExpression(source);
  } catch (error) {
    if (error instanceof ExpressionSyntaxError) return error;
    throw error;
  }
  throw new Error(`expected '${source}' not to compile`);
}

describe('JUEL: the Camunda 7 expressions', () => {
  test.each<[string, unknown]>([
    ['${input == 1}', true],
    ['${input <= 2}', true],
    ['${input > 1}', false],
    ['${!approved}', true],
    ["${a > 1 && b == 'x'}", true],
    ['${nrOfCompletedInstances/nrOfInstances >= 0.5}', true],
    ['${nrOfCompletedInstances/nrOfInstances > 0.5}', false],
    ['${5-2}', 3],
    ['kermit_${loopCounter}', 'kermit_3'],
    ['My Task ${a}', 'My Task 2'],
  ])('%s → %p', (source, expected) => {
    expect(evaluate(source)).toEqual(expected);
  });
});

describe('JUEL: literals', () => {
  test.each<[string, unknown]>([
    ['${42}', 42],
    ['${0}', 0],
    ['${2.5}', 2.5],
    ['${.5}', 0.5],
    ['${1e3}', 1000],
    ['${1.5E-1}', 0.15],
    ["${'single'}", 'single'],
    ['${"double"}', 'double'],
    ["${'it\\'s'}", "it's"],
    ['${"say \\"hi\\""}', 'say "hi"'],
    ["${'back\\\\slash'}", 'back\\slash'],
    ["${'a \"b\"'}", 'a "b"'],
    ["${'}'}", '}'],
    ["${''}", ''],
    ['${true}', true],
    ['${false}', false],
    ['${null}', null],
    ['#{a}', 2],
  ])('%s → %p', (source, expected) => {
    expect(evaluate(source)).toEqual(expected);
  });

  test('a single ${...} keeps the native type of the value', () => {
    expect(evaluate('${customer}')).toBe(variables.customer);
    expect(evaluate('${list}')).toBe(variables.list);
    expect(evaluate('${when}')).toBe(variables.when);
  });

  test('a variable holding undefined reads as null', () => {
    expect(evaluate('${u}')).toBeNull();
  });

  test('identifiers may use Unicode letters, $ and _', () => {
    expect(evaluate('${tên}')).toBe('Hà Nội');
    expect(evaluate('${$x + _y}', { $x: 1, _y: 2 })).toBe(3);
  });
});

describe('JUEL: property access', () => {
  test.each<[string, unknown]>([
    ['${customer.name}', 'Lan'],
    ['${customer.address.city}', 'Huế'],
    ["${customer['name']}", 'Lan'],
    ['${customer["address"]["city"]}', 'Huế'],
    ['${customer.tags[0]}', 'vip'],
    ['${customer.missing}', null],
    ['${customer.nothing}', null],
    ['${list[1]}', 20],
    ["${list['2']}", 30],
    ['${list[3]}', null],
    ['${list[-1]}', null],
    ['${list[a - 1]}', 20],
    ['${customer[null]}', null],
  ])('%s → %p', (source, expected) => {
    expect(evaluate(source)).toEqual(expected);
  });

  test.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])('prototype member %s is not reachable', (name) => {
    expect(evaluate(`\${customer.${name}}`)).toBeNull();
    expect(evaluate(`\${customer['${name}']}`)).toBeNull();
  });
});

describe('JUEL: operators', () => {
  test.each<[string, unknown]>([
    // arithmetic
    ['${1 + 2}', 3],
    ['${7 - 10}', -3],
    ['${3 * 4}', 12],
    ['${5/2}', 2.5],
    ['${6/3}', 2],
    ['${5 div 2}', 2.5],
    ['${7 % 3}', 1],
    ['${7 mod 3}', 1],
    ['${-7 % 3}', -1],
    ['${2.5 * 2}', 5],
    ['${0.1 + 0.2}', 0.1 + 0.2],
    ['${1 + 2 * 3}', 7],
    ['${(1 + 2) * 3}', 9],
    ['${10 - 4 - 3}', 3],
    ['${24 / 4 / 2}', 3],
    ['${-a}', -2],
    ['${- -a}', 2],
    ['${-(1 + 2)}', -3],
    ['${-numeric}', -42],
    ["${'1' + '2'}", 3],
    ['${numeric + 1}', 43],
    ['${decimal * 2}', 5],
    ['${n + n}', 0],
    ['${n + 1}', 1],
    ['${emptyText + 1}', 1],
    ['${-n}', 0],
    // relational
    ['${1 < 2}', true],
    ['${2 < 1}', false],
    ['${2 > 1}', true],
    ['${2 <= 2}', true],
    ['${2 >= 3}', false],
    ['${1 lt 2}', true],
    ['${1 gt 2}', false],
    ['${2 le 2}', true],
    ['${2 ge 2}', true],
    ["${'10' > 9}", true],
    ["${'10' < '9'}", true],
    ["${'abc' < 'abd'}", true],
    ['${n < 1}', false],
    ['${n > 1}', false],
    ['${n >= n}', true],
    ['${when < later}', true],
    ['${later <= when}', false],
    ['${false < true}', true],
    // equality
    ['${1 == 1.0}', true],
    ["${1 == '1'}", true],
    ["${numeric == 42}", true],
    ["${'a' == 'a'}", true],
    ["${'a' == 'b'}", false],
    ["${'a' != 'b'}", true],
    ['${n == null}', true],
    ['${null == null}', true],
    ['${null != null}', false],
    ['${a == null}', false],
    ["${n == ''}", false],
    ['${1 eq 1}', true],
    ['${1 ne 1}', false],
    ["${yes == true}", true],
    ["${'false' == false}", true],
    ['${approved == false}', true],
    ['${customer == customer}', true],
    ['${list == list}', true],
    ['${emptyList == emptyObject}', false],
    ['${when == when}', true],
    ["${when == '2024-01-02T03:04:05.000Z'}", true],
    ["${customer == 'x'}", false],
    // logical
    ['${true && false}', false],
    ['${true and true}', true],
    ['${false || true}', true],
    ['${false or false}', false],
    ['${!true}', false],
    ['${not true}', false],
    ['${not approved and a == 2}', true],
    ["${yes && 'true'}", true],
    ['${n || emptyText}', false],
    ['${true || false && false}', true],
    ['${(true || false) && false}', false],
    ['${a > 1 == true}', true],
    // empty
    ['${empty n}', true],
    ['${empty emptyText}', true],
    ['${empty emptyList}', true],
    ['${empty emptyObject}', true],
    ['${empty list}', false],
    ['${empty customer}', false],
    ['${empty text}', false],
    ['${empty zero}', false],
    ['${not empty list}', true],
    ['${!empty customer.missing}', false],
    // conditional
    ["${a > 1 ? 'big' : 'small'}", 'big'],
    ["${a > 5 ? 'big' : 'small'}", 'small'],
    ["${a > 5 ? 'big' : a > 1 ? 'medium' : 'small'}", 'medium'],
    ['${approved ? 1 : 2 + 3}', 5],
    ['${(approved ? 1 : 2) + 3}', 5],
  ])('%s → %p', (source, expected) => {
    expect(evaluate(source)).toEqual(expected);
  });

  test('integers stay integers', () => {
    expect(Number.isInteger(evaluate('${3 * 4 + 10 - 2 % 5}'))).toBe(true);
  });

  test('&& and || short-circuit: the other side is not evaluated', () => {
    expect(evaluate('${approved && missing}')).toBe(false);
    expect(evaluate('${!approved || missing.name}')).toBe(true);
    expect(evaluate("${a > 1 ? 'ok' : missing}")).toBe('ok');
    expect(evaluate("${a < 1 ? missing : 'ok'}")).toBe('ok');
  });

  test('whitespace, tabs and newlines between tokens are ignored', () => {
    expect(evaluate('${\n  a >\t1\n  && b == "x"\n}')).toBe(true);
  });
});

describe('JUEL: composite templates', () => {
  test.each<[string, unknown]>([
    ['kermit_${loopCounter}', 'kermit_3'],
    ['${a}${b}', '2x'],
    ['${a}', 2],
    [' ${a}', ' 2'],
    ['Task ${a} of ${nrOfInstances}', 'Task 2 of 4'],
    ['value: ${n}', 'value: '],
    ['ok: ${!approved}', 'ok: true'],
    ['half: ${5/2}', 'half: 2.5'],
    ['at ${when}', 'at 2024-01-02T03:04:05.000Z'],
    ['list ${list}', 'list [10,20,30]'],
    ['obj ${customer.address}', 'obj {"city":"Huế"}'],
    ['price \\${a} is ${a}', 'price ${a} is 2'],
    ['\\#{a}', '#{a}'],
    ['$ {a} and #a and $$', '$ {a} and #a and $$'],
    ["${'}'} brace", '} brace'],
    ['#{a}-#{b}', '2-x'],
  ])('%s → %p', (source, expected) => {
    expect(evaluate(source)).toEqual(expected);
  });

  test('language is juel for expressions and templates, literal for plain text', () => {
    expect(compileExpression('${a}').language).toBe('juel');
    expect(compileExpression('kermit_${loopCounter}').language).toBe('juel');
    expect(compileExpression('\\${a}').language).toBe('juel');
    expect(compileExpression('Approve the request').language).toBe('literal');
    expect(compileExpression('').language).toBe('literal');
  });

  test('plain text is returned as written', () => {
    const compiled = compileExpression('Thẩm định hồ sơ $5 {x} a == b');
    expect(compiled.evaluate({})).toBe('Thẩm định hồ sơ $5 {x} a == b');
    expect(compiled.source).toBe('Thẩm định hồ sơ $5 {x} a == b');
  });

  test('with language juel the text must contain an expression', () => {
    expect(compileExpression('${a}', { language: 'juel' }).evaluate(variables)).toBe(2);
    expect(compileExpression('x ${a}', { language: 'juel' }).evaluate(variables)).toBe('x 2');
    expect(() => compileExpression('a > 1', { language: 'juel' })).toThrow(ExpressionSyntaxError);
    expect(() => compileExpression('=a', { language: 'juel' })).toThrow(ExpressionSyntaxError);
  });

  test('the compiled expression keeps its source and can be evaluated many times', () => {
    const compiled = compileExpression('${a * 2}');
    expect(compiled.source).toBe('${a * 2}');
    expect(compiled.evaluate({ a: 1 })).toBe(2);
    expect(compiled.evaluate({ a: 21 })).toBe(42);
  });
});

describe('JUEL: evaluation errors', () => {
  test.each<[string, string]>([
    ['${x}', "Unknown variable 'x'"],
    ['${x == 1}', "Unknown variable 'x'"],
    ['Task ${x}', "Unknown variable 'x'"],
    ['${n.name}', "Cannot read property 'name' of null"],
    ['${customer.nothing.city}', "Cannot read property 'city' of null"],
    ["${n['key']}", "Cannot read property 'key' of null"],
    ['${a.b}', "Cannot read property 'b' of number 2"],
    ['${text.length}', "Cannot read property 'length' of string 'hello'"],
    ["${list['first']}", "Cannot use string 'first' as a list index"],
    ["${'a' + 'b'}", "Cannot coerce string 'a' to a number"],
    ['${text + 1}', "Cannot coerce string 'hello' to a number"],
    ['${approved + 1}', 'Cannot coerce boolean false to a number'],
    ['${customer * 2}', 'Cannot coerce object to a number'],
    ['${-text}', "Cannot coerce string 'hello' to a number"],
    ['${a && true}', 'Cannot coerce number 2 to a boolean'],
    ['${!a}', 'Cannot coerce number 2 to a boolean'],
    ["${a ? 'y' : 'n'}", 'Cannot coerce number 2 to a boolean'],
    ["${text == 1}", "Cannot coerce string 'hello' to a number"],
    ['${1/0}', 'Division by zero'],
    ['${a / zero}', 'Division by zero'],
    ['${a % zero}', 'Division by zero'],
    ["${text > 1}", "Cannot coerce string 'hello' to a number"],
    ['${customer > list}', 'Cannot compare object with list of 3'],
    ["${when > 'x'}", 'Cannot coerce date 2024-01-02T03:04:05.000Z to a string'],
  ])('%s fails: %s', (source, reason) => {
    const compiled = compileExpression(source);
    let caught: unknown;
    try {
      compiled.evaluate(variables);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ExpressionEvaluationError);
    const error = caught as ExpressionEvaluationError;
    expect(error.reason).toContain(reason);
    expect(error.source).toBe(source);
    expect(error.message).toContain(source);
  });
});

describe('JUEL: syntax errors are found at compile time, with a position', () => {
  test.each<[string, number, string]>([
    ['${(a}', 4, "Missing ')'"],
    ['${((a + 1) * 2}', 14, "Missing ')'"],
    ['${a)}', 3, "Unbalanced ')'"],
    ['${a >}', 5, "Expected an operand after '>'"],
    ['${a &&}', 6, "Expected an operand after '&&'"],
    ['${* a}', 2, "Unexpected '*'"],
    ["${'abc}", 2, 'Unterminated string literal'],
    ['${"abc}', 2, 'Unterminated string literal'],
    ['x ${a} ${"abc}', 9, 'Unterminated string literal'],
    ['${a # b}', 4, "Unexpected character '#'"],
    ['${a @ b}', 4, "Unexpected character '@'"],
    ['${a = 1}', 4, "use '=='"],
    ['${a & b}', 4, "use '&&'"],
    ['${a | b}', 4, "use '||'"],
    ['${}', 2, 'Empty expression'],
    ['${   }', 5, 'Empty expression'],
    ['${a', 0, "Missing '}'"],
    ['Task ${a + 1', 5, "Missing '}'"],
    ['${a b}', 4, "Unexpected 'b'"],
    ['${1 2}', 4, 'Unexpected number 2'],
    ['${a ? 1}', 7, "Expected ':'"],
    ['${a..b}', 4, 'Expected a property name'],
    ['${a.}', 4, 'Expected a property name'],
    ['${a.1}', 3, 'Unexpected number .1'],
    ['${a[1}', 5, "Missing ']'"],
    ["${execution.getVariable('x')}", 23, 'calls are not supported'],
    ['${myBean.check(a)}', 14, 'calls are not supported'],
    ['${fn:len(a)}', 2, 'EL functions'],
    ['${a instanceof b}', 4, "'instanceof' is not supported"],
    ["${'\\n'}", 3, 'Invalid escape sequence'],
    ['${12abc}', 2, 'Invalid number'],
    ['${a}#{b}', 4, "Cannot mix '${...}' and '#{...}'"],
    ['${x -> x}', 5, "Expected an operand after '-'"],
    ['${a{}', 3, "Unexpected character '{'"],
  ])('%s at %d: %s', (source, position, reason) => {
    const error = syntaxError(source);
    expect(error.reason).toContain(reason);
    expect(error.position).toBe(position);
    expect(error.source).toBe(source);
    expect(error.message).toContain(`(at ${position})`);
  });

  test('deeply nested input is refused rather than overflowing the stack', () => {
    const source = `\${${'('.repeat(5000)}1${')'.repeat(5000)}}`;
    expect(syntaxError(source).reason).toContain('nested');
    expect(syntaxError(`\${${'!'.repeat(5000)}true}`).reason).toContain('nested');
    expect(evaluate(`\${${'('.repeat(50)}1${')'.repeat(50)}}`)).toBe(1);
  });
});
