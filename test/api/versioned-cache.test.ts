/**
 * Feature: data every request may need (the unit tree, the latest forms) is read once per version
 * of it, and a fresh API store starts both versions, so it is cached from the first request even
 * when nothing was ever changed.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { VersionedCache } from '../../api/store/versioned-cache.js';
import type { Sql } from '../../api/store/sql.js';
import { servicesOf } from '../../api/app.js';
import { FORMS_VERSION, readSetting, UNIT_TREE_VERSION } from '../../api/store/settings.js';
import { startTestApi, type TestApi } from '../support/api-app.js';

describe('VersionedCache', () => {
  const sql = {} as Sql;

  it('loads once per version, again when the version changes, and every time without one', async () => {
    let loads = 0;
    const cache = new VersionedCache(async () => ++loads);
    expect(await cache.get(sql, '0')).toBe(1);
    expect(await cache.get(sql, '0')).toBe(1);
    expect(await cache.get(sql, '1')).toBe(2);
    expect(await cache.get(sql, null)).toBe(3);
    expect(await cache.get(sql, null)).toBe(4);
    expect(await cache.get(sql, '1')).toBe(2);
  });

  it('does not keep a load that failed', async () => {
    let fail = true;
    const cache = new VersionedCache(async () => {
      if (fail) throw new Error('database down');
      return 'tree';
    });
    await expect(cache.get(sql, '5')).rejects.toThrow('database down');
    fail = false;
    expect(await cache.get(sql, '5')).toBe('tree');
  });
});

describe('Feature: the versions start with the API store', () => {
  let t: TestApi;
  beforeAll(async () => {
    t = await startTestApi();
  });
  afterAll(() => t.close());

  it('Scenario: a fresh store has a unit-tree version and a forms version, though no form was ever stored', async () => {
    const { sql } = servicesOf(t.app);
    expect(await readSetting(sql, FORMS_VERSION)).toBe('0');
    expect(await readSetting(sql, UNIT_TREE_VERSION)).toMatch(/^\d+$/);
  });
});
