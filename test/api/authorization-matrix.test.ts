/**
 * Feature: the authorization matrix over the seeded roles (DOMAIN.md's table) for the resources the
 * admin API owns: units, users, roles, audit. For each role, on its own unit and on another
 * commune: what the lists show (filtered in SQL), what a GET finds (404 for what it may not see),
 * and which writes are allowed (403 otherwise).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { startTestApi, type TestApi } from '../support/api-app.js';

const COMMUNE = '000.00.20.H40';
const COMMUNE_DIVISION = '000.10.20.H40';
const OTHER_COMMUNE = '000.00.21.H40';
const ALL_UNITS = ['000.00.00.H40', '000.00.10.H40', '000.10.10.H40', '000.00.11.H40', '000.10.11.H40', '000.00.12.H40', '000.10.12.H40', COMMUNE, COMMUNE_DIVISION, OTHER_COMMUNE, '000.10.21.H40'];
const COMMUNE_USERS = ['chuyenvien1', 'lanhdao1', 'motcua1', 'own.officer', 'quantri.xa1', 'truongphong1', 'vanthu1'];
const EVERYONE = [...COMMUNE_USERS, 'admin', 'other.officer', 'phantich1'].sort();

interface Expectation {
  /** Unit codes GET /api/units lists. */
  units: string[];
  /** User names GET /api/users lists. */
  users: string[];
  /** May create a user in the own commune / in the other commune. */
  createOwn: boolean;
  createOther: boolean;
  /** GET /api/audit and GET /api/roles. */
  audit: boolean;
  roles: boolean;
  /** Create a unit; replace a role's rules. */
  writeUnits: boolean;
  writeRoles: boolean;
}

const officer = (units: string[], users: string[]): Expectation => ({
  units,
  users,
  createOwn: false,
  createOther: false,
  audit: false,
  roles: false,
  writeUnits: false,
  writeRoles: false,
});

const MATRIX: Record<string, Expectation> = {
  motcua1: officer([COMMUNE, COMMUNE_DIVISION], ['motcua1']),
  chuyenvien1: officer([COMMUNE_DIVISION], ['chuyenvien1']),
  truongphong1: officer([COMMUNE_DIVISION], ['chuyenvien1', 'truongphong1']),
  lanhdao1: officer([COMMUNE, COMMUNE_DIVISION], COMMUNE_USERS),
  vanthu1: officer([COMMUNE, COMMUNE_DIVISION], ['vanthu1']),
  phantich1: officer(ALL_UNITS, ['phantich1']),
  'quantri.xa1': { ...officer([COMMUNE, COMMUNE_DIVISION], COMMUNE_USERS), createOwn: true, audit: true, roles: true },
  admin: { units: ALL_UNITS, users: EVERYONE, createOwn: true, createOther: true, audit: true, roles: true, writeUnits: true, writeRoles: true },
};

describe('Feature: who may do what with units, users, roles and the audit log', () => {
  let t: TestApi;
  const ids = new Map<string, string>();
  const userIds = new Map<string, string>();
  const as = async (username: string) => ({ Authorization: `Bearer ${await t.token(username)}` });

  beforeAll(async () => {
    t = await startTestApi();
    const admin = await as('admin');
    for (const u of (await request(t.app).get('/api/units?limit=200').set(admin)).body.items as Array<{ id: string; code: string }>) ids.set(u.code, u.id);
    for (const [username, code] of [['own.officer', COMMUNE], ['other.officer', OTHER_COMMUNE]] as const) {
      const created = await request(t.app)
        .post('/api/users')
        .set(admin)
        .send({ username, displayName: username, unitId: ids.get(code), password: 'password-1', roles: [{ roleCode: 'chuyen_vien', unitId: ids.get(code) }] });
      expect(created.status).toBe(201);
    }
    for (const u of (await request(t.app).get('/api/users?limit=200').set(admin)).body.items as Array<{ id: string; username: string }>) userIds.set(u.username, u.id);
  });
  afterAll(() => t.close());

  for (const [username, expected] of Object.entries(MATRIX)) {
    describe(`Role holder ${username}`, () => {
      it('Scenario: lists show exactly the units and users of their scope', async () => {
        const headers = await as(username);
        const units = await request(t.app).get('/api/units?limit=200').set(headers);
        expect(units.status).toBe(200);
        expect(units.body.items.map((u: { code: string }) => u.code).sort()).toEqual([...expected.units].sort());
        expect(units.body.total).toBe(expected.units.length);
        const users = await request(t.app).get('/api/users?limit=200').set(headers);
        expect(users.status).toBe(200);
        expect(users.body.items.map((u: { username: string }) => u.username).sort()).toEqual([...expected.users].sort());
        expect(users.body.total).toBe(expected.users.length);
        // paging applies after the permission filter
        const firstPage = await request(t.app).get('/api/users?limit=1').set(headers);
        expect(firstPage.body).toMatchObject({ total: expected.users.length, items: [expect.anything()] });
      });

      it('Scenario: a GET finds what the lists show, and 404 for the rest', async () => {
        const headers = await as(username);
        for (const code of [COMMUNE, OTHER_COMMUNE]) {
          const response = await request(t.app).get(`/api/units/${ids.get(code)}`).set(headers);
          expect(response.status).toBe(expected.units.includes(code) ? 200 : 404);
        }
        for (const name of ['own.officer', 'other.officer']) {
          const response = await request(t.app).get(`/api/users/${userIds.get(name)}`).set(headers);
          expect(response.status).toBe(expected.users.includes(name) ? 200 : 404);
          if (response.status === 404) expect(response.body.code).toBe('not-found');
        }
      });
    });
  }

  // Writes after all reads, so that the lists above see the seeded state only.
  for (const [username, expected] of Object.entries(MATRIX)) {
    describe(`Role holder ${username} writing`, () => {
      it('Scenario: creating users in the own and the other commune', async () => {
        const headers = await as(username);
        for (const [code, allowed, suffix] of [[COMMUNE, expected.createOwn, 'own'], [OTHER_COMMUNE, expected.createOther, 'other']] as const) {
          const response = await request(t.app)
            .post('/api/users')
            .set(headers)
            .send({ username: `m.${username}.${suffix}`, displayName: 'M', unitId: ids.get(code), password: 'password-1' });
          expect(response.status).toBe(allowed ? 201 : 403);
        }
      });

      it('Scenario: the audit log, the roles, and writing units and role rules', async () => {
        const headers = await as(username);
        const audit = await request(t.app).get('/api/audit?limit=200').set(headers);
        expect(audit.status).toBe(expected.audit ? 200 : 403);
        if (username === 'quantri.xa1') {
          const communeTree = new Set([ids.get(COMMUNE), ids.get(COMMUNE_DIVISION)]);
          expect(audit.body.items.length).toBeGreaterThan(0);
          for (const entry of audit.body.items as Array<{ unitId: string }>) expect(communeTree.has(entry.unitId)).toBe(true);
        }
        expect((await request(t.app).get('/api/roles').set(headers)).status).toBe(expected.roles ? 200 : 403);
        const unit = await request(t.app).post('/api/units').set(headers).send({ code: `U.${username}`, name: 'U', kind: 'division', parentId: ids.get(COMMUNE) });
        expect(unit.status).toBe(expected.writeUnits ? 201 : 403);
        const role = await request(t.app).put('/api/roles/chuyen_vien').set(headers).send({ name: 'x', rules: [], version: 999 });
        expect(role.status).toBe(expected.writeRoles ? 409 : 403);
      });
    });
  }
});
