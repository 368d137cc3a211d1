/**
 * Feature: one structured log line per request (api/http/logging.ts): the request id, method, url
 * and headers with credentials redacted, the status and the time taken, at info, warn for 4xx and
 * error for 5xx; nothing is built for a level that is off.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createLogger } from '../../api/http/logging.js';
import { startTestApi, type TestApi } from '../support/api-app.js';

interface Line {
  level: number;
  msg: string;
  req?: { id: string; method: string; url: string; headers: Record<string, string>; remoteAddress?: string };
  res?: { statusCode: number; headers: Record<string, unknown> };
  responseTime?: number;
}

describe('Feature: request logs', () => {
  let t: TestApi;
  const lines: Line[] = [];
  const logger = createLogger('info', { write: (line: string) => void lines.push(JSON.parse(line) as Line) });
  beforeAll(async () => {
    t = await startTestApi({ logger });
  });
  afterAll(() => t.close());

  /** The completion line of the request with this id. */
  const lineOf = (id: string) => lines.find((line) => line.req?.id === id && line.msg === 'request completed');

  it('Scenario: a request that succeeds is one info line with its id, status and time, its credentials redacted', async () => {
    const token = await t.token('admin');
    const response = await request(t.app).get('/api/me').set('Authorization', `Bearer ${token}`).set('X-Request-Id', 'log-test-1');
    expect(response.status).toBe(200);
    const line = lineOf('log-test-1');
    expect(line).toMatchObject({ level: 30, req: { id: 'log-test-1', method: 'GET', url: '/api/me' }, res: { statusCode: 200 } });
    expect(line!.req!.headers.authorization).toBe('[redacted]');
    expect(JSON.stringify(lines)).not.toContain(token);
    expect(typeof line!.responseTime).toBe('number');
    expect(line!.res!.headers['x-request-id']).toBe('log-test-1');
  });

  it('Scenario: a refused request is a warning, and a level that is off writes nothing', async () => {
    expect((await request(t.app).get('/api/me').set('X-Request-Id', 'log-test-2')).status).toBe(401);
    expect(lineOf('log-test-2')).toMatchObject({ level: 40, res: { statusCode: 401 } });

    logger.level = 'error';
    try {
      expect((await request(t.app).get('/health').set('X-Request-Id', 'log-test-3')).status).toBe(200);
      expect((await request(t.app).get('/api/me').set('X-Request-Id', 'log-test-4')).status).toBe(401);
    } finally {
      logger.level = 'info';
    }
    expect(lineOf('log-test-3')).toBeUndefined();
    expect(lineOf('log-test-4')).toBeUndefined();
  });
});
