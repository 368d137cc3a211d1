/**
 * The officers of the HTTP bench, in a process of their own (as their browsers would be, so the
 * server's thread does not also pay for the client): reads `{ base, tokens, taskIds, floor }` as
 * JSON on stdin, has one worker per token claim and complete the next task until none is left (with
 * `floor`, send two `GET /health` per task instead: the cost of two requests that do nothing), and
 * prints the figures and its own CPU time per task on one line (RESULT_PREFIX). Requests go through
 * node:http with keep-alive connections, one per officer: a browser's cost is not the server's, and
 * on the bench's shared cores a heavier client (fetch costs about 2.5× the CPU) takes time from the
 * server. Run as `node --import tsx http-officers.ts`.
 */
import { Agent, request } from 'node:http';
import { RESULT_PREFIX } from '../jobs.js';
import { drive } from './http-drive.js';

interface Input {
  readonly base: string;
  readonly tokens: readonly string[];
  readonly taskIds: readonly string[];
  /** Two `GET /health` per task instead of the claim and the completion. */
  readonly floor?: boolean;
}

async function main(): Promise<void> {
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  const { base, tokens, taskIds, floor } = JSON.parse(text) as Input;
  const agent = new Agent({ keepAlive: true, maxSockets: tokens.length });
  const send = (method: 'GET' | 'POST', token: string, path: string) =>
    new Promise<void>((resolve, reject) => {
      const call = request(`${base}${path}`, { method, agent, headers: { authorization: `Bearer ${token}` } }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const status = response.statusCode ?? 0;
          if (status >= 200 && status < 300) resolve();
          else reject(new Error(`${path}: ${status} ${Buffer.concat(chunks).toString('utf8')}`));
        });
        response.on('error', reject);
      });
      call.on('error', reject);
      call.end();
    });
  const failures: string[] = [];
  const cpuBefore = process.cpuUsage();
  const figures = await drive(taskIds, tokens.length, async (officer, id) => {
    if (floor) {
      await send('GET', tokens[officer]!, '/health');
      await send('GET', tokens[officer]!, '/health');
      return;
    }
    await send('POST', tokens[officer]!, `/api/tasks/${id}/claim`);
    await send('POST', tokens[officer]!, `/api/tasks/${id}/complete`);
  }, failures);
  const cpu = process.cpuUsage(cpuBefore);
  const cpuMsPerTask = figures.tasks > 0 ? (cpu.user + cpu.system) / 1000 / figures.tasks : 0;
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify({ figures, failures, cpuMsPerTask })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
