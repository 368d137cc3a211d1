/**
 * The officers of the HTTP bench, in a process of their own (as their browsers would be, so the
 * server's thread does not also pay for the client): reads `{ base, tokens, taskIds }` as JSON on
 * stdin, has one worker per token claim and complete the next task until none is left, and prints
 * the figures on one line (RESULT_PREFIX). Run as `node --import tsx http-officers.ts`.
 */
import { RESULT_PREFIX } from '../jobs.js';
import { drive } from './http-drive.js';

interface Input {
  readonly base: string;
  readonly tokens: readonly string[];
  readonly taskIds: readonly string[];
}

async function main(): Promise<void> {
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  const { base, tokens, taskIds } = JSON.parse(text) as Input;
  const post = async (token: string, path: string) => {
    const response = await fetch(`${base}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    await response.arrayBuffer();
  };
  const failures: string[] = [];
  const figures = await drive(taskIds, tokens.length, async (officer, id) => {
    await post(tokens[officer]!, `/api/tasks/${id}/claim`);
    await post(tokens[officer]!, `/api/tasks/${id}/complete`);
  }, failures);
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify({ figures, failures })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
