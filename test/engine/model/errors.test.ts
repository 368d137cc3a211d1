import { ModelValidationError } from '../../../engine/model/index.js';

describe('ModelValidationError', () => {
  it('has the stable code and lists the first problems as "elementId: message"', () => {
    const problems = Array.from({ length: 7 }, (_, i) => ({ code: 'missing-condition', message: `problem ${i}`, elementId: `flow${i}` }));
    const error = new ModelValidationError(problems);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ModelValidationError');
    expect(error.code).toBe('invalid-model');
    expect(error.problems).toHaveLength(7);
    expect(error.message).toContain('7 problems');
    expect(error.message).toContain('flow0: problem 0');
    expect(error.message).toContain('flow4: problem 4');
    expect(error.message).not.toContain('flow5: problem 5');
    expect(error.message).toContain('and 2 more');
  });

  it('names the attribute or the code when a problem has no element id', () => {
    const error = new ModelValidationError([{ code: 'xml-invalid', message: 'The document is empty.' }]);
    expect(error.message).toBe('Invalid BPMN model (1 problem): xml-invalid: The document is empty.');
  });
});
