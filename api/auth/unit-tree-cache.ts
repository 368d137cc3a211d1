/**
 * The unit tree in memory, read again whenever its version (bumped in the same transaction as any
 * change to the units) differs from the one it was read at — so a change counts from the next
 * request on every server of a cluster, and an unchanged tree costs no query. Without a version
 * (nothing recorded yet) the tree is read every time.
 */
import { unitLinks, type UnitLink } from '../store/units.js';
import type { Sql } from '../store/sql.js';

export class UnitTreeCache {
  private cached: { version: string; links: Promise<readonly UnitLink[]> } | undefined;

  links(sql: Sql, version: string | null): Promise<readonly UnitLink[]> {
    if (version === null) return unitLinks(sql);
    if (this.cached?.version !== version) {
      const links = unitLinks(sql);
      this.cached = { version, links };
      links.catch(() => {
        if (this.cached?.links === links) this.cached = undefined;
      });
    }
    return this.cached.links;
  }
}
