/**
 * The `modeler` part of `npm run bench`, in headless Chromium (Debian's, through playwright-core):
 * - the bundle's size, raw and gzip (app.js + app.css);
 * - opening a 500-element diagram in the editor (upload → imported, with the properties panel and
 *   the live lint), median of 3;
 * - the monitoring view of a version with 100,000 waiting instances (BENCH_QUICK: 10,000): from
 *   navigation to the badge showing the count, median of 3; and the statistics request alone.
 * The API runs in this process on an in-memory SQLite engine (test/support/api-app.ts); the waiting
 * instances are one started instance copied in SQL (clone-instances.ts).
 */
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildModeler } from '../../../modeler/build.js';
import { startTestApi } from '../../support/api-app.js';
import { repoRoot } from '../../support/fixtures.js';
import { launchBrowser, openPage } from '../../modeler/support/browser.js';
import { signIn } from '../../modeler/support/sign-in.js';
import { chainDiagram, WAIT_ELEMENT, WAIT_KEY, waitingDiagram } from './diagrams.js';
import { cloneInstance } from './clone-instances.js';

export interface ModelerBenchResult {
  readonly bundle: { readonly js: number; readonly css: number; readonly jsGzip: number; readonly cssGzip: number };
  readonly diagramElements: number;
  readonly openMs: readonly number[];
  readonly waiting: number;
  readonly monitorMs: readonly number[];
  readonly statisticsMs: readonly number[];
}

const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
export { median };

export async function benchModeler(waiting: number, log: (message: string) => void): Promise<ModelerBenchResult> {
  await buildModeler();
  const file = (name: string) => readFileSync(path.join(repoRoot, 'dist', 'modeler', name));
  const bundle = { js: file('app.js').length, css: file('app.css').length, jsGzip: gzipSync(file('app.js'), { level: 9 }).length, cssGzip: gzipSync(file('app.css'), { level: 9 }).length };

  const api = await startTestApi();
  const server: Server = await new Promise((resolve) => {
    const listening = api.app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await launchBrowser();
  try {
    const call = async (method: string, url: string, user: string, body?: string, type = 'application/json') => {
      const response = await fetch(`${baseUrl}${url}`, { method, headers: { Authorization: `Bearer ${await api.token(user)}`, 'Content-Type': type }, ...(body ? { body } : {}) });
      if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
      return response.json() as Promise<Record<string, unknown>>;
    };
    const deployed = await call('POST', '/api/deployments', 'phantich1', waitingDiagram(), 'application/xml');
    const definitionId = (deployed.definitions as { id: string }[])[0]!.id;
    const started = await call('POST', `/api/process-definitions/key/${WAIT_KEY}/start`, 'motcua1', '{}');
    log(`modeler: copying one waiting instance ${waiting - 1} times`);
    await cloneInstance(api.engine, started.id as string, waiting - 1);

    const { page, context } = await openPage(browser, baseUrl);
    context.setDefaultTimeout(120_000);
    await signIn(page, 'admin');

    const chain = chainDiagram();
    const openMs: number[] = [];
    for (let run = 0; run < 3; run += 1) {
      await page.goto('/modeler/#/');
      await page.locator('#procedures').waitFor();
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator('#upload-diagram').click()]);
      const started = performance.now();
      await chooser.setFiles({ name: 'chain.bpmn', mimeType: 'application/xml', buffer: Buffer.from(chain) });
      await page.locator('#app[data-ready]').waitFor();
      await page.locator('.djs-element[data-element-id="end"]').waitFor({ state: 'attached' });
      openMs.push(performance.now() - started);
    }
    const diagramElements = await page.locator('.djs-element').count();

    const monitorMs: number[] = [];
    const statisticsMs: number[] = [];
    const expected = waiting.toLocaleString('en-US');
    for (let run = 0; run < 3; run += 1) {
      await page.goto('/modeler/#/');
      await page.locator('#procedures').waitFor();
      const started = performance.now();
      await page.goto(`/modeler/#/monitor/${definitionId}`);
      const badge = page.locator(`.badge-waiting[data-element-id="${WAIT_ELEMENT}"]`);
      await badge.waitFor();
      const shown = (await badge.textContent())?.replace(/\D/g, '');
      monitorMs.push(performance.now() - started);
      if (shown !== String(waiting)) throw new Error(`the badge says ${shown}, expected ${expected}`);
      const request = performance.now();
      await call('GET', `/api/process-definitions/${definitionId}/statistics`, 'admin');
      statisticsMs.push(performance.now() - request);
    }
    await context.close();
    return { bundle, diagramElements, openMs, waiting, monitorMs, statisticsMs };
  } finally {
    await browser.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await api.close();
  }
}
