/**
 * The caller's rules for (action, subject) as data instead of SQL text: `{ anyOf, noneOf }` clauses
 * of field conditions (scalar, $in, $nin, $ne), for queries that build their SQL elsewhere (the
 * engine's task and instance queries). A row passes when one `anyOf` clause holds (no `anyOf`: no
 * restriction; an empty one: nothing) and no `noneOf` clause holds. Inverted rules bound every
 * allowing rule (buildAbility gives them the highest priority), so this is exact for our abilities
 * and never wider than CASL for others. `$eq` becomes the plain value.
 */
import type { AppAbility } from './ability.js';
import type { Action, SubjectName } from './catalogue.js';

export type AccessScalar = string | number | boolean | null;
export type AccessCondition = AccessScalar | { readonly $in: readonly AccessScalar[] } | { readonly $nin: readonly AccessScalar[] } | { readonly $ne: AccessScalar };
export type AccessClause = Readonly<Record<string, AccessCondition>>;

export interface AccessFilterData {
  readonly anyOf?: readonly AccessClause[];
  readonly noneOf?: readonly AccessClause[];
}

function normalize(conditions: Record<string, unknown>): AccessClause {
  return Object.fromEntries(
    Object.entries(conditions).map(([field, value]) => {
      const operators = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
      return [field, (operators && Object.keys(operators).length === 1 && '$eq' in operators ? operators.$eq : value) as AccessCondition];
    }),
  );
}

export function accessFilterOf(ability: AppAbility, action: Action, subjectName: SubjectName): AccessFilterData {
  const anyOf: AccessClause[] = [];
  const noneOf: AccessClause[] = [];
  for (const rule of ability.rulesFor(action, subjectName)) {
    const conditions = rule.conditions as Record<string, unknown> | undefined;
    if (rule.inverted) {
      if (!conditions) return { anyOf, noneOf };
      noneOf.push(normalize(conditions));
    } else {
      if (!conditions) return { noneOf };
      anyOf.push(normalize(conditions));
    }
  }
  return { anyOf, noneOf };
}

/** True when the caller's rules allow `action` on every `subject` (no conditions, nothing inverted). */
export function unrestricted(ability: AppAbility, action: Action, subject: SubjectName): boolean {
  const { anyOf, noneOf } = accessFilterOf(ability, action, subject);
  return anyOf === undefined && (noneOf === undefined || noneOf.length === 0);
}
