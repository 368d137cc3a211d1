/**
 * Interchange through the modeler in a real browser: every MIWG reference model
 * (../shared/conformance/miwg/Reference/) is uploaded on the start page, opens in the editor
 * without import errors or warnings, and is downloaded again; read back with bpmn-moddle in Node,
 * every element, attribute, reference and DI bound of the original is still there, unchanged.
 * The failure message lists every difference per file.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SCREENSHOT_DIR } from './support/browser.js';
import { browserSession } from './support/browser-session.js';
import { signIn } from './support/sign-in.js';
import { documentFacts, lostFacts } from './support/moddle-facts.js';
import { conformanceRoot } from '../support/fixtures.js';

const REFERENCE = path.join(conformanceRoot, 'miwg', 'Reference');
/** The exported documents, to read beside the originals when a difference shows. */
const EXPORT_DIR = path.join(SCREENSHOT_DIR, 'interchange');
const FILES = readdirSync(REFERENCE).filter((file) => file.endsWith('.bpmn')).sort();

/** The browser hands the file over as text already decoded; the XML declaration's encoding is moot. */
const ENCODING_FALLBACK = /^unsupported document encoding <[^>]+>, falling back to UTF-8$/;

/**
 * What bpmn-js does not carry through today, per file, as the failure text must match it: a new
 * loss, or any loss in another file, fails the test. Each is a known limit to look into, not a pass.
 * - C.7.0: bpmn-js warns of a BPMNEdge without bpmnElement (BPMN DI allows one); the edge is not
 *   drawn, but kept in the file (editor/keep-undrawn-di.ts), as are the shapes of B.1.0 and B.2.0's
 *   process that no participant references.
 * - C.8.1: the file's own references to `triso:unspecified` do not resolve (warnings only).
 */
const KNOWN_LOSSES: Readonly<Record<string, RegExp>> = {
  'C.7.0.bpmn': /^C\.7\.0\.bpmn: import warnings: no bpmnElement referenced in <bpmndi:BPMNEdge id="[^"]+" \/>$/,
  'C.8.1.bpmn': /^C\.8\.1\.bpmn: import warnings: (unresolved reference <triso:unspecified>(; )?)+$/,
};

const session = browserSession();

test('the reference models are found', () => {
  expect(FILES.length).toBeGreaterThan(10);
});

test('every MIWG reference model survives an import and export by the modeler', async () => {
  const { context, page, problems } = await session.open();
  const failures: string[] = [];
  try {
    await signIn(page, 'phantich1');
    for (const file of FILES) {
      const before = problems.length;
      try {
        const original = readFileSync(path.join(REFERENCE, file), 'utf8');
        await page.goto('/modeler/#/');
        await page.locator('#procedures').waitFor();
        const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator('#upload-diagram').click()]);
        await chooser.setFiles({ name: file, mimeType: 'application/xml', buffer: Buffer.from(original) });
        await page.locator('#app[data-ready]').waitFor();
        const warnings = await page.locator('#app').getAttribute('data-import-warnings');
        const unexpected = (warnings ?? '').split('\n').filter((warning) => warning && !ENCODING_FALLBACK.test(warning));
        if (unexpected.length) failures.push(`${file}: import warnings: ${unexpected.join('; ')}`);
        const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#download-bpmn').click()]);
        const exported = readFileSync(await download.path(), 'utf8');
        mkdirSync(EXPORT_DIR, { recursive: true });
        writeFileSync(path.join(EXPORT_DIR, file), exported);
        const lost = lostFacts(await documentFacts(original), await documentFacts(exported));
        if (lost.length) failures.push(`${file}: ${lost.length} differences:\n  ${lost.join('\n  ')}`);
      } catch (error) {
        failures.push(`${file}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)} ${problems.slice(before).join(' | ')}`);
      }
    }
    const unexpected = failures.filter((failure) => !KNOWN_LOSSES[failure.slice(0, failure.indexOf(':'))]?.test(failure));
    if (unexpected.length) throw new Error(unexpected.join('\n'));
    expect(problems).toEqual([]);
  } finally {
    await context.close();
  }
}, 120_000);
