/**
 * The HTTP application. For now it answers health checks; the officers' and admins' API is built
 * on this app (routes → services → stores).
 */
import express, { type Express } from 'express';
import type { Engine } from '../engine/index.js';

export function createApp(engine: Engine): Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/health', (_request, response) => {
    response.json({ status: 'ok', database: engine.dialect });
  });
  return app;
}
