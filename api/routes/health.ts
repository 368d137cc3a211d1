/** GET /health: the process answers (liveness). GET /ready: the database answers and we are not shutting down. */
import { defineRoute } from '../http/route.js';
import { HttpProblem } from '../errors/problem.js';

const health = defineRoute({
  method: 'get',
  path: '/health',
  summary: 'Liveness: the process answers',
  tags: ['health'],
  public: true,
  permission: null,
  async handler({ services }) {
    return { status: 'ok', database: services.engine.dialect };
  },
});

const ready = defineRoute({
  method: 'get',
  path: '/ready',
  summary: 'Readiness: the database answers and the server is not shutting down',
  tags: ['health'],
  public: true,
  permission: null,
  problems: [503],
  async handler({ services }) {
    if (services.lifecycle.shuttingDown) throw new HttpProblem(503, 'shutting-down', 'The server is shutting down');
    try {
      await services.sql.select('SELECT 1 AS ok');
    } catch {
      throw new HttpProblem(503, 'database-unavailable', 'The database does not answer');
    }
    return { status: 'ready' };
  },
});

export default [health, ready];
