/** What route handlers get to work with: the engine, the API's SQL, the clock, auth services, the logger. */
import type { Logger } from 'pino';
import type { Clock, Engine } from '../../engine/index.js';
import type { Sql } from '../store/sql.js';
import type { TokenService } from '../auth/tokens.js';
import type { LoginLimiter } from '../auth/rate-limit.js';
import type { AbilityCache } from '../auth/ability-cache.js';
import type { CallerCache } from '../auth/caller-cache.js';
import type { VersionedCache } from '../store/versioned-cache.js';
import type { UnitLink } from '../store/units.js';
import type { StoredForm } from '../store/forms.js';

export interface ApiServices {
  readonly engine: Engine;
  readonly sql: Sql;
  readonly clock: Clock;
  readonly tokens: TokenService;
  readonly loginLimiter: LoginLimiter;
  /** Callers (a token's user, a key) kept while their data is unchanged (PostgreSQL; SQLite reads them every time). */
  readonly callers: CallerCache;
  /** Abilities reused while the caller's grants and the unit tree are unchanged. */
  readonly abilities: AbilityCache;
  /** The unit tree, read again when it changed. */
  readonly unitTree: VersionedCache<readonly UnitLink[]>;
  /** The latest version of every form by key, read again when a form changed. */
  readonly latestForms: VersionedCache<ReadonlyMap<string, StoredForm>>;
  /** scrypt cost (N) for new password hashes. */
  readonly scryptCost: number;
  readonly logger: Logger;
  /** Stops what the app runs besides requests (the caller-changes listener); closeApp calls it. */
  readonly stop: () => Promise<void>;
  /** Set when shutdown starts: /ready answers 503 from then on. */
  readonly lifecycle: { shuttingDown: boolean };
}
