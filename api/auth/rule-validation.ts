/**
 * Checks permission rules before they are stored: known actions and subjects, condition fields
 * that the subject has, the operators of CONDITION_OPERATORS only, placeholders that exist (list
 * placeholders only under $in / $nin). Each problem names the offending place as a JSON pointer
 * (`/rules/2/conditions/unitId`), for a 422 that says exactly what to fix.
 */
import { ACTIONS, CONDITION_OPERATORS, PLACEHOLDERS, SUBJECT_FIELDS, type SubjectName } from './catalogue.js';
import type { ProblemItem } from '../errors/problem.js';

const LIST_PLACEHOLDERS = new Set(['${user.unitIds}', '${user.unitCodes}', '${user.roleCodes}', '${unit.subtreeIds}', '${unit.subtreeCodes}']);
const KNOWN_PLACEHOLDERS = new Set<string>(PLACEHOLDERS);
const actions = new Set<string>(ACTIONS);
const operators = new Set<string>(CONDITION_OPERATORS);

const isScalar = (value: unknown): boolean =>
  value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

function checkScalar(value: unknown, at: string, problems: ProblemItem[], inList: boolean): void {
  if (!isScalar(value)) {
    problems.push({ field: at, message: 'must be a string, number, boolean or null' });
    return;
  }
  if (typeof value === 'string' && value.includes('${')) {
    if (!KNOWN_PLACEHOLDERS.has(value)) {
      problems.push({ field: at, message: `unknown placeholder '${value}'; known: ${PLACEHOLDERS.join(', ')}` });
    } else if (LIST_PLACEHOLDERS.has(value) && !inList) {
      problems.push({ field: at, message: `'${value}' is a list: use it under $in or $nin` });
    }
  }
}

function checkCondition(value: unknown, at: string, problems: ProblemItem[]): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    checkScalar(value, at, problems, false);
    return;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) problems.push({ field: at, message: 'an operator object needs an operator' });
  for (const [operator, operand] of entries) {
    const where = `${at}/${operator}`;
    if (!operators.has(operator)) {
      problems.push({ field: where, message: `unknown operator; use one of ${CONDITION_OPERATORS.join(', ')}` });
      continue;
    }
    if (operator === '$in' || operator === '$nin') {
      if (Array.isArray(operand)) operand.forEach((item, i) => checkScalar(item, `${where}/${i}`, problems, true));
      else if (typeof operand === 'string' && LIST_PLACEHOLDERS.has(operand)) continue;
      else problems.push({ field: where, message: 'must be an array or a list placeholder' });
    } else {
      checkScalar(operand, where, problems, false);
    }
  }
}

/** Problems of a rule list (empty when it is fine). The JSON shape was already checked by the route schema. */
export function validateRules(rules: readonly unknown[], pointer = '/body/rules'): ProblemItem[] {
  const problems: ProblemItem[] = [];
  rules.forEach((raw, index) => {
    const at = `${pointer}/${index}`;
    const rule = raw as { action: string | string[]; subject: string | string[]; conditions?: Record<string, unknown> };
    const ruleActions = Array.isArray(rule.action) ? rule.action : [rule.action];
    ruleActions.forEach((action, i) => {
      if (!actions.has(action)) {
        problems.push({ field: Array.isArray(rule.action) ? `${at}/action/${i}` : `${at}/action`, message: `unknown action '${action}'` });
      }
    });
    const subjects = Array.isArray(rule.subject) ? rule.subject : [rule.subject];
    const knownSubjects: SubjectName[] = [];
    subjects.forEach((name, i) => {
      if (Object.hasOwn(SUBJECT_FIELDS, name)) knownSubjects.push(name as SubjectName);
      else problems.push({ field: Array.isArray(rule.subject) ? `${at}/subject/${i}` : `${at}/subject`, message: `unknown subject '${name}'` });
    });
    for (const [field, value] of Object.entries(rule.conditions ?? {})) {
      const where = `${at}/conditions/${field}`;
      const lacking = knownSubjects.filter((s) => !(SUBJECT_FIELDS[s] as readonly string[]).includes(field));
      if (lacking.length > 0) {
        problems.push({
          field: where,
          message: `'${field}' is not a condition field of ${lacking.join(', ')}; allowed: ${lacking
            .map((s) => `${s}: ${(SUBJECT_FIELDS[s] as readonly string[]).join(', ') || 'none'}`)
            .join('; ')}`,
        });
        continue;
      }
      checkCondition(value, where, problems);
    }
  });
  return problems;
}
