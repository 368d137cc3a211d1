/**
 * `npm start`: opens the engine (SQLite under ./data unless DATABASE_URL says otherwise), prepares
 * the API (its tables, the demo province on first start), seeds the forms in workflows/forms/ and
 * then deploys the procedures in workflows/ (which may name those forms), starts the job executor
 * and serves HTTP on PORT (default 3000).
 *
 * Shutdown (SIGTERM, SIGINT): /ready turns 503, the server stops accepting connections and
 * finishes the requests in flight (idle keep-alive connections are closed; after
 * SHUTDOWN_TIMEOUT_MS, default 10 s, the rest too), then the job executor stops and the engine closes.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngine } from '../engine/index.js';
import { closeApp, createApp, servicesOf } from './app.js';
import { apiOptionsFromEnv } from './config.js';
import { createLogger } from './http/logging.js';
import { seedForms, seedWorkflows } from './seed-workflows.js';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

async function main(): Promise<void> {
  const logger = createLogger();
  const options = apiOptionsFromEnv();
  const engine = await createEngine(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : {});
  const app = await createApp(engine, { ...options, logger });
  const workflows = process.env.WORKFLOWS_DIR ?? path.join(projectRoot, 'workflows');
  const forms = await seedForms(servicesOf(app).sql, engine.clock, path.join(workflows, 'forms'));
  const deployed = await seedWorkflows(engine, workflows);
  engine.startJobExecutor();
  const port = Number(process.env.PORT ?? 3000);
  const server = app.listen(port, () => {
    logger.info({ port, database: engine.dialect, procedures: deployed, forms }, `motcua listening on http://localhost:${port}`);
  });

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing requests in flight');
    servicesOf(app).lifecycle.shuttingDown = true;
    const force = setTimeout(() => server.closeAllConnections(), Number(process.env.SHUTDOWN_TIMEOUT_MS ?? 10_000));
    force.unref();
    server.close(() => {
      void (async () => {
        try {
          await engine.stopJobExecutor();
          await closeApp(app);
          await engine.close();
          logger.info('stopped');
          process.exit(0);
        } catch (error) {
          logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        }
      })();
    });
    server.closeIdleConnections();
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
