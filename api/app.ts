/**
 * The HTTP application: `await createApp(engine, options)` brings the API's own tables up to date
 * (after the engine's, on the engine's database), seeds the demo province when they are empty, and
 * returns the Express app: helmet with a strict Content-Security-Policy, request ids and pino logs,
 * the declared routes (routes/index.ts) with their OpenAPI document and docs page, and problem+json
 * for every error. On PostgreSQL it also listens for changes to callers (auth/caller-listener.ts),
 * so `closeApp(app)` before the engine closes. Tests build one app per test file; api/server.ts
 * serves it.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import type { Clock, Engine } from '../engine/index.js';
import { createSql, type Sql } from './store/sql.js';
import { migrateApi, withApiMigrationLock } from './store/migrator.js';
import { seedDemoProvince } from './store/seed.js';
import { ensureSetting, FORMS_VERSION, UNIT_TREE_VERSION } from './store/settings.js';
import { TokenService, type OidcOptions } from './auth/tokens.js';
import { LoginLimiter, type LoginLimiterOptions } from './auth/rate-limit.js';
import { AbilityCache } from './auth/ability-cache.js';
import { CallerCache } from './auth/caller-cache.js';
import { listenForCallerChanges } from './auth/caller-listener.js';
import { VersionedCache } from './store/versioned-cache.js';
import { unitLinks } from './store/units.js';
import { latestFormsByKey } from './store/forms.js';
import { DEFAULT_SCRYPT_COST } from './auth/passwords.js';
import { createLogger, requestLogger } from './http/logging.js';
import { mountRoutes } from './http/registry.js';
import { buildOpenApi } from './http/openapi.js';
import { mountDocs } from './http/docs.js';
import { mountModeler } from './http/modeler-static.js';
import { sendProblem } from './http/send-problem.js';
import { defineRoute, type Route } from './http/route.js';
import type { ApiServices } from './http/services.js';
import { HttpProblem } from './errors/problem.js';
import { ROUTES } from './routes/index.js';

export interface ApiOptions {
  /** Defaults to the engine's clock. */
  readonly clock?: Clock;
  /** HS256 secret (≥ 32 bytes). Missing: in production an error; otherwise generated once and kept in the database. */
  readonly jwtSecret?: string;
  readonly tokenTtlSeconds?: number;
  readonly oidc?: OidcOptions;
  /** scrypt N for new password hashes (default 2^15; tests use 2^10). */
  readonly scryptCost?: number;
  /** JSON body limit (default '100kb'). */
  readonly bodyLimit?: string | number;
  /** Deepest JSON nesting accepted (default 32). */
  readonly maxJsonDepth?: number;
  readonly loginLimit?: LoginLimiterOptions;
  /** Express `trust proxy` (for the client address behind a reverse proxy). */
  readonly trustProxy?: boolean | string | number;
  /** Seed the demo province into empty tables (default true). */
  readonly seedDemo?: boolean;
  readonly production?: boolean;
  readonly logger?: Logger;
  /** Extra routes (declared like routes/*.ts), mounted after the built-in ones. */
  readonly routes?: readonly Route[];
}

const VERSION = (() => {
  try {
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string }).version ?? '0.0.0';
  } catch {
    try {
      return (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: string }).version ?? '0.0.0';
    } catch {
      return '0.0.0';
    }
  }
})();


async function jwtSecretFor(sql: Sql, options: ApiOptions, clock: Clock, logger: Logger): Promise<string> {
  if (options.jwtSecret) return options.jwtSecret;
  if (options.production) throw new Error('JWT_SECRET must be set in production (32 bytes or more)');
  const secret = await ensureSetting(sql, 'jwt-secret', randomBytes(32).toString('base64url'), clock.now());
  logger.warn('JWT_SECRET is not set: using a secret generated for development and kept in the database (api_settings)');
  return secret;
}

/** Brings the API's tables up to date and seeds them (under a lock, so cluster nodes take turns). */
export async function prepareApiStore(engine: Engine, options: ApiOptions = {}): Promise<Sql> {
  const sql = createSql(
    engine.sequelize,
    (work) => engine.runExclusive(work),
    (text, params) => engine.query(text, params),
  );
  const clock = options.clock ?? engine.clock;
  await withApiMigrationLock(engine.sequelize, async () => {
    await migrateApi(engine.sequelize);
    // Versions start at 0, so the data they name is cached from the first request (versioned-cache.ts).
    for (const key of [UNIT_TREE_VERSION, FORMS_VERSION]) await ensureSetting(sql, key, '0', clock.now());
    if (options.seedDemo ?? true) await seedDemoProvince(sql, clock, options.scryptCost ?? DEFAULT_SCRYPT_COST);
  });
  return sql;
}

/** Security headers: nothing from elsewhere, no inline code, no framing. */
const securityHeaders = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'none'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      fontSrc: ["'self'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      objectSrc: ["'none'"],
    },
  },
  crossOriginEmbedderPolicy: true,
});

export async function createApp(engine: Engine, options: ApiOptions = {}): Promise<Express> {
  const logger = options.logger ?? createLogger();
  const clock = options.clock ?? engine.clock;
  const sql = await prepareApiStore(engine, options);
  const callers = new CallerCache();
  const callerChanges = listenForCallerChanges(engine.sequelize, callers, logger);
  const services: ApiServices = {
    engine,
    sql,
    clock,
    tokens: new TokenService(
      { secret: await jwtSecretFor(sql, options, clock, logger), ttlSeconds: options.tokenTtlSeconds, ...(options.oidc ? { oidc: options.oidc } : {}) },
      clock,
    ),
    loginLimiter: new LoginLimiter(clock, options.loginLimit),
    callers,
    abilities: new AbilityCache(),
    unitTree: new VersionedCache(unitLinks),
    latestForms: new VersionedCache(latestFormsByKey),
    scryptCost: options.scryptCost ?? DEFAULT_SCRYPT_COST,
    logger,
    stop: () => callerChanges.stop(),
    lifecycle: { shuttingDown: false },
  };

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', options.trustProxy ?? false);
  app.set('query parser', 'simple');
  // Paths are case-sensitive (`/api/Tasks` is no route); a trailing slash is allowed.
  app.set('case sensitive routing', true);
  app.set('strict routing', false);
  app.locals.services = services;
  app.use(requestLogger(logger));
  app.use(securityHeaders);

  const routes: Route[] = [...ROUTES, ...(options.routes ?? [])];
  let document: Record<string, unknown> | undefined;
  const openApi = defineRoute({
    method: 'get',
    path: '/api/openapi.json',
    summary: 'This OpenAPI 3.1 document',
    tags: ['docs'],
    public: true,
    permission: null,
    async handler() {
      return (document ??= buildOpenApi(routes, { version: VERSION }));
    },
  });
  routes.push(openApi);

  // Straight on the app, each resource on a router of its own (registry.ts): a router around them
  // all would be one more level for every request to pass.
  mountRoutes(app, routes, services, { limit: options.bodyLimit ?? '100kb', maxDepth: options.maxJsonDepth ?? 32 });
  mountDocs(app);
  mountModeler(app);

  app.use((request: Request, response: Response) => {
    sendProblem(request, response, new HttpProblem(404, 'route-not-found', `No route ${request.method} ${request.path}`));
  });
  app.use((error: unknown, request: Request, response: Response, _next: NextFunction) => {
    sendProblem(request, response, error);
  });
  return app;
}

/** The services of an app made by createApp (for the server's shutdown). */
export const servicesOf = (app: Express): ApiServices => app.locals.services as ApiServices;

/** Stops what an app made by createApp runs besides requests (before its engine closes). */
export const closeApp = (app: Express): Promise<void> => servicesOf(app).stop();
