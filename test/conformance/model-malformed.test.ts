/**
 * Conformance: bpmn-moddle's own malformed fixtures (shared conformance folder `malformed/`, read in
 * place). Each file is either rejected with a ModelValidationError or accepted with the parser's
 * warnings reported, never another exception. Two levels are checked per file: what the XML reader
 * makes of it (errors and warnings from load-xml) and what a deploy (loadModel) does with it.
 * Most of these files contain no executable process, so a deploy also reports that; where the
 * file's point is a warning that loses nothing, the same content is loaded once more inside an
 * executable process to show that it is accepted with the warning.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadModel, ModelValidationError, type LoadedModel } from '../../engine/model/index.js';
import { loadXml } from '../../engine/model/load-xml.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const malformedRoot = path.resolve(repoRoot, '..', 'shared', 'conformance', 'malformed');
const read = (file: string): string => readFileSync(path.join(malformedRoot, file), 'utf8');

interface Expectation {
  /** What the reader reports: error codes and warning codes, in order. */
  readonly parseErrors: readonly string[];
  readonly parseWarnings: readonly string[];
  /** The deploy's error codes (all of them, in order). */
  readonly deployErrors: readonly string[];
  /** Something each parse error must say. */
  readonly mentions?: RegExp;
}

const EXPECTED: Record<string, Expectation> = {
  'bad-encoding.bpmn': {
    parseErrors: [],
    parseWarnings: ['xml-encoding'],
    deployErrors: ['no-executable-process'],
  },
  'categoryValue.bpmn': {
    // <categoryValue> outside a <category> is dropped; the group's reference to it is then
    // unresolved, but that group sits in a process with isExecutable="false" (a warning).
    parseErrors: ['unknown-element'],
    parseWarnings: ['unresolved-reference'],
    deployErrors: ['unknown-element', 'no-executable-process'],
    mentions: /categoryValue/,
  },
  'di-no-bpmn-element.bpmn': {
    parseErrors: [],
    parseWarnings: [],
    deployErrors: ['no-executable-process'],
  },
  'duplicate-ids.bpmn': {
    parseErrors: ['duplicate-id'],
    parseWarnings: [],
    deployErrors: ['duplicate-id', 'no-executable-process'],
    mentions: /'test'/,
  },
  'extension-definition-missing.bpmn': {
    parseErrors: ['unresolved-reference'],
    parseWarnings: [],
    deployErrors: ['unresolved-reference', 'no-executable-process'],
    mentions: /ino:tInnovator/,
  },
  'invalid-attributes.bpmn': {
    parseErrors: ['xml-invalid', 'xml-invalid'],
    parseWarnings: [],
    deployErrors: ['xml-invalid', 'xml-invalid', 'start-event'],
    mentions: /<process> at line 3/,
  },
  'not-bpmn.bpmn': {
    parseErrors: ['xml-invalid'],
    parseWarnings: [],
    deployErrors: ['xml-invalid'],
    mentions: /not a readable BPMN 2\.0 file.*unexpected element <definitions>/,
  },
  'undeclared-ns-child.bpmn': {
    parseErrors: ['unknown-element'],
    parseWarnings: [],
    deployErrors: ['unknown-element', 'no-executable-process'],
    mentions: /<someElement>/,
  },
  'unrecognized-child.bpmn': {
    parseErrors: ['unknown-element'],
    parseWarnings: [],
    deployErrors: ['unknown-element', 'no-executable-process'],
    mentions: /bpmn:Unrecognized/,
  },
  'xmlns-redeclaration.bpmn': {
    parseErrors: ['xml-invalid', 'xml-invalid'],
    parseWarnings: [],
    deployErrors: ['xml-invalid', 'xml-invalid', 'no-executable-process'],
    mentions: /already defined/,
  },
};

/** Runs loadModel and returns its result or its ModelValidationError; any other exception fails. */
async function deploy(xml: string): Promise<LoadedModel | ModelValidationError> {
  try {
    return await loadModel(xml);
  } catch (err) {
    if (err instanceof ModelValidationError) return err;
    throw err;
  }
}

const EXECUTABLE_PROCESS = `<bpmn2:process id="run" isExecutable="true">
    <bpmn2:startEvent id="s" /><bpmn2:sequenceFlow id="f" sourceRef="s" targetRef="e" /><bpmn2:endEvent id="e" />
  </bpmn2:process>`;

describe('malformed BPMN files (bpmn-moddle fixtures)', () => {
  const files = readdirSync(malformedRoot)
    .filter((name) => name.endsWith('.bpmn'))
    .sort();

  it('has an expectation for every file', () => {
    expect(files).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.keys(EXPECTED))('%s', async (file) => {
    const expected = EXPECTED[file] as Expectation;
    const xml = read(file);

    const { problems } = await loadXml(xml);
    expect(problems.errors.map((p) => p.code)).toEqual(expected.parseErrors);
    expect(problems.warnings.map((p) => p.code)).toEqual(expected.parseWarnings);
    if (expected.mentions) {
      for (const problem of problems.errors) expect(problem.message).toMatch(expected.mentions);
    }

    const result = await deploy(xml);
    expect(result).toBeInstanceOf(ModelValidationError);
    const error = result as ModelValidationError;
    expect(error.code).toBe('invalid-model');
    expect(error.problems.map((p) => p.code)).toEqual(expected.deployErrors);
    expect(error.warnings.map((p) => p.code)).toEqual(expected.parseWarnings);
    for (const problem of error.problems) expect(problem.message.length).toBeGreaterThan(20);
  });

  it('accepts bad-encoding.bpmn with its warning once the document has an executable process', async () => {
    const xml = read('bad-encoding.bpmn').replace(/\s*\/>\s*$/, `>\n  ${EXECUTABLE_PROCESS}\n</bpmn2:definitions>\n`);
    const result = await deploy(xml);
    expect(result).not.toBeInstanceOf(ModelValidationError);
    const model = result as LoadedModel;
    expect(model.processes.map((p) => p.id)).toEqual(['run']);
    expect(model.warnings).toEqual([expect.objectContaining({ code: 'xml-encoding', message: expect.stringContaining('windows-1252') })]);
  });

  it('accepts di-no-bpmn-element.bpmn (a diagram shape without bpmnElement) once its process is executable', async () => {
    const xml = read('di-no-bpmn-element.bpmn').replace('isExecutable="false"', 'isExecutable="true"');
    const result = await deploy(xml);
    expect(result).not.toBeInstanceOf(ModelValidationError);
    expect((result as LoadedModel).processes.map((p) => [p.id, p.startEventId])).toEqual([['Process_1', 'StartEvent_1']]);
  });
});
