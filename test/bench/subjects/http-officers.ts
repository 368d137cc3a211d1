/**
 * The officers of the HTTP bench, in a process of their own (as their browsers would be, so the
 * server's thread does not also pay for the client): reads `{ base, tokens, taskIds, floor }` as
 * JSON on stdin, has one worker per token claim and complete the next task until none is left (with
 * `floor`, send two `GET /health` per task instead: the cost of two requests that do nothing), and
 * prints the round (its latencies and duration) and its own CPU time per task on one line
 * (RESULT_PREFIX). Each officer has one keep-alive connection of its own (http-connection.ts: the
 * client must cost the shared cores as little as it can). Run as `node --import tsx http-officers.ts`.
 */
import { RESULT_PREFIX } from '../jobs.js';
import { drive } from './http-drive.js';
import { KeepAliveConnection } from './http-connection.js';

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
  const connections = await Promise.all(tokens.map(() => KeepAliveConnection.open(new URL(base))));
  const send = async (officer: number, method: 'GET' | 'POST', path: string) => {
    const answer = await connections[officer]!.send(method, path, { authorization: `Bearer ${tokens[officer]!}` });
    if (answer.status < 200 || answer.status >= 300) throw new Error(`${path}: ${answer.status} ${answer.body}`);
  };
  const failures: string[] = [];
  const cpuBefore = process.cpuUsage();
  const round = await drive(taskIds, tokens.length, async (officer, id) => {
    if (floor) {
      await send(officer, 'GET', '/health');
      await send(officer, 'GET', '/health');
      return;
    }
    await send(officer, 'POST', `/api/tasks/${id}/claim`);
    await send(officer, 'POST', `/api/tasks/${id}/complete`);
  }, failures);
  const cpu = process.cpuUsage(cpuBefore);
  for (const connection of connections) connection.close();
  const tasks = round.latencies.length;
  const cpuMsPerTask = tasks > 0 ? (cpu.user + cpu.system) / 1000 / tasks : 0;
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify({ round, failures, cpuMsPerTask })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
