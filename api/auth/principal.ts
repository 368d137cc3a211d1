/** Who is calling: a user (local or single sign-on), an API key, or nobody (public routes). */
import type { Grant } from './ability.js';

export interface Principal {
  readonly kind: 'user' | 'api-key' | 'anonymous';
  /** The user's or the API key's id. */
  readonly id: string;
  /** The user name (an API key: `apikey:<id>`); what the engine records as the acting user. */
  readonly username: string;
  /** The role assignments the caller's ability was built from. */
  readonly grants: readonly Grant[];
}

export const ANONYMOUS: Principal = { kind: 'anonymous', id: '', username: 'anonymous', grants: [] };
