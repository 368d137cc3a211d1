/**
 * Feature: abilities are reused only while what they are built from is unchanged — the caller (a
 * user or an API key), their grants with each role's rules, and the unit tree's version — so a
 * granted or withdrawn role, or an edited rule, counts from the next request even though unchanged
 * callers skip rebuilding their rules.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { AbilityCache } from '../../api/auth/ability-cache.js';
import type { AbilityContext, Grant } from '../../api/auth/ability.js';
import type { UnitLink } from '../../api/store/units.js';
import { startTestApi, type TestApi } from '../support/api-app.js';
import { DIVISION } from '../support/work-fixtures.js';

const READ_TASKS: Grant = { roleCode: 'r', unitId: 'u1', rules: [{ action: 'read', subject: 'Task', conditions: { unitCode: '${unit.code}' } }] };
const TREE: readonly UnitLink[] = [{ id: 'u1', code: 'U1', parentId: null }];

function context(grants: readonly Grant[], tree: readonly UnitLink[] = TREE, onTreeRead = () => {}): AbilityContext {
  return {
    userId: 'id-1',
    username: 'officer',
    grants,
    unitLinks: async () => {
      onTreeRead();
      return tree;
    },
  };
}

describe('AbilityCache', () => {
  it('gives the same ability for the same inputs, and builds anew when the grants or the tree version change', async () => {
    const cache = new AbilityCache();
    const first = await cache.get('user:id-1', '3', context([READ_TASKS]));
    expect(await cache.get('user:id-1', '3', context([READ_TASKS]))).toBe(first);
    expect(first.can('read', 'Task')).toBe(true);

    const withdrawn = await cache.get('user:id-1', '3', context([]));
    expect(withdrawn).not.toBe(first);
    expect(withdrawn.can('read', 'Task')).toBe(false);

    const moved = await cache.get('user:id-1', '4', context([READ_TASKS], [{ id: 'u1', code: 'U1-NEW', parentId: null }]));
    expect(moved).not.toBe(withdrawn);
    expect(moved.rulesFor('read', 'Task')[0]!.conditions).toEqual({ unitCode: 'U1-NEW' });
  });

  it('keeps nothing without a unit-tree version, and one entry per principal up to its bound', async () => {
    const cache = new AbilityCache(2);
    let treeReads = 0;
    const counted = context([READ_TASKS], TREE, () => treeReads++);
    expect(await cache.get('user:a', null, counted)).not.toBe(await cache.get('user:a', null, counted));
    expect(treeReads).toBe(2);

    const a = await cache.get('user:a', '1', counted);
    await cache.get('user:b', '1', counted);
    expect(await cache.get('user:a', '1', counted)).toBe(a);
    await cache.get('user:c', '1', counted); // the least recently used entry (b) goes
    expect(await cache.get('user:a', '1', counted)).toBe(a);
    const reads = treeReads;
    await cache.get('user:b', '1', counted);
    expect(treeReads).toBe(reads + 1);
  });

  it('knows the very same grants array (a caller kept in memory) without comparing it as text', async () => {
    const cache = new AbilityCache();
    let serialized = 0;
    const kept = Object.assign([READ_TASKS], {
      toJSON() {
        serialized++;
        return [READ_TASKS];
      },
    });
    const first = await cache.get('user:id-1', '1', context(kept));
    expect(await cache.get('user:id-1', '1', context(kept))).toBe(first);
    expect(serialized).toBe(1); // when it was built
    expect(await cache.get('user:id-1', '1', context([READ_TASKS]))).toBe(first); // an equal copy: compared as text
  });

  it('does not keep a build that failed', async () => {
    const cache = new AbilityCache();
    const failing: AbilityContext = { ...context([READ_TASKS]), unitLinks: () => Promise.reject(new Error('database down')) };
    await expect(cache.get('user:id-1', '1', failing)).rejects.toThrow('database down');
    expect((await cache.get('user:id-1', '1', context([READ_TASKS]))).can('read', 'Task')).toBe(true);
  });
});

describe('Feature: a granted or withdrawn role counts from the next request', () => {
  let t: TestApi;
  const as = async (username: string) => ({ authorization: `Bearer ${await t.token(username)}` });
  beforeAll(async () => {
    t = await startTestApi();
  });
  afterAll(() => t.close());

  it('Scenario: a clerk is given a role that reads the audit log, loses it, and gets it back', async () => {
    const admin = await as('admin');
    const clerk = await as('vanthu1');
    const role = { code: 'doc_nhat_ky', name: 'Đọc nhật ký', rules: [{ action: 'read', subject: 'AuditLog' }] };
    expect((await request(t.app).post('/api/roles').set(admin).send(role)).status).toBe(201);
    const units = (await request(t.app).get('/api/units').query({ limit: 200 }).set(admin)).body.items as Array<{ id: string; code: string }>;
    const grant = { roleCode: role.code, unitId: units.find((unit) => unit.code === DIVISION)!.id };
    const clerkId = ((await request(t.app).get('/api/users').query({ username: 'vanthu1' }).set(admin)).body.items as Array<{ id: string }>)[0]!.id;
    const readAudit = async () => (await request(t.app).get('/api/audit').query({ limit: 1 }).set(clerk)).status;

    expect(await readAudit()).toBe(403);
    expect((await request(t.app).post(`/api/users/${clerkId}/roles`).set(admin).send(grant)).status).toBe(201);
    expect(await readAudit()).toBe(200);
    expect((await request(t.app).delete(`/api/users/${clerkId}/roles/${grant.roleCode}/${grant.unitId}`).set(admin)).status).toBe(204);
    expect(await readAudit()).toBe(403);
    expect((await request(t.app).post(`/api/users/${clerkId}/roles`).set(admin).send(grant)).status).toBe(201);
    expect(await readAudit()).toBe(200);
  });

  it("Scenario: an API key with two roles; one role's rules are edited and count from the key's next request", async () => {
    const admin = await as('admin');
    const role = { code: 'may_doc', name: 'Máy đọc', rules: [{ action: 'read', subject: 'Task' }] };
    expect((await request(t.app).post('/api/roles').set(admin).send(role)).status).toBe(201);
    const units = (await request(t.app).get('/api/units').query({ limit: 200 }).set(admin)).body.items as Array<{ id: string; code: string }>;
    const unitId = units.find((unit) => unit.code === DIVISION)!.id;
    const created = await request(t.app).post('/api/api-keys').set(admin).send({ name: 'reader', unitId, roles: ['chuyen_vien', role.code] });
    expect(created.status).toBe(201);
    const key = { 'X-API-Key': created.body.key as string };

    const me = await request(t.app).get('/api/me').set(key);
    expect(me.body.roles).toEqual([
      { roleCode: 'chuyen_vien', unitId },
      { roleCode: role.code, unitId },
    ]);
    expect((await request(t.app).get('/api/audit').query({ limit: 1 }).set(key)).status).toBe(403);
    const stored = (await request(t.app).get(`/api/roles/${role.code}`).set(admin)).body;
    const edited = { name: role.name, rules: [...role.rules, { action: 'read', subject: 'AuditLog' }], version: stored.version };
    expect((await request(t.app).put(`/api/roles/${role.code}`).set(admin).send(edited)).status).toBe(200);
    expect((await request(t.app).get('/api/audit').query({ limit: 1 }).set(key)).status).toBe(200);
    expect((await request(t.app).put(`/api/roles/${role.code}`).set(admin).send({ ...edited, rules: role.rules, version: stored.version + 1 })).status).toBe(200);
    expect((await request(t.app).get('/api/audit').query({ limit: 1 }).set(key)).status).toBe(403);
  });
});
