/**
 * The signed-in user: the bearer token in sessionStorage (gone when the tab closes), and what
 * GET /api/me says they may do, as a CASL ability built from the rules the server sent. The
 * ability only decides what the page shows; the API checks every request anyway.
 */
import { createMongoAbility, type MongoAbility, type RawRuleOf } from '@casl/ability';

const TOKEN_KEY = 'motcua.token';

export interface Me {
  readonly username: string;
  readonly rules: RawRuleOf<MongoAbility>[];
}

let me: Me | undefined;
let ability: MongoAbility | undefined;

export const token = (): string | null => sessionStorage.getItem(TOKEN_KEY);

export function signedIn(newToken: string): void {
  sessionStorage.setItem(TOKEN_KEY, newToken);
  me = undefined;
  ability = undefined;
}

export function signOut(): void {
  sessionStorage.removeItem(TOKEN_KEY);
  me = undefined;
  ability = undefined;
}

export function setMe(value: Me): void {
  me = value;
  ability = createMongoAbility<MongoAbility>(value.rules);
}

export const currentUser = (): Me | undefined => me;

/** Whether the caller's rules allow `action` on some `subject`. */
export const may = (action: string, subject: string): boolean => ability?.can(action, subject) ?? false;

/** Whether the caller's rules let them deploy (create a Deployment) anywhere. */
export const mayDeploy = (): boolean => ability?.can('create', 'Deployment') ?? false;
