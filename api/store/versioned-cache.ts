/**
 * Data every request may need but that rarely changes (the unit tree, the latest forms), kept in
 * memory and read again whenever its version differs from the one it was read at. The version is a
 * setting bumped in the same transaction as any change to the data (settings.ts, bumpVersion), and
 * read with the caller (store/caller.ts); a kept caller is forgotten when a setting changes, like
 * any change to callers (auth/caller-cache.ts) — so a change counts from the next request on every
 * server of a cluster, and unchanged data costs no query. The versions start at 0
 * when the API's tables are prepared (app.ts); without one the data is read every time.
 */
import type { Sql } from './sql.js';

export class VersionedCache<T> {
  private cached: { version: string; value: Promise<T> } | undefined;

  constructor(private readonly load: (sql: Sql) => Promise<T>) {}

  get(sql: Sql, version: string | null): Promise<T> {
    if (version === null) return this.load(sql);
    if (this.cached?.version !== version) {
      const value = this.load(sql);
      this.cached = { version, value };
      value.catch(() => {
        if (this.cached?.value === value) this.cached = undefined;
      });
    }
    return this.cached.value;
  }
}
