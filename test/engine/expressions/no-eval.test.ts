/**
 * Principle 7: expressions are data, not code. Neither our expression sources nor feelin may turn
 * text into code with eval, Function or node:vm.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const directory = `${root}engine/expressions/`;
const FORBIDDEN = [/\beval\s*\(/, /\bnew\s+Function\b/, /\bFunction\s*\(/, /node:vm/, /['"]vm['"]/, /\bimport\s*\(/, /\brequire\s*\(/];

/** Drops comments, so that a header saying "no eval" does not count. */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
}

describe('no code execution in the expression layer', () => {
  const files = readdirSync(directory).filter((name) => name.endsWith('.ts'));

  test('the expression sources are found', () => {
    expect(files).toEqual(expect.arrayContaining(['index.ts', 'juel.ts', 'feel.ts', 'types.ts']));
  });

  test.each(readdirSync(directory).filter((name) => name.endsWith('.ts')))('%s uses no eval, Function or vm', (name) => {
    const source = code(readFileSync(directory + name, 'utf8'));
    for (const pattern of FORBIDDEN) expect(source).not.toMatch(pattern);
  });

  test('feelin interprets FEEL without eval or Function', () => {
    const feelin = readFileSync(`${root}node_modules/feelin/dist/index.js`, 'utf8');
    expect(feelin).not.toMatch(/\beval\s*\(/);
    expect(feelin).not.toMatch(/\bnew\s+Function\b/);
    expect(feelin).not.toMatch(/node:vm/);
  });
});
