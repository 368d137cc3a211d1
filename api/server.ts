/**
 * `npm start`: opens the engine (SQLite under ./data unless DATABASE_URL says otherwise), deploys
 * the procedures in workflows/, and serves HTTP on PORT (default 3000).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngine } from '../engine/index.js';
import { createApp } from './app.js';
import { seedWorkflows } from './seed-workflows.js';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

async function main(): Promise<void> {
  const engine = await createEngine(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : {});
  const deployed = await seedWorkflows(engine, process.env.WORKFLOWS_DIR ?? path.join(projectRoot, 'workflows'));
  const port = Number(process.env.PORT ?? 3000);
  const server = createApp(engine).listen(port, () => {
    console.log(`motcua listening on http://localhost:${port} (${engine.dialect}); procedures: ${deployed.join(', ')}`);
  });
  const shutdown = () => server.close(() => void engine.close().then(() => process.exit(0)));
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
