/**
 * Abilities (CASL) built per request from what the caller holds: each role assignment (a role at a
 * unit) contributes its role's stored rules, with placeholders in condition values resolved for
 * that assignment (catalogue.ts PLACEHOLDERS). Built from what each request reads afresh, so an
 * admin's change to a role or an assignment counts from the next request (ability-cache.ts reuses an
 * ability only while those inputs are unchanged). Inverted (`cannot`) rules of any role apply to all.
 */
import { createMongoAbility, subject as asSubject, type MongoAbility, type RawRuleOf } from '@casl/ability';
import type { Action, SubjectName } from './catalogue.js';
import { subtreeOf, type UnitLink } from '../store/units.js';

export type AppAbility = MongoAbility;

/** A rule as admins store it (JSON): CASL's raw rule with placeholders allowed in condition values. */
export interface StoredRule {
  readonly action: Action | readonly Action[];
  readonly subject: SubjectName | readonly SubjectName[];
  readonly conditions?: Readonly<Record<string, unknown>>;
  readonly inverted?: boolean;
  readonly reason?: string;
}

export interface Grant {
  readonly roleCode: string;
  readonly unitId: string;
  readonly rules: readonly StoredRule[];
}

export interface AbilityContext {
  readonly userId: string;
  readonly username: string;
  readonly grants: readonly Grant[];
  /** The unit tree, needed only when a rule uses `${unit.subtreeIds}` or a unit code. */
  readonly unitLinks: () => Promise<readonly UnitLink[]>;
}

const PLACEHOLDER = /^\$\{([a-zA-Z.]+)\}$/;

/** Placeholders that need the unit tree (the subtree, or units' codes). */
const TREE_PLACEHOLDERS = ['${unit.subtreeIds}', '${unit.subtreeCodes}', '${unit.code}', '${user.unitCodes}'];

export const usesSubtree = (rules: readonly StoredRule[]): boolean => {
  const text = JSON.stringify(rules);
  return TREE_PLACEHOLDERS.some((placeholder) => text.includes(placeholder));
};

/** Replaces placeholder strings (also inside arrays, which are then flattened) by their values. */
function resolve(value: unknown, values: Readonly<Record<string, unknown>>): unknown {
  if (typeof value === 'string') {
    const match = PLACEHOLDER.exec(value);
    return match ? values[match[1]!] : value;
  }
  if (Array.isArray(value)) return value.flatMap((item) => resolve(item, values) as unknown);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, resolve(inner, values)]));
  }
  return value;
}

export async function buildAbility(context: AbilityContext): Promise<AppAbility> {
  const needsTree = context.grants.some((grant) => usesSubtree(grant.rules));
  const links = needsTree ? await context.unitLinks() : [];
  const unitIds = [...new Set(context.grants.map((g) => g.unitId))];
  const roleCodes = [...new Set(context.grants.map((g) => g.roleCode))];
  const codeOf = new Map(links.map((link) => [link.id, link.code]));
  const codes = (ids: readonly string[]) => ids.map((id) => codeOf.get(id)).filter((code): code is string => code !== undefined);
  const rules: RawRuleOf<AppAbility>[] = [];
  for (const grant of context.grants) {
    const subtree = needsTree ? subtreeOf(links, grant.unitId) : [grant.unitId];
    const values = {
      'user.id': context.userId,
      'user.username': context.username,
      'user.unitIds': unitIds,
      'user.unitCodes': codes(unitIds),
      'user.roleCodes': roleCodes,
      'unit.id': grant.unitId,
      'unit.code': codeOf.get(grant.unitId) ?? null,
      'unit.subtreeIds': subtree,
      'unit.subtreeCodes': codes(subtree),
      'role.code': grant.roleCode,
    };
    for (const rule of grant.rules) {
      rules.push({
        action: rule.action as string | string[],
        subject: rule.subject as string | string[],
        ...(rule.conditions ? { conditions: resolve(rule.conditions, values) as Record<string, unknown> } : {}),
        ...(rule.inverted ? { inverted: true } : {}),
        ...(rule.reason ? { reason: rule.reason } : {}),
      });
    }
  }
  // Inverted rules last, so that a role's `cannot` is not undone by another role's `can`.
  rules.sort((a, b) => Number(Boolean(a.inverted)) - Number(Boolean(b.inverted)));
  return createMongoAbility<AppAbility>(rules);
}

/** May the ability do `action` on this record of `subjectName`? */
export function can(ability: AppAbility, action: Action, subjectName: SubjectName, record: Record<string, unknown>): boolean {
  return ability.can(action, asSubject(subjectName, { ...record }));
}
