/**
 * The API with the modeler for browser tests: the bundle brought up to date (esbuild; nothing to do
 * when fresh), a test API app (startTestApi) listening on a random local port.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildModeler } from '../../../modeler/build.js';
import { startTestApi, type TestApi } from '../../support/api-app.js';

export interface ModelerServer {
  readonly api: TestApi;
  readonly baseUrl: string;
  close(): Promise<void>;
}

export async function startModelerServer(): Promise<ModelerServer> {
  await buildModeler();
  const api = await startTestApi();
  const server: Server = await new Promise((resolve) => {
    const listening = api.app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;
  return {
    api,
    baseUrl: `http://127.0.0.1:${port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await api.close();
    },
  };
}
