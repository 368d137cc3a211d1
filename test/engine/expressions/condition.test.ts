/**
 * compileCondition (booleans only) and the language detection shared by every expression.
 */
import {
  ExpressionEvaluationError,
  ExpressionSyntaxError,
  compileCondition,
  compileExpression,
} from '../../../engine/expressions/index.js';

const variables = { input: 1, approved: false, a: 2, text: 'yes', nothing: null };

function evaluationError(run: () => unknown): ExpressionEvaluationError {
  try {
    run();
  } catch (error) {
    if (error instanceof ExpressionEvaluationError) return error;
    throw error;
  }
  throw new Error('expected an ExpressionEvaluationError');
}

describe('compileCondition', () => {
  test.each<[string, boolean]>([
    ['${input == 1}', true],
    ['${approved}', false],
    ['${!approved}', true],
    ['#{a >= 2}', true],
    ['=a > 1', true],
    ['= input = 2', false],
    ['\n      ${input == 1}\n    ', true],
    ['  =a > 1  ', true],
  ])('%p → %p', (source, expected) => {
    expect(compileCondition(source).evaluate(variables)).toBe(expected);
  });

  test("language 'feel' conditions", () => {
    expect(compileCondition('a > 1', { language: 'feel' }).evaluate(variables)).toBe(true);
    expect(compileCondition('a > 1', { language: 'feel' }).language).toBe('feel');
  });

  test('the condition keeps the trimmed text as its source', () => {
    const condition = compileCondition('  ${a > 1}\n');
    expect(condition.source).toBe('${a > 1}');
    expect(condition.language).toBe('juel');
  });

  test.each<[string, string]>([
    ['${a}', 'number 2'],
    ['${text}', "string 'yes'"],
    ['${nothing}', 'null'],
    ['=a', 'number 2'],
    ['=[true]', 'list of 1'],
    ['={ok: true}', 'object'],
    ['=nothing', 'null'],
  ])('%p is not a boolean: the error says it got %s', (source, got) => {
    const error = evaluationError(() => compileCondition(source).evaluate(variables));
    expect(error.reason).toContain('boolean');
    expect(error.reason).toContain(got);
    expect(error.source).toBe(source);
  });

  test('a FEEL condition that is null because of a missing variable says so', () => {
    const error = evaluationError(() => compileCondition('=missing > 1').evaluate(variables));
    expect(error.reason).toContain('null');
    expect(error.reason).toContain("Variable 'missing' not found");
  });

  test('JUEL evaluation errors pass through', () => {
    const error = evaluationError(() => compileCondition('${missing > 1}').evaluate(variables));
    expect(error.reason).toBe("Unknown variable 'missing'");
  });

  test.each(['true', 'a > 1', 'x ${a > 1}', '${a > 1} ${a > 1}', ''])(
    'plain text or a template %p can never be a boolean: refused at compile time',
    (source) => {
      expect(() => compileCondition(source)).toThrow(ExpressionSyntaxError);
    },
  );

  test('syntax errors are raised at compile time', () => {
    expect(() => compileCondition('${a >}')).toThrow(ExpressionSyntaxError);
    expect(() => compileCondition('=a >')).toThrow(ExpressionSyntaxError);
  });
});

describe('language detection', () => {
  test.each<[string, string]>([
    ['=a', 'feel'],
    ['  = a', 'feel'],
    ['${a}', 'juel'],
    ['#{a}', 'juel'],
    ['kermit_${a}', 'juel'],
    ['My Task ${a}', 'juel'],
    ['plain text', 'literal'],
    ['a == b', 'literal'],
    ['', 'literal'],
    ['x = 1', 'literal'],
  ])('%p is %s', (source, language) => {
    expect(compileExpression(source).language).toBe(language);
  });

  test('an unsupported language is refused', () => {
    expect(() => compileExpression('x', { language: 'javascript' as 'feel' })).toThrow(/Unsupported expression language 'javascript'/);
  });

  test('compiled expressions are immutable', () => {
    const compiled = compileExpression('${a}');
    expect(Object.isFrozen(compiled)).toBe(true);
  });
});
