/**
 * Feature: the HTTP layer — the OpenAPI document and docs page, security headers, request ids,
 * health and readiness, problem+json for unknown routes, and hostile input: oversized bodies, wrong
 * content types, malformed and deeply nested JSON, prototype-pollution keys, unknown properties,
 * SQL-injection strings in filters. Each is a 4xx and changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { closeApp, createApp, servicesOf } from '../../api/app.js';
import { silentLogger, startTestApi, TEST_JWT_SECRET, TEST_SCRYPT_COST, type TestApi } from '../support/api-app.js';

describe('Feature: the HTTP layer', () => {
  let t: TestApi;
  let admin: string;
  let communeId: string;
  const auth = () => ({ Authorization: `Bearer ${admin}` });
  const counts = async () => {
    const users = await request(t.app).get('/api/users?limit=1').set(auth());
    const units = await request(t.app).get('/api/units?limit=1').set(auth());
    const audit = await request(t.app).get('/api/audit?limit=1').set(auth());
    return { users: users.body.total as number, units: units.body.total as number, audit: audit.body.total as number };
  };

  beforeAll(async () => {
    t = await startTestApi();
    admin = await t.token('admin');
    const units = (await request(t.app).get('/api/units?limit=200').set(auth())).body.items as Array<{ id: string; code: string }>;
    communeId = units.find((u) => u.code === '000.00.20.H40')!.id;
  });
  afterAll(() => t.close());

  it('Scenario: the OpenAPI 3.1 document lists every route with its schemas and permission', async () => {
    const response = await request(t.app).get('/api/openapi.json');
    expect(response.status).toBe(200);
    expect(response.body.openapi).toBe('3.1.0');
    const users = response.body.paths['/api/users'];
    expect(users.post).toMatchObject({
      'x-permission': { action: 'create', subject: 'User' },
      requestBody: { content: { 'application/json': { schema: { required: ['username', 'displayName', 'unitId', 'password'] } } } },
    });
    expect(users.get.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'limit', in: 'query' })]));
    expect(response.body.paths['/api/units/{id}'].get.parameters).toEqual([expect.objectContaining({ name: 'id', in: 'path', required: true })]);
    expect(response.body.paths['/api/auth/login'].post.security).toEqual([]);
    expect(Object.keys(response.body.paths)).toEqual(expect.arrayContaining(['/health', '/ready', '/api/roles/{code}', '/api/audit', '/api/api-keys/{id}']));
  });

  it('Scenario: the docs page loads its script and style from the same origin under a strict CSP', async () => {
    const page = await request(t.app).get('/api/docs');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    const csp = page.headers['content-security-policy'] as string;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(page.text).toContain('<script src="/api/docs/docs.js" defer></script>');
    expect(page.text).not.toMatch(/<script>(?!<\/script>)|<style>|https?:\/\/(?!localhost)/);
    expect((await request(t.app).get('/api/docs/docs.js')).headers['content-type']).toMatch(/javascript/);
    expect((await request(t.app).get('/api/docs/docs.css')).headers['content-type']).toMatch(/text\/css/);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['x-powered-by']).toBeUndefined();
  });

  it('Scenario: a sane X-Request-Id is echoed, an insane one is replaced, and problems quote it', async () => {
    const echoed = await request(t.app).get('/health').set('X-Request-Id', 'abc-123');
    expect(echoed.headers['x-request-id']).toBe('abc-123');
    const replaced = await request(t.app).get('/health').set('X-Request-Id', 'bad id with spaces <script>');
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const missing = await request(t.app).get('/api/nothing-here').set('X-Request-Id', 'req-42');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ code: 'route-not-found', instance: 'urn:motcua:request:req-42' });
    // Under a resource's own router, the answer still names the whole path.
    const deeper = await request(t.app).post('/api/tasks/some-id/fly');
    expect(deeper.status).toBe(404);
    expect(deeper.body).toMatchObject({ code: 'route-not-found', detail: 'No route POST /api/tasks/some-id/fly' });
    // Paths are case-sensitive, at the top and under a resource; a trailing slash is allowed.
    expect((await request(t.app).get('/HEALTH')).status).toBe(404);
    expect((await request(t.app).get('/API/TASKS')).status).toBe(404);
    expect((await request(t.app).get('/health/')).status).toBe(200);
  });

  it('Scenario: health and readiness answer without authentication', async () => {
    expect((await request(t.app).get('/health')).body).toEqual({ status: 'ok', database: t.engine.dialect });
    expect((await request(t.app).get('/ready')).body).toEqual({ status: 'ready' });
  });

  it('Scenario: readiness turns 503 when shutdown starts', async () => {
    const services = servicesOf(t.app);
    services.lifecycle.shuttingDown = true;
    try {
      const response = await request(t.app).get('/ready');
      expect(response.status).toBe(503);
      expect(response.body.code).toBe('shutting-down');
      expect((await request(t.app).get('/health')).status).toBe(200);
    } finally {
      services.lifecycle.shuttingDown = false;
    }
  });

  it('Scenario: a second start on the same database migrates and seeds nothing new', async () => {
    const before = await counts();
    const again = await createApp(t.engine, { clock: t.clock, jwtSecret: TEST_JWT_SECRET, scryptCost: TEST_SCRYPT_COST, logger: silentLogger });
    try {
      expect((await request(again).get('/api/users?limit=1').set(auth())).body.total).toBe(before.users);
      expect(await counts()).toEqual(before);
    } finally {
      await closeApp(again);
    }
  });

  it('Scenario: hostile bodies get a 4xx problem and change nothing', async () => {
    const before = await counts();
    const valid = { username: 'hostile.user', displayName: 'H', unitId: communeId, password: 'long-enough' };
    const post = () => request(t.app).post('/api/users').set(auth());

    const huge = await post().send({ ...valid, displayName: 'x'.repeat(200_000) });
    expect(huge.status).toBe(413);
    expect(huge.body.code).toBe('body-too-large');

    const text = await post().set('Content-Type', 'text/plain').send(JSON.stringify(valid));
    expect(text.status).toBe(415);
    const form = await post().type('form').send('username=a&password=b');
    expect(form.status).toBe(415);

    const malformed = await post().set('Content-Type', 'application/json').send('{"username": "a",');
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe('malformed-json');

    const deep = await post().set('Content-Type', 'application/json').send(`${'['.repeat(5000)}${']'.repeat(5000)}`);
    expect(deep.status).toBe(400);
    expect(deep.body.code).toBe('too-deeply-nested');
    const deepObject = await post().set('Content-Type', 'application/json').send(`${'{"a":'.repeat(40)}1${'}'.repeat(40)}`);
    expect(deepObject.status).toBe(400);

    for (const key of ['__proto__', 'constructor', 'prototype']) {
      const polluted = await post().set('Content-Type', 'application/json').send(`{"username":"p.user","${key}":{"isAdmin":true},"displayName":"P","unitId":"${communeId}","password":"long-enough"}`);
      expect(polluted.status).toBe(400);
      expect(polluted.body).toMatchObject({ code: 'forbidden-key', errors: [{ field: `/body/${key}` }] });
    }
    const nested = await post().set('Content-Type', 'application/json').send(`{"roles":[{"__proto__":{"x":1}}]}`);
    expect(nested.status).toBe(400);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();

    const unknownProperty = await post().send({ ...valid, isAdmin: true });
    expect(unknownProperty.status).toBe(400);
    expect(unknownProperty.body.errors).toEqual([{ field: '/body/isAdmin', message: 'is not a known property' }]);

    const wrongTypes = await post().send({ ...valid, username: 42, unitId: 'not-a-uuid' });
    expect(wrongTypes.status).toBe(400);
    expect(wrongTypes.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['/body/unitId', '/body/username']);

    const arrayBody = await post().send([valid]);
    expect(arrayBody.status).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it('Scenario: SQL-injection strings in filters are values, never SQL', async () => {
    const before = await counts();
    const injections = ["' OR '1'='1", "admin'; DROP TABLE users; --", '1) OR (1=1', "x' UNION SELECT password_hash FROM users --"];
    for (const value of injections) {
      const byName = await request(t.app).get('/api/users').query({ username: value }).set(auth());
      expect(byName.status).toBe(200);
      expect(byName.body).toEqual({ items: [], total: 0 });
      const byActor = await request(t.app).get('/api/audit').query({ actor: value }).set(auth());
      expect(byActor.status).toBe(200);
      expect(byActor.body.total).toBe(0);
      expect((await request(t.app).get('/api/units').query({ parentId: value }).set(auth())).status).toBe(400);
      expect((await request(t.app).get(`/api/users/${encodeURIComponent(value)}`).set(auth())).status).toBe(400);
      expect((await request(t.app).get(`/api/roles/${encodeURIComponent(value)}`).set(auth())).status).toBe(400);
    }
    expect((await request(t.app).get('/api/users').query({ limit: '1; DROP TABLE users' }).set(auth())).status).toBe(400);
    expect((await request(t.app).get('/api/users').query({ orderBy: 'password_hash' }).set(auth())).status).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it('Scenario: query strings are coerced to the schema types and checked', async () => {
    const response = await request(t.app).get('/api/units?limit=2&offset=1').set(auth());
    expect(response.status).toBe(200);
    expect(response.body.items).toHaveLength(2);
    expect((await request(t.app).get('/api/units?limit=0').set(auth())).body.errors).toEqual([{ field: '/query/limit', message: expect.stringContaining('>= 1') }]);
    expect((await request(t.app).get('/api/users?disabled=yes').set(auth())).status).toBe(400);
    expect((await request(t.app).get('/api/users?disabled=false').set(auth())).status).toBe(200);
  });
});
