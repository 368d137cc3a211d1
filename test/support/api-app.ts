/**
 * An API app per test file: a fresh engine database (SQLite in memory, or a fresh PostgreSQL
 * database with DATABASE_URL), the API's tables and the demo province seeded with a cheap scrypt
 * cost, a fixed JWT secret, the engine's test clock, and logs silenced (LOG_LEVEL to see them).
 */
import type { Express } from 'express';
import request from 'supertest';
import { pino } from 'pino';
import { closeApp, createApp, type ApiOptions } from '../../api/app.js';
import { DEMO_PASSWORD } from '../../api/store/demo-province.js';
import { startTestEngine, type TestEngine } from './test-engine.js';

export const TEST_JWT_SECRET = 'test-secret-test-secret-test-secret-0123456789';
export const TEST_SCRYPT_COST = 1024;
export const silentLogger = pino({ level: process.env.LOG_LEVEL ?? 'silent' });

export interface TestApi extends TestEngine {
  readonly app: Express;
  /** Logs a seeded (or any) user in and returns the bearer token. */
  token(username: string, password?: string): Promise<string>;
}

export async function startTestApi(options: ApiOptions = {}): Promise<TestApi> {
  const t = await startTestEngine();
  try {
    const app = await createApp(t.engine, {
      clock: t.clock,
      jwtSecret: TEST_JWT_SECRET,
      scryptCost: TEST_SCRYPT_COST,
      logger: silentLogger,
      ...options,
    });
    const tokens = new Map<string, string>();
    return {
      ...t,
      app,
      async close() {
        await closeApp(app);
        await t.close();
      },
      async token(username, password = DEMO_PASSWORD) {
        const cached = password === DEMO_PASSWORD ? tokens.get(username) : undefined;
        if (cached) return cached;
        const response = await request(app).post('/api/auth/login').send({ username, password });
        if (response.status !== 200) throw new Error(`login of ${username} failed: ${response.status} ${JSON.stringify(response.body)}`);
        const token = (response.body as { token: string }).token;
        if (password === DEMO_PASSWORD) tokens.set(username, token);
        return token;
      },
    };
  } catch (error) {
    await t.close();
    throw error;
  }
}
