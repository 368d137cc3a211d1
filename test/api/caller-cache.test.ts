/**
 * Feature: callers are kept between requests only while every change to them is reported — on
 * PostgreSQL by the triggers' notifications, which reach every server of a cluster, and on this
 * server also by the request that made the change — so a change to a user, a role or a grant still
 * counts from the next request; SQLite reads the caller on every request.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { CallerCache } from '../../api/auth/caller-cache.js';
import { closeApp, createApp, servicesOf } from '../../api/app.js';
import { createApiMigrator } from '../../api/store/migrator.js';
import { startTestApi, silentLogger, TEST_JWT_SECRET, TEST_SCRYPT_COST, type TestApi } from '../support/api-app.js';
import { DIVISION } from '../support/work-fixtures.js';

/** Polls `check` until it holds (every 10 ms, for up to 5 s); the notifications arrive in about a millisecond. */
async function eventually(check: () => Promise<boolean> | boolean): Promise<boolean> {
  for (const deadline = Date.now() + 5_000; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 10))) {
    if (await check()) return true;
  }
  return check();
}

describe('CallerCache', () => {
  const counted = (value: { id: string } | undefined) => {
    const loader = async () => {
      loader.loads++;
      return value;
    };
    loader.loads = 0;
    return loader;
  };

  it('reads every time while nothing reports changes, and keeps callers once something does', async () => {
    const cache = new CallerCache();
    const load = counted({ id: 'a' });
    await cache.get('user:a', load);
    await cache.get('user:a', load);
    expect(load.loads).toBe(2);

    cache.setLive(true);
    const first = await cache.get('user:a', load);
    expect(await cache.get('user:a', load)).toBe(first);
    expect(load.loads).toBe(3);
    cache.forget();
    await cache.get('user:a', load);
    expect(load.loads).toBe(4);

    cache.setLive(false); // the listener lost its connection: nothing kept is used any more
    await cache.get('user:a', load);
    expect(load.loads).toBe(5);
  });

  it('does not keep a read that was under way when the callers were forgotten, nor an unknown caller', async () => {
    const cache = new CallerCache();
    cache.setLive(true);
    let finish: (value: { id: string }) => void = () => {};
    const slow = cache.get('user:a', () => new Promise<{ id: string }>((resolve) => (finish = resolve)));
    cache.forget(); // a change committed while the read was under way
    finish({ id: 'read before the change' });
    expect(await slow).toEqual({ id: 'read before the change' }); // its own request uses it
    const load = counted({ id: 'read after the change' });
    expect(await cache.get('user:a', load)).toEqual({ id: 'read after the change' });
    expect(load.loads).toBe(1);

    const unknown = counted(undefined);
    await cache.get('user:nobody', unknown);
    await cache.get('user:nobody', unknown);
    expect(unknown.loads).toBe(2);
  });

  it('keeps at most its bound, dropping the least recently used caller', async () => {
    const cache = new CallerCache(2);
    cache.setLive(true);
    const a = counted({ id: 'a' });
    const b = counted({ id: 'b' });
    await cache.get('user:a', a);
    await cache.get('user:b', b);
    await cache.get('user:a', a);
    await cache.get('user:c', counted({ id: 'c' })); // b is the least recently used
    await cache.get('user:a', a);
    await cache.get('user:b', b);
    expect(a.loads).toBe(1);
    expect(b.loads).toBe(2);
  });
});

describe('Feature: a caller changed anywhere counts from the next request', () => {
  let t: TestApi;
  const onPostgres = () => t.engine.dialect === 'postgres';
  const as = async (username: string) => ({ authorization: `Bearer ${await t.token(username)}` });
  let clerkId: string;
  let divisionId: string;

  beforeAll(async () => {
    t = await startTestApi();
    const admin = await as('admin');
    const role = { code: 'doc_nhat_ky', name: 'Đọc nhật ký', rules: [{ action: 'read', subject: 'AuditLog' }] };
    expect((await request(t.app).post('/api/roles').set(admin).send(role)).status).toBe(201);
    const units = (await request(t.app).get('/api/units').query({ limit: 200 }).set(admin)).body.items as Array<{ id: string; code: string }>;
    divisionId = units.find((unit) => unit.code === DIVISION)!.id;
    clerkId = ((await request(t.app).get('/api/users').query({ username: 'vanthu1' }).set(admin)).body.items as Array<{ id: string }>)[0]!.id;
  });
  afterAll(() => t.close());

  const readAudit = async (app = t.app) => (await request(app).get('/api/audit').query({ limit: 1 }).set(await as('vanthu1'))).status;
  const grantByHand = () =>
    t.engine.sequelize.query("INSERT INTO user_roles (user_id, role_code, unit_id, created_at) VALUES (:user, 'doc_nhat_ky', :unit, :now)", {
      replacements: { user: clerkId, unit: divisionId, now: new Date() },
    });
  const withdrawByHand = () =>
    t.engine.sequelize.query("DELETE FROM user_roles WHERE user_id = :user AND role_code = 'doc_nhat_ky'", { replacements: { user: clerkId } });

  it('Scenario: migration 003 puts a notifying trigger on each table callers are read from (PostgreSQL; SQLite needs none), and takes it off again', async () => {
    const triggers = async () =>
      (
        await t.engine.query<{ name: string }>(
          onPostgres()
            ? "SELECT tgname AS name FROM pg_trigger WHERE tgname LIKE '%_notify_callers' ORDER BY tgname"
            : "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_notify_callers' ORDER BY name",
        )
      ).map((row) => row.name);
    const all = ['api_key_roles', 'api_keys', 'api_settings', 'roles', 'user_roles', 'users'].map((table) => `${table}_notify_callers`);
    expect(await triggers()).toEqual(onPostgres() ? all : []);
    const migrator = createApiMigrator(t.engine.sequelize);
    await migrator.down({ to: '003-caller-notifications' });
    try {
      expect(await triggers()).toEqual([]);
    } finally {
      await migrator.up();
    }
    expect(await triggers()).toEqual(onPostgres() ? all : []);
  });

  it('Scenario: callers are kept on PostgreSQL, once the server listens for their changes, and never on SQLite', async () => {
    const { callers, sql } = servicesOf(t.app);
    if (onPostgres()) expect(await eventually(() => callers.isLive)).toBe(true);
    else expect(callers.isLive).toBe(false);
    const select = sql.select.bind(sql);
    let callerReads = 0;
    Object.assign(sql, {
      select: (text: string, replacements?: Record<string, unknown>) => {
        if (text.includes('FROM users u LEFT JOIN user_roles')) callerReads++;
        return select(text, replacements);
      },
    });
    try {
      const clerk = await as('vanthu1');
      expect((await request(t.app).get('/api/me').set(clerk)).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 50)); // notifications of the set-up's changes are in
      callerReads = 0;
      for (let call = 0; call < 3; call++) expect((await request(t.app).get('/api/me').set(clerk)).status).toBe(200);
      expect(callerReads).toBe(onPostgres() ? 0 : 3); // kept since the first request, or read each time
    } finally {
      Object.assign(sql, { select });
    }
  });

  it('Scenario: a role granted and withdrawn by hand in SQL, by no server, counts as soon as the database reports it', async () => {
    expect(await readAudit()).toBe(403); // the clerk as they are now is what a server keeps
    await grantByHand();
    // SQLite reads the caller every time; PostgreSQL's notification reaches the server within milliseconds.
    if (onPostgres()) expect(await eventually(async () => (await readAudit()) === 200)).toBe(true);
    else expect(await readAudit()).toBe(200);
    await withdrawByHand();
    if (onPostgres()) expect(await eventually(async () => (await readAudit()) === 403)).toBe(true);
    else expect(await readAudit()).toBe(403);
  });

  it('Scenario: two servers on one database; a role granted through one counts on it at once and on the other as soon as it hears', async () => {
    const other = await createApp(t.engine, { clock: t.clock, jwtSecret: TEST_JWT_SECRET, scryptCost: TEST_SCRYPT_COST, logger: silentLogger, seedDemo: false });
    try {
      if (onPostgres()) expect(await eventually(() => servicesOf(other).callers.isLive)).toBe(true);
      expect(await readAudit(other)).toBe(403);
      expect(await readAudit()).toBe(403);
      const admin = await as('admin');
      expect((await request(t.app).post(`/api/users/${clerkId}/roles`).set(admin).send({ roleCode: 'doc_nhat_ky', unitId: divisionId })).status).toBe(201);
      expect(await readAudit()).toBe(200);
      if (onPostgres()) expect(await eventually(async () => (await readAudit(other)) === 200)).toBe(true);
      else expect(await readAudit(other)).toBe(200);
      expect((await request(other).delete(`/api/users/${clerkId}/roles/doc_nhat_ky/${divisionId}`).set(admin)).status).toBe(204);
      expect(await readAudit(other)).toBe(403);
      if (onPostgres()) expect(await eventually(async () => (await readAudit()) === 403)).toBe(true);
      else expect(await readAudit()).toBe(403);
    } finally {
      await closeApp(other);
    }
  });

  it('Scenario: with callers kept and no notification coming, a role granted through this server counts from its next request', async () => {
    // On SQLite nothing ever notifies, so only the server's own forgetting (after any audited change) can pass this.
    const callers = servicesOf(t.app).callers;
    const wasLive = callers.isLive;
    callers.setLive(true);
    try {
      const admin = await as('admin');
      expect(await readAudit()).toBe(403);
      expect((await request(t.app).post(`/api/users/${clerkId}/roles`).set(admin).send({ roleCode: 'doc_nhat_ky', unitId: divisionId })).status).toBe(201);
      expect(await readAudit()).toBe(200);
      expect((await request(t.app).delete(`/api/users/${clerkId}/roles/doc_nhat_ky/${divisionId}`).set(admin)).status).toBe(204);
      expect(await readAudit()).toBe(403);
    } finally {
      callers.setLive(wasLive);
    }
  });

  it('Scenario: the listener loses its connection; callers are read every time until it listens again', async () => {
    if (!onPostgres()) return expect(servicesOf(t.app).callers.isLive).toBe(false);
    const callers = servicesOf(t.app).callers;
    expect(await eventually(() => callers.isLive)).toBe(true);
    expect(await readAudit()).toBe(403);
    const [terminated] = await t.engine.query<{ done: boolean }>(
      "SELECT pg_terminate_backend(pid) AS done FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN motcua_callers'",
    );
    expect(terminated?.done).toBe(true);
    expect(await eventually(() => !callers.isLive)).toBe(true);
    expect(await eventually(() => callers.isLive)).toBe(true); // back after half a second
    await grantByHand();
    expect(await eventually(async () => (await readAudit()) === 200)).toBe(true);
    await withdrawByHand();
    expect(await eventually(async () => (await readAudit()) === 403)).toBe(true);
  });
});
