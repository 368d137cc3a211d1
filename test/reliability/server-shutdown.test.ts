/**
 * Feature: the server shuts down gracefully. `api/server.ts` runs as a child process (as `npm start`
 * would, through tsx) on a SQLite file. A request is in flight — its body only half sent — when the
 * server gets SIGTERM: the server stops taking new connections, finishes that request (the login
 * answers 200 once the rest of the body arrives), stops the job executor, closes the database and
 * exits with code 0.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SERVER = fileURLToPath(new URL('../../api/server.ts', import.meta.url));
const WORKFLOWS = fileURLToPath(new URL('../../workflows', import.meta.url));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

function waitFor(child: ChildProcess, text: string, output: { text: string }, limitMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no '${text}' within ${limitMs} ms:\n${output.text.slice(-2000)}`)), limitMs);
    const check = () => {
      if (output.text.includes(text)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', check);
    child.stderr!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (!output.text.includes(text)) reject(new Error(`the server exited (${code}) before '${text}':\n${output.text.slice(-2000)}`));
    });
    check();
  });
}

describe('Feature: graceful shutdown of the HTTP server', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'motcua-shutdown-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('Scenario: SIGTERM with a request in flight: the request is answered, then the process exits 0', async () => {
    const port = await freePort();
    const output = { text: '' };
    const child = spawn(process.execPath, ['--import', 'tsx', SERVER], {
      env: {
        ...process.env,
        DATABASE_URL: `sqlite:${path.join(dir, 'motcua.sqlite')}`,
        PORT: String(port),
        LOG_LEVEL: 'info',
        JWT_SECRET: 'shutdown-test-secret-shutdown-test-secret-0123',
        SCRYPT_COST: '1024',
        WORKFLOWS_DIR: WORKFLOWS,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (output.text += chunk));
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (output.text += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await waitFor(child, 'motcua listening', output, 60_000);

      const body = JSON.stringify({ username: 'motcua1', password: 'motcua-demo' });
      const half = Math.floor(body.length / 2);
      const answered = new Promise<number>((resolve, reject) => {
        const request = http.request(
          { host: '127.0.0.1', port, path: '/api/auth/login', method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
          (response) => {
            response.resume();
            response.on('end', () => resolve(response.statusCode ?? 0));
          },
        );
        request.on('error', reject);
        request.write(body.slice(0, half));
        // The server has the request; the rest of the body comes after SIGTERM.
        setTimeout(() => {
          child.kill('SIGTERM');
          void waitFor(child, 'shutting down', output, 10_000).then(() => request.end(body.slice(half)), reject);
        }, 300);
      });

      expect(await answered).toBe(200);
      expect(await exited).toBe(0);
      expect(output.text).toContain('stopped');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 90_000);
});
