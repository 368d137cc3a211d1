/**
 * FEEL's workingDays(n) and workingHours(n): deadlines in working time from the instant and the
 * calendar the runtime attaches to each evaluation (withFeelBuiltins), or gives at compile time.
 * Times in the tests are Vietnam wall-clock times (UTC+07:00).
 */
import {
  ExpressionEvaluationError,
  compileCondition,
  compileExpression,
  type CompileOptions,
} from '../../../engine/expressions/index.js';
import { MAX_WORKING_DAYS, feelBuiltinsOf, withFeelBuiltins, type FeelBuiltins } from '../../../engine/expressions/feel-builtins.js';
import { parseIsoDate, toDateValue } from '../../../engine/calendar/index.js';
import { at, defaultCalendar, local } from '../calendar/helpers.js';

const calendar = defaultCalendar();

function evaluateAt(source: string, localNow: string, variables: Record<string, unknown> = {}, options: CompileOptions = {}): unknown {
  return compileExpression(source, options).evaluate(withFeelBuiltins(variables, { now: at(localNow), calendar }));
}

/** The result as a Vietnam wall-clock time, after checking it is ISO 8601 UTC text. */
function dueAt(source: string, localNow: string, variables: Record<string, unknown> = {}): string {
  const value = evaluateAt(source, localNow, variables);
  expect(value).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  return local(new Date(value as string));
}

function failure(run: () => unknown): ExpressionEvaluationError {
  try {
    run();
  } catch (error) {
    if (error instanceof ExpressionEvaluationError) return error;
    throw error;
  }
  throw new Error('expected the evaluation to fail');
}

describe('workingDays(n) and workingHours(n)', () => {
  test('give ISO 8601 UTC text of now plus n working days or hours', () => {
    expect(evaluateAt('=workingDays(3)', '2026-03-02 09:00')).toBe('2026-03-05T02:00:00.000Z');
    expect(evaluateAt('=workingHours(4)', '2026-03-02 09:00')).toBe('2026-03-02T08:00:00.000Z');
  });

  test.each<[string, string, string]>([
    ['=workingHours(2.5)', '2026-03-02 09:00', '2026-03-02 11:30'],
    ['=workingHours(3)', '2026-03-02 09:00', '2026-03-02 14:00'],
    ['=workingDays(0.5)', '2026-03-02 09:00', '2026-03-02 15:00'],
    ['=workingDays(0)', '2026-03-01 10:00', '2026-03-02 07:00'],
    // Hùng Kings' day is Sunday 26/4 2026, its substitute day off Monday 27/4.
    ['=workingDays(1)', '2026-04-24 10:00', '2026-04-28 10:00'],
    // Tết: Monday 16/2 to Friday 20/2 2026 off.
    ['=workingDays(2)', '2026-02-12 16:00', '2026-02-23 16:00'],
    // Saturday 10/1 2026 is worked in exchange for Friday 2/1.
    ['=workingDays(1)', '2026-01-09 09:00', '2026-01-10 09:00'],
    ['=workingDays(n: 2)', '2026-03-02 09:00', '2026-03-04 09:00'],
  ])('%s at %s is %s', (source, now, expected) => {
    expect(dueAt(source, now)).toBe(expected);
  });

  test('take their argument from variables and expressions', () => {
    expect(dueAt('=workingDays(limit)', '2026-03-02 09:00', { limit: 3 })).toBe('2026-03-05 09:00');
    expect(dueAt('=workingHours(steps[2].hours * 2)', '2026-03-02 07:00', { steps: [{ hours: 1 }, { hours: 2 }] })).toBe('2026-03-02 11:00');
    expect(dueAt('=if urgent then workingHours(4) else workingDays(3)', '2026-03-02 09:00', { urgent: true })).toBe('2026-03-02 15:00');
  });

  test('what they give is a date the user-task attributes and timer timeDate accept', () => {
    const text = evaluateAt('=workingDays(3)', '2026-03-02 09:00') as string;
    expect(toDateValue(text, at('2026-03-02 09:00'))).toEqual(at('2026-03-05 09:00'));
    expect(parseIsoDate(text)).toEqual(at('2026-03-05 09:00'));
  });

  test('work inside conditions and FEEL date arithmetic', () => {
    const builtins: FeelBuiltins = { now: at('2026-03-02 09:00'), calendar };
    const condition = compileCondition('=date and time(workingHours(1)) > now()');
    expect(condition.evaluate(withFeelBuiltins({}, builtins))).toBe(true);
    const late = compileCondition('=date and time(submitted) > date and time(workingDays(1))');
    expect(late.evaluate(withFeelBuiltins({ submitted: '2026-03-04T00:00:00Z' }, builtins))).toBe(true);
    expect(late.evaluate(withFeelBuiltins({ submitted: '2026-03-03T00:00:00Z' }, builtins))).toBe(false);
  });

  test('the calendar and clock may also be given at compile time; the context wins', () => {
    const options: CompileOptions = { now: () => at('2026-03-02 09:00'), calendar };
    expect(compileExpression('=workingDays(1)', options).evaluate({})).toBe('2026-03-03T02:00:00.000Z');
    expect(compileExpression('=workingDays(1)', options).evaluate(withFeelBuiltins({}, { now: at('2026-03-03 09:00') }))).toBe(
      '2026-03-04T02:00:00.000Z',
    );
  });

  test("the context's instant is also now() and today()", () => {
    const options: CompileOptions = { now: () => new Date('2000-01-01T00:00:00Z') };
    const context = withFeelBuiltins({}, { now: new Date('2026-03-02T02:00:00Z') });
    expect(compileExpression('=now()', options).evaluate(context)).toBe('2026-03-02T02:00:00Z');
    expect(compileExpression('=string(today())', options).evaluate(context)).toMatch(/^2026-03-0[12]$/);
  });

  test('a process variable of the same name hides the function, as for now()', () => {
    expect(evaluateAt('=workingDays', '2026-03-02 09:00', { workingDays: 3 })).toBe(3);
  });
});

describe('workingDays and workingHours: failures', () => {
  test.each<[string, Record<string, unknown>, RegExp]>([
    ['=workingDays(-1)', {}, /workingDays\(n\): n must be a number from 0 to 2600, but it is number -1/],
    ['=workingHours("4")', {}, /workingHours\(n\): n must be a number .* but it is string '4'/],
    ['=workingDays(missing)', {}, /but it is null/],
    [`=workingDays(${MAX_WORKING_DAYS + 1})`, {}, /from 0 to 2600/],
    [`=workingHours(${MAX_WORKING_DAYS * 8 + 1})`, {}, /from 0 to 20800/],
    ['=workingDays(1, 2)', {}, /Cannot invoke/],
  ])('%s fails the evaluation', (source, variables, reason) => {
    const error = failure(() => evaluateAt(source, '2026-03-02 09:00', variables));
    expect(error.source).toBe(source);
    expect(error.reason).toMatch(reason);
  });

  test('without a calendar or a clock the call fails and says which is missing', () => {
    expect(failure(() => compileExpression('=workingDays(1)').evaluate(withFeelBuiltins({}, { now: new Date() }))).reason).toMatch(
      /workingDays\(\) needs the engine's working-time calendar and clock, and this evaluation was given no calendar/,
    );
    expect(failure(() => compileExpression('=workingHours(1)').evaluate(withFeelBuiltins({}, { calendar }))).reason).toMatch(/given no clock/);
    expect(failure(() => compileExpression('=workingHours(1)').evaluate({})).reason).toMatch(/given no calendar/);
  });

  test('an expression that does not call them needs neither', () => {
    expect(compileExpression('=a + 1').evaluate({ a: 1 })).toBe(2);
  });
});

describe('withFeelBuiltins', () => {
  test('copies the context and hides the builtins from variable lookups', () => {
    const variables = { a: 1 };
    const builtins: FeelBuiltins = { now: at('2026-03-02 09:00'), calendar };
    const context = withFeelBuiltins(variables, builtins);
    expect(Object.keys(context)).toEqual(['a']);
    expect({ ...context }).toEqual({ a: 1 });
    expect(feelBuiltinsOf(context)).toBe(builtins);
    expect(feelBuiltinsOf(variables)).toBeUndefined();
    expect(compileExpression('${a + 1}').evaluate(context)).toBe(2);
    expect(compileExpression('=a + 1').evaluate(context)).toBe(2);
    expect(compileExpression('literal text').evaluate(context)).toBe('literal text');
  });
});
