/**
 * FEEL through feelin: detection by '=', values, conversion of temporal results to ISO text, the
 * injected clock, syntax errors at compile time and evaluation errors.
 */
import {
  ExpressionEvaluationError,
  ExpressionSyntaxError,
  compileExpression,
} from '../../../engine/expressions/index.js';

const variables = {
  a: 2,
  b: 3,
  x: true,
  name: 'Lan',
  items: [1, 2, 3, 4],
  order: { total: 120, lines: [{ price: 20 }, { price: 100 }] },
  'first name': 'Minh',
  born: new Date('2000-05-06T07:08:09Z'),
  nothing: null,
};

function evaluate(source: string, context: Record<string, unknown> = variables): unknown {
  return compileExpression(source).evaluate(context);
}

function syntaxError(source: string, options?: { language?: 'feel' }): ExpressionSyntaxError {
  try {
    compileExpression(source, options);
  } catch (error) {
    if (error instanceof ExpressionSyntaxError) return error;
    throw error;
  }
  throw new Error(`expected '${source}' not to compile`);
}

describe('FEEL: values', () => {
  test.each<[string, unknown]>([
    ['=a > 1', true],
    ['=a < 1', false],
    ['=a = 2', true],
    ['=a != 2', false],
    ['= if x then "a" else "b"', 'a'],
    ['=if a > 5 then "big" else "small"', 'small'],
    ['={total: a + b}', { total: 5 }],
    ['={sum: a + b, label: "n=" + string(a)}', { sum: 5, label: 'n=2' }],
    ['="Hello " + name', 'Hello Lan'],
    ['="a" + "b" + "c"', 'abc'],
    ['=[1, 2, 3]', [1, 2, 3]],
    ['=items[item > 2]', [3, 4]],
    ['=count(items)', 4],
    ['=sum(items)', 10],
    ['=items[1]', 1],
    ['=for i in items return i * 2', [2, 4, 6, 8]],
    ['=some i in items satisfies i > 3', true],
    ['=every i in items satisfies i > 3', false],
    ['=list contains(items, 3)', true],
    ['=order.total', 120],
    ['=order.lines.price', [20, 100]],
    ['=sum(order.lines.price) = order.total', true],
    ['=a in [1..5]', true],
    ['=a between 3 and 5', false],
    ['=first name', 'Minh'],
    ['=`first name`', 'Minh'],
    ['=upper case(name)', 'LAN'],
    ['=string length(name)', 3],
    ['=5 / 2', 2.5],
    ['=2 ** 10', 1024],
    ['=not(x)', false],
    ['=x and a > 1', true],
    ['=nothing', null],
    ['=null', null],
    ['=  a + 1', 3],
    ['  =a + 1', 3],
    ['=a +\n  b', 5],
  ])('%s → %p', (source, expected) => {
    expect(evaluate(source)).toEqual(expected);
  });

  test('language is feel, source is kept', () => {
    const compiled = compileExpression('=a > 1');
    expect(compiled.language).toBe('feel');
    expect(compiled.source).toBe('=a > 1');
  });

  test("with language 'feel' the whole text is FEEL, a leading '=' is skipped", () => {
    expect(compileExpression('a > 1', { language: 'feel' }).evaluate(variables)).toBe(true);
    expect(compileExpression('=a > 1', { language: 'feel' }).evaluate(variables)).toBe(true);
    expect(compileExpression('"${a}"', { language: 'feel' }).evaluate(variables)).toBe('${a}');
    expect(compileExpression('a + b', { language: 'feel' }).language).toBe('feel');
  });

  test('unknown variables and properties are null, as FEEL says', () => {
    expect(evaluate('=missing')).toBeNull();
    expect(evaluate('=order.missing')).toBeNull();
    expect(evaluate('=missing > 1')).toBeNull();
    expect(evaluate('="a" + 1')).toBeNull();
    expect(evaluate('=1 / 0')).toBeNull();
  });

  test('the context is not changed by evaluation', () => {
    const context = { a: 1, nested: { b: [1, 2] } };
    const before = JSON.stringify(context);
    evaluate('={a: 5, nested: null}', context);
    expect(JSON.stringify(context)).toBe(before);
  });
});

describe('FEEL: dates and times become ISO-8601 text', () => {
  test.each<[string, unknown]>([
    ['=date("2020-04-06")', '2020-04-06'],
    ['=date("2020-04-06") + duration("P1D")', '2020-04-07'],
    ['=time("10:30:00")', '10:30:00'],
    ['=date and time("2020-04-06T10:30:00Z")', '2020-04-06T10:30:00Z'],
    ['=date and time("2020-04-06T10:30:00")', '2020-04-06T10:30:00'],
    ['=date and time("2020-04-06T10:30:00+07:00")', '2020-04-06T10:30:00+07:00'],
    ['=duration("P2DT3H")', 'P2DT3H'],
    ['=duration("P1Y2M")', 'P1Y2M'],
    ['=@"2020-04-06"', '2020-04-06'],
    ['={due: date("2020-04-06"), list: [duration("PT1H")]}', { due: '2020-04-06', list: ['PT1H'] }],
    ['=date("2020-04-06") < date("2020-05-01")', true],
    ['=born.year', 2000],
    ['=born + duration("P1D")', '2000-05-07T07:08:09Z'],
    ['=born', '2000-05-06T07:08:09Z'],
  ])('%s → %p', (source, expected) => {
    expect(evaluate(source)).toEqual(expected);
  });

  test('a range becomes a plain object', () => {
    expect(evaluate('=[1..5)')).toEqual({ start: 1, end: 5, 'start included': true, 'end included': false });
  });

  test('now() and today() read the injected clock', () => {
    const clock = () => new Date(2021, 1, 3, 4, 5, 6);
    const now = compileExpression('=now()', { now: clock }).evaluate({});
    expect(now).toBe(new Date(2021, 1, 3, 4, 5, 6).toISOString().replace('.000', ''));
    expect(compileExpression('=today()', { now: clock }).evaluate({})).toBe('2021-02-03');
    expect(compileExpression('=now() + duration("P1D")', { now: clock }).evaluate({})).toBe(
      new Date(2021, 1, 4, 4, 5, 6).toISOString().replace('.000', ''),
    );
  });

  test('a variable named now shadows the clock, as any FEEL variable shadows a built-in', () => {
    expect(compileExpression('=now', { now: () => new Date(0) }).evaluate({ now: 5 })).toBe(5);
  });
});

describe('FEEL: evaluation errors', () => {
  test.each<[string, string]>([
    ['=foo(1)', "Unknown function 'foo'"],
    ['=order.total(1)', "Unknown function 'order.total'"],
    ['=function(x) x + 1', 'function'],
  ])('%s fails: %s', (source, reason) => {
    const compiled = compileExpression(source);
    let caught: unknown;
    try {
      compiled.evaluate(variables);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ExpressionEvaluationError);
    expect((caught as ExpressionEvaluationError).reason).toContain(reason);
    expect((caught as ExpressionEvaluationError).source).toBe(source);
  });

  test('whatever feelin throws becomes an ExpressionEvaluationError', () => {
    const compiled = compileExpression('=for i in [1..limit] return i');
    expect(compiled.evaluate({ limit: 3 })).toEqual([1, 2, 3]);
    expect(() => compiled.evaluate({ limit: 'x' })).toThrow(ExpressionEvaluationError);
    expect(() => compiled.evaluate({ limit: 'x' })).toThrow(/unsupported range/);
  });
});

describe('FEEL: syntax errors are found at compile time, with a position in the original text', () => {
  test.each<[string, number, string]>([
    ['=a +', 4, 'Unexpected end of expression'],
    ['=(a', 3, 'Unexpected end of expression'],
    ['=a > 1 and', 10, 'Unexpected end of expression'],
    ['=[1, 2', 6, 'Unexpected end of expression'],
    ['={a: 1', 6, 'Unexpected end of expression'],
    ['=if a then b', 12, 'Unexpected end of expression'],
    ['=a > 1)', 6, "Unexpected ')'"],
    ['="abc', 1, 'Unterminated string literal'],
    ['=a ? b : c', 3, "Unexpected '?'"],
    ['=a @ b', 3, "Unexpected '@'"],
    ['=', 1, 'Empty FEEL expression'],
    ['=   ', 4, 'Empty FEEL expression'],
    ['=a == 1', 3, "'==' is not a FEEL comparison operator"],
    ['=a <> 1', 3, "'<>' is not a FEEL comparison operator"],
    ['=a === 1', 3, "'===' is not a FEEL comparison operator"],
    ['  =a +', 6, 'Unexpected end of expression'],
  ])('%s at %d: %s', (source, position, reason) => {
    const error = syntaxError(source);
    expect(error.reason).toContain(reason);
    expect(error.position).toBe(position);
    expect(error.source).toBe(source);
  });

  test("with language 'feel' positions count from the start of the text", () => {
    expect(syntaxError('a +', { language: 'feel' }).position).toBe(3);
    expect(syntaxError('=a +', { language: 'feel' }).position).toBe(4);
    expect(syntaxError('', { language: 'feel' }).reason).toContain('Empty');
  });
});
