/**
 * Callers kept between requests: what a token or an API key names (the user's credentials, their
 * grants with each role's rules, and the store versions read with them), so that an unchanged
 * caller costs no database round trip. Entries are kept only while the cache is `live`, i.e. while
 * something tells it of every change to the data they were read from: on PostgreSQL the listener
 * of caller-listener.ts (triggers notify any committed change, by any server or by hand). Without
 * it (SQLite, or a listener that lost its connection) every request reads its caller, as before.
 *
 * Freshness, the rule "a change counts from the next request":
 * - a change made through this server forgets every entry once the request that made it is done
 *   (registry.ts, for every request that recorded an audit entry), before its answer is sent;
 * - a change made elsewhere forgets them when its notification arrives: at once on one server,
 *   within the notification's delay (about a millisecond) on the others of a cluster;
 * - a read that was under way when entries were forgotten is used for its own request but not
 *   kept (the generation it started in is over), so an answer read before a change never outlives
 *   the change.
 * Only callers that exist are kept; past `max` entries the least recently used one goes.
 */
export class CallerCache {
  private readonly entries = new Map<string, unknown>();
  private generation = 0;
  private live = false;

  constructor(private readonly max = 10_000) {}

  /** Whether entries are kept (something reports every change); either way everything is forgotten. */
  setLive(live: boolean): void {
    this.live = live;
    this.forget();
  }

  get isLive(): boolean {
    return this.live;
  }

  /** Forgets every caller: the data they were read from may have changed. */
  forget(): void {
    this.generation++;
    this.entries.clear();
  }

  /** The caller under `key` (its kind and the credential's identity), read with `load` when not kept. */
  async get<T extends object>(key: string, load: () => Promise<T | undefined>): Promise<T | undefined> {
    if (!this.live) return load();
    const kept = this.entries.get(key) as T | undefined;
    if (kept !== undefined) {
      // Map order is use order: a hit moves to the end, the least recently used entry is first.
      this.entries.delete(key);
      this.entries.set(key, kept);
      return kept;
    }
    const generation = this.generation;
    const loaded = await load();
    if (loaded !== undefined && this.live && generation === this.generation) {
      if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(key, loaded);
    }
    return loaded;
  }
}
