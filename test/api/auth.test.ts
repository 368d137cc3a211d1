/**
 * Feature: authentication — passwords and tokens, rate-limited login, single sign-on tokens from an
 * OpenID Connect issuer (a key set served locally), API keys; every bad credential is a 401.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { startTestApi, TEST_JWT_SECRET, type TestApi } from '../support/api-app.js';

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

describe('Feature: authentication', () => {
  let t: TestApi;
  let jwks: http.Server;
  let signOidc: (claims: Record<string, unknown>, options?: { audience?: string; expiresInSeconds?: number }) => Promise<string>;

  beforeAll(async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
    jwks = http.createServer((_request, response) => {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks.json`;
    t = await startTestApi({ oidc: { jwksUrl: url, issuer: 'https://sso.example.test', audience: 'motcua', usernameClaim: 'preferred_username' } });
    signOidc = async (claims, options = {}) => {
      const now = Math.floor(t.clock.now().getTime() / 1000);
      return new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
        .setIssuer('https://sso.example.test')
        .setAudience(options.audience ?? 'motcua')
        .setIssuedAt(now)
        .setExpirationTime(now + (options.expiresInSeconds ?? 300))
        .sign(privateKey);
    };
  });
  afterAll(async () => {
    await t.close();
    await new Promise((resolve) => jwks.close(resolve));
  });

  it('Scenario: a seeded user logs in and the token says who they are', async () => {
    const login = await request(t.app).post('/api/auth/login').send({ username: 'chuyenvien1', password: 'motcua-demo' });
    expect(login.status).toBe(200);
    expect(login.body).toMatchObject({ token: expect.any(String), expiresAt: '2026-03-02T10:00:00.000Z', user: { username: 'chuyenvien1' } });
    expect(JSON.stringify(login.body)).not.toContain('password');
    const me = await request(t.app).get('/api/me').set(bearer(login.body.token));
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ kind: 'user', username: 'chuyenvien1', roles: [{ roleCode: 'chuyen_vien' }] });
  });

  it('Scenario: a wrong password or an unknown user is the same 401, and the body schema is checked', async () => {
    const wrong = await request(t.app).post('/api/auth/login').send({ username: 'vanthu1', password: 'nope' });
    const unknown = await request(t.app).post('/api/auth/login').send({ username: 'nobody', password: 'nope' });
    for (const response of [wrong, unknown]) {
      expect(response.status).toBe(401);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({ status: 401, code: 'invalid-credentials', title: 'Unauthorized' });
    }
    const malformed = await request(t.app).post('/api/auth/login').send({ username: 'vanthu1' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors).toEqual([{ field: '/body/password', message: expect.any(String) }]);
  });

  it('Scenario: after five failures for one user from one address, logins are refused for a while', async () => {
    for (let i = 0; i < 5; i++) {
      expect((await request(t.app).post('/api/auth/login').send({ username: 'lanhdao1', password: `wrong${i}` })).status).toBe(401);
    }
    const blocked = await request(t.app).post('/api/auth/login').send({ username: 'lanhdao1', password: 'motcua-demo' });
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('too-many-attempts');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // another user from the same address is not affected
    expect((await request(t.app).post('/api/auth/login').send({ username: 'vanthu1', password: 'motcua-demo' })).status).toBe(200);
    t.clock.advance(16 * 60_000);
    expect((await request(t.app).post('/api/auth/login').send({ username: 'lanhdao1', password: 'motcua-demo' })).status).toBe(200);
  });

  it('Scenario: no token, a malformed header, a forged, an alg:none and an expired token are all 401', async () => {
    const good = await t.token('motcua1');
    const payload = JSON.parse(Buffer.from(good.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
    const forged = await new SignJWT(payload).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode('another-secret-another-secret-another-secret'));
    const none = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(payload)}.`;
    const tampered = `${good.split('.')[0]}.${b64({ ...payload, sub: 'someone-else' })}.${good.split('.')[2]}`;
    const cases: Array<Record<string, string>> = [
      {},
      { Authorization: 'Basic dXNlcjpwYXNz' },
      { Authorization: 'Bearer' },
      bearer('not.a.jwt'),
      bearer(forged),
      bearer(none),
      bearer(tampered),
    ];
    for (const headers of cases) {
      const response = await request(t.app).get('/api/units').set(headers);
      expect(response.status).toBe(401);
      expect(response.body.code).toMatch(/^unauthenticated$/);
      expect(response.headers['www-authenticate']).toContain('Bearer');
    }
    expect((await request(t.app).get('/api/units').set(bearer(good))).status).toBe(200);
    const expiring = (await request(t.app).post('/api/auth/login').send({ username: 'motcua1', password: 'motcua-demo' })).body.token as string;
    // Used once while valid (its checked signature is then remembered), refused once it has expired.
    expect((await request(t.app).get('/api/units').set(bearer(expiring))).status).toBe(200);
    t.clock.advance(8 * 3600_000 + 1000);
    expect((await request(t.app).get('/api/units').set(bearer(expiring))).status).toBe(401);
    expect(TEST_JWT_SECRET.length).toBeGreaterThanOrEqual(32);
  });

  it('Scenario: a disabled user and a reset password stop existing tokens at the next request', async () => {
    const admin = await t.token('admin');
    const created = await request(t.app)
      .post('/api/users')
      .set(bearer(admin))
      .send({ username: 'temp.user', displayName: 'Temp', unitId: (await request(t.app).get('/api/me').set(bearer(admin))).body.user.unitId, password: 'first-password' });
    expect(created.status).toBe(201);
    const token = await t.token('temp.user', 'first-password');
    expect((await request(t.app).get('/api/me').set(bearer(token))).status).toBe(200);
    t.clock.advance(2000);
    expect((await request(t.app).post(`/api/users/${created.body.id}/password`).set(bearer(admin)).send({ password: 'second-password' })).status).toBe(204);
    expect((await request(t.app).get('/api/me').set(bearer(token))).status).toBe(401);
    const second = await t.token('temp.user', 'second-password');
    expect((await request(t.app).get('/api/me').set(bearer(second))).status).toBe(200);
    expect((await request(t.app).post(`/api/users/${created.body.id}/disable`).set(bearer(admin))).status).toBe(200);
    expect((await request(t.app).get('/api/me').set(bearer(second))).status).toBe(401);
    expect((await request(t.app).post('/api/auth/login').send({ username: 'temp.user', password: 'second-password' })).status).toBe(401);
  });

  it('Scenario: a single sign-on token is accepted for a known user and refused otherwise', async () => {
    const ok = await signOidc({ preferred_username: 'truongphong1' });
    const me = await request(t.app).get('/api/me').set(bearer(ok));
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ username: 'truongphong1', roles: [{ roleCode: 'lanh_dao_phong' }] });

    const refused = [
      await signOidc({ preferred_username: 'nobody.here' }),
      await signOidc({ preferred_username: 'truongphong1' }, { audience: 'another-app' }),
      await signOidc({ preferred_username: 'truongphong1' }, { expiresInSeconds: -120 }),
      await signOidc({ sub: 'no-username-claim' }),
      // an HS256 token claiming the external issuer, signed with our own secret, is not accepted
      await new SignJWT({ preferred_username: 'admin' })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer('https://sso.example.test')
        .setAudience('motcua')
        .setExpirationTime(Math.floor(t.clock.now().getTime() / 1000) + 300)
        .sign(new TextEncoder().encode(TEST_JWT_SECRET)),
    ];
    for (const token of refused) expect((await request(t.app).get('/api/me').set(bearer(token))).status).toBe(401);
  });

  it('Scenario: an API key works in both headers with its roles, and stops when revoked', async () => {
    const admin = await t.token('admin');
    const units = (await request(t.app).get('/api/units?limit=200').set(bearer(admin))).body.items as Array<{ id: string; code: string }>;
    const commune = units.find((u) => u.code === '000.00.20.H40')!;
    const created = await request(t.app).post('/api/api-keys').set(bearer(admin)).send({ name: 'worker', unitId: commune.id, roles: ['chuyen_vien'] });
    expect(created.status).toBe(201);
    const key = created.body.key as string;
    expect(key).toMatch(/^mck_/);
    const listed = await request(t.app).get('/api/api-keys').set(bearer(admin));
    expect(JSON.stringify(listed.body)).not.toContain(key);
    expect(listed.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ id: created.body.apiKey.id, roles: ['chuyen_vien'] })]));

    const viaHeader = await request(t.app).get('/api/me').set('X-API-Key', key);
    expect(viaHeader.status).toBe(200);
    expect(viaHeader.body).toMatchObject({ kind: 'api-key', roles: [{ roleCode: 'chuyen_vien', unitId: commune.id }] });
    expect((await request(t.app).get('/api/me').set('Authorization', `ApiKey ${key}`)).status).toBe(200);
    // its role may not manage users
    expect((await request(t.app).get('/api/audit').set('X-API-Key', key)).status).toBe(403);
    expect((await request(t.app).get('/api/me').set('X-API-Key', `${key}x`)).status).toBe(401);

    expect((await request(t.app).delete(`/api/api-keys/${created.body.apiKey.id}`).set(bearer(admin))).status).toBe(204);
    expect((await request(t.app).get('/api/me').set('X-API-Key', key)).status).toBe(401);
  });

  it('Scenario: an API key cannot carry a role its creator may not grant', async () => {
    const unitAdmin = await t.token('quantri.xa1');
    const me = (await request(t.app).get('/api/me').set(bearer(unitAdmin))).body;
    // a unit admin has no ApiKey permission at all
    const response = await request(t.app).post('/api/api-keys').set(bearer(unitAdmin)).send({ name: 'x', unitId: me.user.unitId, roles: ['quan_tri_he_thong'] });
    expect(response.status).toBe(403);
  });
});
