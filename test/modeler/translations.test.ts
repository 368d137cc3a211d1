/**
 * The modeler is Vietnamese by default: every text the diagram libraries put on screen through
 * their `translate` service (bpmn-js and diagram-js: palette, context pad, the replace menu's
 * entries; the properties panel with Camunda Platform's provider, its header's element types;
 * bpmn-js-bpmnlint) has an entry in the `diagram` table of modeler/i18n/vi.json, and each
 * translation keeps the template's placeholders. The texts are read from the libraries' own
 * sources, so an upgrade that adds one fails here until it is translated.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../node_modules/', import.meta.url));
const SOURCES = [
  'bpmn-js/lib',
  'diagram-js/lib',
  'bpmn-js-properties-panel/dist/index.esm.js',
  '@bpmn-io/properties-panel/dist/index.esm.js',
  'bpmn-js-bpmnlint/dist/index.esm.js',
];
/** Texts passed to translate that never reach the screen. */
const NOT_SHOWN = new Set([
  'HELLO {you}', // diagram-js's documentation example of a template
]);
/** Texts built at run time (a literal joined with a variable), which the sources cannot show whole. */
const BUILT = ['left', 'center', 'right', 'top', 'middle', 'bottom'].map((alignment) => `Align elements ${alignment}`);

const VI = (JSON.parse(readFileSync(new URL('../../modeler/i18n/vi.json', import.meta.url), 'utf8')) as { diagram: Record<string, string> }).diagram;

function files(entry: string): string[] {
  const full = path.join(ROOT, entry);
  if (!statSync(full).isDirectory()) return [full];
  return readdirSync(full, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.js') && !name.includes('test'))
    .map((name) => path.join(full, name));
}

const LITERAL = String.raw`(?:'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*")`;
/** translate( or _translate( (not inside a string) followed by literals joined with +, then the end of the first argument. */
const TRANSLATE_CALL = new RegExp(String.raw`(?<![\w$'"])_?translate\(\s*(${LITERAL}(?:\s*\+\s*${LITERAL})*)\s*[,)]`, 'g');

function unquote(literal: string): string {
  const body = literal.slice(1, -1);
  return JSON.parse(`"${literal.startsWith("'") ? body.replace(/\\'/g, "'").replace(/"/g, '\\"') : body}"`) as string;
}

/** The texts given to translate(...) as its first argument, where the sources spell them out whole. */
function translatedTexts(source: string): string[] {
  return [...source.matchAll(TRANSLATE_CALL)].map((match) => [...match[1]!.matchAll(new RegExp(LITERAL, 'g'))].map(([literal]) => unquote(literal)).join(''));
}

/** The popup menus' entries (replace, create, append): `label: '…'` in bpmn-js's option tables, translated when shown. */
function menuLabels(): string[] {
  return ['bpmn-js/lib/features/replace/ReplaceOptions.js', 'bpmn-js/lib/features/popup-menu/PopupEntries.js'].flatMap((file) => {
    const source = readFileSync(path.join(ROOT, file), 'utf8');
    return [...source.matchAll(new RegExp(String.raw`\blabel:\s*(${LITERAL})`, 'g'))].map((match) => unquote(match[1]!));
  });
}

/**
 * The properties panel's header names the element's type: its concrete type (the keys of the
 * panel's icon table, and the flows and root elements it also names) spelled out as the panel does.
 */
function headerTypeLabels(): string[] {
  const source = readFileSync(path.join(ROOT, 'bpmn-js-properties-panel/dist/index.esm.js'), 'utf8');
  const table = /var iconsByType = \{([^}]*)\}/.exec(source)?.[1] ?? '';
  const types = [...table.matchAll(/'([A-Za-z]+)':/g)].map((match) => match[1]!);
  expect(types.length).toBeGreaterThan(50);
  return [...types, 'DefaultFlow', 'ConditionalFlow', 'Process', 'Collaboration'].map((type) =>
    type.replace(/(\B[A-Z])/g, ' $1').replace(/(\bNon Interrupting)/g, '($1)'),
  );
}

const placeholders = (text: string) => [...text.matchAll(/\{([^{}]+)\}/g)].map((match) => match[1]).sort();

test('every text the diagram libraries translate has a Vietnamese entry', () => {
  const texts = new Set([
    ...SOURCES.flatMap(files).flatMap((file) => translatedTexts(readFileSync(file, 'utf8'))),
    ...BUILT,
    ...menuLabels(),
    ...headerTypeLabels(),
  ]);
  expect(texts.size).toBeGreaterThan(300);
  const missing = [...texts].filter((text) => !NOT_SHOWN.has(text) && VI[text] === undefined).sort();
  expect(missing).toEqual([]);
});

test('every Vietnamese entry keeps the placeholders of its English template', () => {
  const broken = Object.entries(VI).filter(([english, vietnamese]) => placeholders(english).join() !== placeholders(vietnamese).join());
  expect(broken).toEqual([]);
});
