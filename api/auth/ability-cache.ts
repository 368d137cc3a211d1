/**
 * Abilities already built, reused while what they are built from is unchanged. An ability is a pure
 * function of the caller's id and name, their grants (each role at a unit with that role's rules)
 * and the unit tree. Every request still reads all of these afresh (authenticate.ts); the cached
 * ability serves only when they are exactly what it was built from, compared as text, with the unit
 * tree by its version. So a change to a role, an assignment or the units still counts from the next
 * request, and an unchanged caller skips rebuilding the rules and recompiling CASL's conditions
 * (which CASL keeps inside the ability). Without a unit-tree version nothing is cached. A caller
 * kept in memory (caller-cache.ts) brings the very same grants array every time, which is known to
 * be unchanged without comparing it as text.
 * One entry per principal; past `max` principals the least recently used entry goes.
 */
import { buildAbility, type AbilityContext, type AppAbility } from './ability.js';

interface Entry {
  readonly userId: string;
  readonly username: string;
  readonly unitTreeVersion: string;
  /** The grants it was built from, as text, and the array itself: the same array again means the same grants. */
  readonly grantsText: string;
  readonly grants: AbilityContext['grants'];
  readonly ability: Promise<AppAbility>;
}

export class AbilityCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly max = 5_000) {}

  /** The ability for `context`; `principalKey` names the caller (kind and id), `unitTreeVersion` the tree its rules see. */
  get(principalKey: string, unitTreeVersion: string | null, context: AbilityContext): Promise<AppAbility> {
    if (unitTreeVersion === null) return buildAbility(context);
    const { userId, username, grants } = context;
    const cached = this.entries.get(principalKey);
    let grantsText: string | undefined;
    const textOfGrants = () => (grantsText ??= JSON.stringify(grants));
    const sameInputs = (entry: Entry) =>
      entry.userId === userId &&
      entry.username === username &&
      entry.unitTreeVersion === unitTreeVersion &&
      (entry.grants === grants || entry.grantsText === textOfGrants());
    // Map order is use order: a hit moves to the end, the least recently used entry is first.
    this.entries.delete(principalKey);
    if (cached && sameInputs(cached)) {
      this.entries.set(principalKey, cached);
      return cached.ability;
    }
    const ability = buildAbility(context);
    const entry: Entry = { userId, username, unitTreeVersion, grantsText: textOfGrants(), grants, ability };
    if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(principalKey, entry);
    ability.catch(() => {
      if (this.entries.get(principalKey) === entry) this.entries.delete(principalKey);
    });
    return ability;
  }
}
