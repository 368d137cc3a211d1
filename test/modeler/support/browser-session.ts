/**
 * A test file's browser and modeler server: `browserSession()` starts Chromium and the modeler
 * server before the file's tests (then runs `prepare`, if given) and closes both after them;
 * `open()` opens a fresh page on the server.
 */
import { afterAll, beforeAll } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage } from './browser.js';
import { startModelerServer, type ModelerServer } from './server.js';

export interface BrowserSession {
  /** The running server (available once the file's tests run). */
  readonly server: ModelerServer;
  open(): ReturnType<typeof openPage>;
}

export function browserSession(prepare?: (server: ModelerServer) => Promise<void>): BrowserSession {
  let browser: Browser | undefined;
  let server: ModelerServer | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startModelerServer();
    await prepare?.(server);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  const running = (): ModelerServer => {
    if (!server) throw new Error('the modeler server is not running (browserSession is used outside a test)');
    return server;
  };
  return {
    get server() {
      return running();
    },
    open: () => openPage(browser!, running().baseUrl),
  };
}
