/**
 * Camunda 7 user task attributes → UserTaskProps. camunda:assignee, camunda:dueDate,
 * camunda:followUpDate, camunda:priority and camunda:formKey are each one expression (plain text is
 * a literal). camunda:candidateGroups and camunda:candidateUsers are comma-separated lists, as in
 * Camunda: the text is split on commas that are not inside `${...}` / `#{...}` (or quotes within
 * them), each item is trimmed, and each item is one expression (which may itself yield a list).
 */
import type { CompiledExpression } from '../expressions/types.js';
import { compileAt, readsVariables, type ExpressionSite } from './compile.js';
import type { UserTaskProps } from './graph.js';
import { attr, type ModdleElement } from './moddle.js';

const SINGLE = ['assignee', 'dueDate', 'followUpDate', 'priority', 'formKey'] as const;

export function buildUserTask(el: ModdleElement, site: ExpressionSite): { props: UserTaskProps; readsVariables: boolean } {
  const props: { -readonly [K in keyof UserTaskProps]: UserTaskProps[K] } = { candidateGroups: [], candidateUsers: [] };
  const compiled: CompiledExpression[] = [];
  for (const name of SINGLE) {
    const source = attr(el, `camunda:${name}`);
    if (source === undefined || source.trim() === '') continue;
    const expression = compileAt(site, `camunda:${name}`, source.trim());
    if (expression) {
      props[name] = expression;
      compiled.push(expression);
    }
  }
  props.candidateGroups = compileList(el, site, 'camunda:candidateGroups', compiled);
  props.candidateUsers = compileList(el, site, 'camunda:candidateUsers', compiled);
  return { props: Object.freeze(props), readsVariables: compiled.some(readsVariables) };
}

function compileList(
  el: ModdleElement,
  site: ExpressionSite,
  attribute: string,
  compiled: CompiledExpression[],
): readonly CompiledExpression[] {
  const text = attr(el, attribute);
  if (text === undefined) return Object.freeze([]);
  const items: CompiledExpression[] = [];
  for (const item of splitList(text)) {
    const expression = compileAt(site, attribute, item);
    if (expression) items.push(expression);
  }
  compiled.push(...items);
  return Object.freeze(items);
}

/** "a, ${b.split(',')}, c" → ["a", "${b.split(',')}", "c"]. */
export function splitList(text: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (depth > 0 && quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (depth > 0 && (c === '"' || c === "'")) {
      quote = c;
    } else if ((c === '$' || c === '#') && text.charAt(i + 1) === '{') {
      depth++;
      i++;
    } else if (depth > 0 && c === '{') {
      depth++;
    } else if (depth > 0 && c === '}') {
      depth--;
    } else if (depth === 0 && c === ',') {
      items.push(text.slice(start, i));
      start = i + 1;
    }
  }
  items.push(text.slice(start));
  return items.map((item) => item.trim()).filter((item) => item !== '');
}
