/**
 * Feature: administration — units, users, roles with their permission rules, and the audit log:
 * success, 400, 403, 404, 409 and 422 with nothing changed, every change audited, and a role's new
 * rules counting from the next request.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { startTestApi, type TestApi } from '../support/api-app.js';

interface Unit {
  id: string;
  code: string;
  kind: string;
  parentId: string | null;
}

describe('Feature: administration', () => {
  let t: TestApi;
  let units: Map<string, Unit>;
  const as = async (username: string) => ({ Authorization: `Bearer ${await t.token(username)}` });
  const unit = (code: string) => units.get(code)!.id;
  const auditTotal = async () => (await request(t.app).get('/api/audit?limit=1').set(await as('admin'))).body.total as number;

  beforeAll(async () => {
    t = await startTestApi();
    const list = (await request(t.app).get('/api/units?limit=200').set(await as('admin'))).body.items as Unit[];
    units = new Map(list.map((u) => [u.code, u]));
  });
  afterAll(() => t.close());

  describe('Units', () => {
    it('Scenario: the system admin creates a division, renames it, and both changes are audited', async () => {
      const admin = await as('admin');
      const created = await request(t.app)
        .post('/api/units')
        .set(admin)
        .send({ code: '000.11.20.H40', name: 'Văn phòng HĐND và UBND xã', kind: 'division', parentId: unit('000.00.20.H40') });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ code: '000.11.20.H40', kind: 'division', parentId: unit('000.00.20.H40') });
      const renamed = await request(t.app).patch(`/api/units/${created.body.id}`).set(admin).send({ name: 'Văn phòng xã' });
      expect(renamed.status).toBe(200);
      expect(renamed.body.name).toBe('Văn phòng xã');
      const audit = await request(t.app).get('/api/audit').query({ subjectId: created.body.id }).set(admin);
      expect(audit.body.items).toEqual([
        expect.objectContaining({ action: 'update', actor: 'admin', subject: 'Unit', before: expect.objectContaining({ name: 'Văn phòng HĐND và UBND xã' }), after: expect.objectContaining({ name: 'Văn phòng xã' }), requestId: expect.any(String) }),
        expect.objectContaining({ action: 'create', actor: 'admin', subject: 'Unit' }),
      ]);
    });

    it('Scenario: bad unit changes are refused precisely and change nothing', async () => {
      const admin = await as('admin');
      const before = await auditTotal();
      const cases: Array<[() => request.Test, number, string]> = [
        [() => request(t.app).post('/api/units').set(admin).send({ code: '000.00.20.H40', name: 'Dup', kind: 'commune', parentId: unit('000.00.00.H40') }), 409, 'unit-code-taken'],
        [() => request(t.app).post('/api/units').set(admin).send({ code: 'X1', name: 'Bad', kind: 'division', parentId: null }), 422, 'invalid-unit-hierarchy'],
        [() => request(t.app).post('/api/units').set(admin).send({ code: 'X2', name: 'Bad', kind: 'commune', parentId: unit('000.00.10.H40') }), 422, 'invalid-unit-hierarchy'],
        [() => request(t.app).post('/api/units').set(admin).send({ code: 'X3', name: 'Bad', kind: 'division', parentId: '00000000-0000-4000-8000-000000000000' }), 422, 'unknown-parent'],
        [() => request(t.app).post('/api/units').set(admin).send({ code: 'X4', name: 'Bad', kind: 'hamlet', parentId: null }), 400, 'invalid-request'],
        [() => request(t.app).patch(`/api/units/${unit('000.00.20.H40')}`).set(admin).send({ parentId: unit('000.10.20.H40') }), 422, 'unit-cycle'],
        [() => request(t.app).patch(`/api/units/${unit('000.00.20.H40')}`).set(admin).send({}), 400, 'invalid-request'],
        [() => request(t.app).patch('/api/units/00000000-0000-4000-8000-000000000000').set(admin).send({ name: 'x' }), 404, 'not-found'],
        [() => request(t.app).get('/api/units/00000000-0000-4000-8000-000000000000').set(admin), 404, 'not-found'],
      ];
      for (const [send, status, code] of cases) {
        const response = await send();
        expect({ status: response.status, code: response.body.code }).toEqual({ status, code });
      }
      expect(await auditTotal()).toBe(before);
    });

    it('Scenario: a unit admin may not create or change units (403), and does not see other units (404)', async () => {
      const unitAdmin = await as('quantri.xa1');
      expect((await request(t.app).post('/api/units').set(unitAdmin).send({ code: 'Y1', name: 'Y', kind: 'division', parentId: unit('000.00.20.H40') })).status).toBe(403);
      expect((await request(t.app).patch(`/api/units/${unit('000.00.20.H40')}`).set(unitAdmin).send({ name: 'Mine now' })).status).toBe(403);
      expect((await request(t.app).patch(`/api/units/${unit('000.00.21.H40')}`).set(unitAdmin).send({ name: 'Theirs' })).status).toBe(403);
      expect((await request(t.app).get(`/api/units/${unit('000.00.21.H40')}`).set(unitAdmin)).status).toBe(404);
    });
  });

  describe('Users', () => {
    it('Scenario: a unit admin creates an officer of their unit with a role, who can log in', async () => {
      const unitAdmin = await as('quantri.xa1');
      const created = await request(t.app)
        .post('/api/users')
        .set(unitAdmin)
        .send({ username: 'motcua2', displayName: 'Một Cửa Hai', email: 'motcua2@example.test', unitId: unit('000.00.20.H40'), password: 'password-2', roles: [{ roleCode: 'mot_cua', unitId: unit('000.00.20.H40') }] });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ username: 'motcua2', disabled: false, roles: [{ roleCode: 'mot_cua', unitId: unit('000.00.20.H40') }] });
      expect(created.body).not.toHaveProperty('passwordHash');
      expect(await t.token('motcua2', 'password-2')).toEqual(expect.any(String));
      const duplicate = await request(t.app).post('/api/users').set(unitAdmin).send({ username: 'motcua2', displayName: 'Again', unitId: unit('000.00.20.H40'), password: 'password-2' });
      expect(duplicate.status).toBe(409);
      expect(duplicate.body.code).toBe('username-taken');
    });

    it('Scenario: a unit admin cannot create users elsewhere, grant admin roles, or take over an admin', async () => {
      const unitAdmin = await as('quantri.xa1');
      const before = await auditTotal();
      const elsewhere = await request(t.app).post('/api/users').set(unitAdmin).send({ username: 'spy1', displayName: 'S', unitId: unit('000.00.21.H40'), password: 'password-2' });
      expect(elsewhere.status).toBe(403);
      const escalate = await request(t.app)
        .post('/api/users')
        .set(unitAdmin)
        .send({ username: 'spy2', displayName: 'S', unitId: unit('000.00.20.H40'), password: 'password-2', roles: [{ roleCode: 'quan_tri_he_thong', unitId: unit('000.00.20.H40') }] });
      expect(escalate.status).toBe(403);
      const unknownRole = await request(t.app)
        .post('/api/users')
        .set(unitAdmin)
        .send({ username: 'spy3', displayName: 'S', unitId: unit('000.00.20.H40'), password: 'password-2', roles: [{ roleCode: 'no_such_role', unitId: unit('000.00.20.H40') }] });
      expect(unknownRole.status).toBe(422);
      expect(unknownRole.body.errors).toEqual([{ field: '/body/roles/0/roleCode', message: "no role 'no_such_role'" }]);

      // the system admin puts an admin into the commune; the unit admin may not touch them
      const admin = await as('admin');
      const boss = await request(t.app)
        .post('/api/users')
        .set(admin)
        .send({ username: 'boss1', displayName: 'Boss', unitId: unit('000.00.20.H40'), password: 'password-2', roles: [{ roleCode: 'quan_tri_he_thong', unitId: unit('000.00.00.H40') }] });
      expect(boss.status).toBe(201);
      const takeover = await request(t.app).post(`/api/users/${boss.body.id}/password`).set(unitAdmin).send({ password: 'mine-now-123' });
      expect(takeover.status).toBe(403);
      expect(takeover.body.code).toBe('user-outranks-you');
      expect((await request(t.app).post(`/api/users/${boss.body.id}/disable`).set(unitAdmin)).status).toBe(403);
      expect(await auditTotal()).toBe(before + 1);
    });

    it('Scenario: roles are granted and withdrawn per unit, with 409 for a duplicate and 422 for one not held', async () => {
      const unitAdmin = await as('quantri.xa1');
      const users = (await request(t.app).get('/api/users').query({ username: 'vanthu1' }).set(unitAdmin)).body.items as Array<{ id: string }>;
      const id = users[0]!.id;
      const grant = { roleCode: 'mot_cua', unitId: unit('000.10.20.H40') };
      const granted = await request(t.app).post(`/api/users/${id}/roles`).set(unitAdmin).send(grant);
      expect(granted.status).toBe(201);
      expect(granted.body.roles).toEqual(expect.arrayContaining([grant]));
      expect((await request(t.app).post(`/api/users/${id}/roles`).set(unitAdmin).send(grant)).status).toBe(409);
      expect((await request(t.app).post(`/api/users/${id}/roles`).set(unitAdmin).send({ roleCode: 'mot_cua', unitId: unit('000.00.21.H40') })).status).toBe(403);
      expect((await request(t.app).delete(`/api/users/${id}/roles/mot_cua/${grant.unitId}`).set(unitAdmin)).status).toBe(204);
      const again = await request(t.app).delete(`/api/users/${id}/roles/mot_cua/${grant.unitId}`).set(unitAdmin);
      expect(again.status).toBe(422);
      expect(again.body.code).toBe('role-not-held');
      const audit = (await request(t.app).get('/api/audit').query({ subjectId: id }).set(unitAdmin)).body.items as Array<{ action: string }>;
      expect(audit.slice(0, 2).map((e) => e.action)).toEqual(['revoke-role', 'grant-role']);
    });

    it('Scenario: profile changes, disabling oneself is refused, and unknown users are 404', async () => {
      const unitAdmin = await as('quantri.xa1');
      const me = (await request(t.app).get('/api/me').set(unitAdmin)).body;
      const officer = (await request(t.app).get('/api/users').query({ username: 'chuyenvien1' }).set(unitAdmin)).body.items[0];
      const changed = await request(t.app).patch(`/api/users/${officer.id}`).set(unitAdmin).send({ displayName: 'Trần Văn Chuyên (mới)' });
      expect(changed.status).toBe(200);
      expect(changed.body.displayName).toBe('Trần Văn Chuyên (mới)');
      expect((await request(t.app).patch(`/api/users/${officer.id}`).set(unitAdmin).send({ unitId: unit('000.00.21.H40') })).status).toBe(403);
      expect((await request(t.app).patch(`/api/users/${officer.id}`).set(unitAdmin).send({ email: 'not-an-email' })).status).toBe(400);
      const admin = await as('admin');
      const self = await request(t.app).post(`/api/users/${(await request(t.app).get('/api/me').set(admin)).body.id}/disable`).set(admin);
      expect(self.status).toBe(422);
      expect(self.body.code).toBe('cannot-disable-self');
      expect((await request(t.app).get('/api/users/00000000-0000-4000-8000-000000000000').set(unitAdmin)).status).toBe(404);
      expect(me.kind).toBe('user');
    });
  });

  describe('Roles and permissions', () => {
    it('Scenario: invalid rules are a 422 naming each bad place, and nothing is stored', async () => {
      const admin = await as('admin');
      const role = (await request(t.app).get('/api/roles/van_thu').set(admin)).body;
      const bad = await request(t.app)
        .put('/api/roles/van_thu')
        .set(admin)
        .send({
          name: role.name,
          version: role.version,
          rules: [
            { action: 'fly', subject: 'Task' },
            { action: 'read', subject: 'Spaceship' },
            { action: 'read', subject: 'Unit', conditions: { salary: 5 } },
            { action: 'read', subject: 'User', conditions: { unitId: { $where: 'sleep(1)' } } },
            { action: 'read', subject: 'User', conditions: { unitId: '${user.unitIds}' } },
            { action: 'read', subject: 'User', conditions: { unitId: { $in: '${user.secret}' } } },
          ],
        });
      expect(bad.status).toBe(422);
      expect(bad.body.code).toBe('invalid-rules');
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual([
        '/body/rules/0/action',
        '/body/rules/1/subject',
        '/body/rules/2/conditions/salary',
        '/body/rules/3/conditions/unitId/$where',
        '/body/rules/4/conditions/unitId',
        '/body/rules/5/conditions/unitId/$in',
      ]);
      expect((await request(t.app).get('/api/roles/van_thu').set(admin)).body).toEqual(role);
    });

    it('Scenario: a changed role counts from the next request; a stale version is a 409', async () => {
      const admin = await as('admin');
      const clerk = await as('vanthu1');
      expect((await request(t.app).get('/api/audit').set(clerk)).status).toBe(403);
      const role = (await request(t.app).get('/api/roles/van_thu').set(admin)).body;
      const rules = [...role.rules, { action: 'read', subject: 'AuditLog', conditions: { unitId: { $in: '${unit.subtreeIds}' } } }];
      const updated = await request(t.app).put('/api/roles/van_thu').set(admin).send({ name: role.name, rules, version: role.version });
      expect(updated.status).toBe(200);
      expect(updated.body.version).toBe(role.version + 1);
      const visible = await request(t.app).get('/api/audit?limit=200').set(clerk);
      expect(visible.status).toBe(200);
      expect(visible.body.total).toBeGreaterThan(0);
      const seen = new Set(visible.body.items.map((e: { unitId: string }) => e.unitId));
      expect(seen).toContain(unit('000.00.20.H40'));
      for (const outside of ['000.00.00.H40', '000.00.10.H40', '000.00.21.H40', '000.10.21.H40']) expect(seen).not.toContain(unit(outside));
      const stale = await request(t.app).put('/api/roles/van_thu').set(admin).send({ name: role.name, rules: role.rules, version: role.version });
      expect(stale.status).toBe(409);
      expect(stale.body.code).toBe('role-changed');
      expect((await request(t.app).put('/api/roles/no_such').set(admin).send({ name: 'x', rules: [], version: 1 })).status).toBe(404);
    });

    it('Scenario: a new role is created once; a unit admin may read roles but not write them', async () => {
      const admin = await as('admin');
      const body = { code: 'thanh_tra', name: 'Thanh tra', description: 'Inspector', rules: [{ action: 'read', subject: 'AuditLog' }] };
      expect((await request(t.app).post('/api/roles').set(admin).send(body)).status).toBe(201);
      const again = await request(t.app).post('/api/roles').set(admin).send(body);
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('role-exists');
      const unitAdmin = await as('quantri.xa1');
      expect((await request(t.app).get('/api/roles').set(unitAdmin)).body.items.map((r: { code: string }) => r.code)).toContain('thanh_tra');
      expect((await request(t.app).post('/api/roles').set(unitAdmin).send({ ...body, code: 'x_role' })).status).toBe(403);
      expect((await request(t.app).get('/api/roles/nope_role').set(unitAdmin)).status).toBe(404);
    });
  });
});
