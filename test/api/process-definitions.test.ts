/**
 * Feature: process definitions over HTTP — the latest version per key or all versions, by key,
 * paged; one definition; its XML exactly as deployed. 400 for malformed parameters, 401 without a
 * token, 403 without `read ProcessDefinition`, 404 for an unknown id.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { startTestApi, type TestApi } from '../support/api-app.js';
import { userTaskModel } from '../support/deploy-models.js';

interface Definition {
  id: string;
  key: string;
  version: number;
  name: string | null;
  deploymentId: string;
  createdAt: string;
}

describe('Feature: process definitions', () => {
  let t: TestApi;
  const as = async (username: string) => ({ Authorization: `Bearer ${await t.token(username)}` });
  const deployed: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApi();
    // alpha v1, alpha v2 (renamed task), beta v1 — deployed through the engine so this file tests only the read routes.
    deployed.alpha1 = userTaskModel('pd_alpha', { name: 'Thủ tục Alpha' });
    deployed.alpha2 = userTaskModel('pd_alpha', { name: 'Thủ tục Alpha', taskName: 'Bước mới' });
    deployed.beta1 = userTaskModel('pd_beta', { name: 'Thủ tục Beta' });
    for (const xml of [deployed.alpha1, deployed.alpha2, deployed.beta1]) await t.engine.deploy(xml, { name: 'test' });
  });
  afterAll(() => t.close());

  const list = async (query: Record<string, string | number | boolean>, username = 'chuyenvien1') =>
    request(t.app).get('/api/process-definitions').query(query).set(await as(username));

  it('Scenario: an officer lists the latest version of each procedure; allVersions lists every version', async () => {
    const latest = await list({});
    expect(latest.status).toBe(200);
    expect(latest.body.total).toBe(2);
    expect(latest.body.items.map((d: Definition) => [d.key, d.version, d.name])).toEqual([
      ['pd_alpha', 2, 'Thủ tục Alpha'],
      ['pd_beta', 1, 'Thủ tục Beta'],
    ]);
    expect(latest.body.items[0]).toEqual({ id: expect.any(String), key: 'pd_alpha', version: 2, name: 'Thủ tục Alpha', deploymentId: expect.any(String), createdAt: expect.any(String) });
    const all = await list({ allVersions: true });
    expect(all.body.items.map((d: Definition) => `${d.key} v${d.version}`)).toEqual(['pd_alpha v2', 'pd_alpha v1', 'pd_beta v1']);
  });

  it('Scenario: filter by key, and page through the versions', async () => {
    const alpha = await list({ key: 'pd_alpha', allVersions: 'true' });
    expect(alpha.body.items.map((d: Definition) => d.version)).toEqual([2, 1]);
    const firstPage = await list({ allVersions: true, limit: 2, offset: 0 });
    const secondPage = await list({ allVersions: true, limit: 2, offset: 2 });
    expect({ total: firstPage.body.total, size: firstPage.body.items.length }).toEqual({ total: 3, size: 2 });
    expect(secondPage.body.items.map((d: Definition) => `${d.key} v${d.version}`)).toEqual(['pd_beta v1']);
    expect((await list({ key: 'pd_nothing' })).body).toEqual({ items: [], total: 0 });
  });

  it('Scenario: one definition by id, and its XML exactly as deployed', async () => {
    const [v1] = (await list({ key: 'pd_alpha', allVersions: true })).body.items.filter((d: Definition) => d.version === 1) as Definition[];
    const one = await request(t.app).get(`/api/process-definitions/${v1!.id}`).set(await as('chuyenvien1'));
    expect(one.status).toBe(200);
    expect(one.body).toEqual(v1);
    const xml = await request(t.app).get(`/api/process-definitions/${v1!.id}/xml`).set(await as('phantich1'));
    expect(xml.status).toBe(200);
    expect(xml.headers['content-type']).toMatch(/^application\/xml/);
    expect(xml.text).toBe(deployed.alpha1);
  });

  it('Scenario: malformed parameters are 400, no token 401, a unit admin without read ProcessDefinition 403, an unknown id 404', async () => {
    const officer = await as('chuyenvien1');
    const cases: Array<[() => request.Test, number, string]> = [
      [() => request(t.app).get('/api/process-definitions').query({ allVersions: 'maybe' }).set(officer), 400, 'invalid-request'],
      [() => request(t.app).get('/api/process-definitions').query({ key: "x' OR 1=1 --" }).set(officer), 400, 'invalid-request'],
      [() => request(t.app).get('/api/process-definitions').query({ limit: 0 }).set(officer), 400, 'invalid-request'],
      [() => request(t.app).get('/api/process-definitions').query({ sort: 'key' }).set(officer), 400, 'invalid-request'],
      [() => request(t.app).get('/api/process-definitions/not-a-uuid').set(officer), 400, 'invalid-request'],
      [() => request(t.app).get('/api/process-definitions/not-a-uuid/xml').set(officer), 400, 'invalid-request'],
      [() => request(t.app).get('/api/process-definitions'), 401, 'unauthenticated'],
      [() => request(t.app).get('/api/process-definitions/00000000-0000-4000-8000-000000000000'), 401, 'unauthenticated'],
      [() => request(t.app).get('/api/process-definitions/00000000-0000-4000-8000-000000000000/xml').set(officer), 404, 'not-found'],
      [() => request(t.app).get('/api/process-definitions/00000000-0000-4000-8000-000000000000').set(officer), 404, 'not-found'],
    ];
    for (const [send, status, code] of cases) {
      const response = await send();
      expect({ status: response.status, code: response.body.code }).toEqual({ status, code });
    }
    const unitAdmin = await as('quantri.xa1');
    const [definition] = (await list({})).body.items as Definition[];
    for (const path of ['/api/process-definitions', `/api/process-definitions/${definition!.id}`, `/api/process-definitions/${definition!.id}/xml`]) {
      const response = await request(t.app).get(path).set(unitAdmin);
      expect({ path, status: response.status, code: response.body.code }).toEqual({ path, status: 403, code: 'forbidden' });
    }
  });

  it('Scenario: a role whose rule names one key sees only that procedure; another is 404, not 403', async () => {
    const admin = await as('admin');
    const role = await request(t.app)
      .post('/api/roles')
      .set(admin)
      .send({ code: 'pd_beta_reader', name: 'Đọc thủ tục Beta', rules: [{ action: 'read', subject: 'ProcessDefinition', conditions: { key: 'pd_beta' } }] });
    expect(role.status).toBe(201);
    const units = (await request(t.app).get('/api/units?limit=200').set(admin)).body.items as Array<{ id: string; code: string }>;
    const province = units.find((u) => u.code === '000.00.00.H40')!.id;
    const user = await request(t.app)
      .post('/api/users')
      .set(admin)
      .send({ username: 'betareader', displayName: 'Người đọc Beta', unitId: province, password: 'password-beta', roles: [{ roleCode: 'pd_beta_reader', unitId: province }] });
    expect(user.status).toBe(201);
    const reader = { Authorization: `Bearer ${await t.token('betareader', 'password-beta')}` };
    const visible = await request(t.app).get('/api/process-definitions?allVersions=true').set(reader);
    expect(visible.body.items.map((d: Definition) => d.key)).toEqual(['pd_beta']);
    const alpha = ((await list({ key: 'pd_alpha' })).body.items as Definition[])[0]!;
    expect((await request(t.app).get(`/api/process-definitions/${alpha.id}`).set(reader)).status).toBe(404);
    expect((await request(t.app).get(`/api/process-definitions/${alpha.id}/xml`).set(reader)).status).toBe(404);
  });
});
