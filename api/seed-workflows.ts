/**
 * Deploys the procedures in workflows/ on start. Deploying unchanged XML stores nothing, so this is
 * safe on every start; a changed file becomes the procedure's next version.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Engine } from '../engine/index.js';

export async function seedWorkflows(engine: Engine, directory: string): Promise<string[]> {
  const files = (await readdir(directory)).filter((file) => file.endsWith('.bpmn')).sort();
  const deployed: string[] = [];
  for (const file of files) {
    const result = await engine.deploy(await readFile(path.join(directory, file), 'utf8'), { name: file });
    deployed.push(...result.definitions.map((d) => `${d.key} v${d.version}`));
  }
  return deployed;
}
