/**
 * Checks a parsed JSON body before validation: nesting deeper than `maxDepth`, and the keys
 * `__proto__`, `constructor` and `prototype` (prototype-pollution probes) are refused with a 400.
 * The walk is iterative, so a hostile body cannot overflow the stack.
 */
import { badRequest } from '../errors/problem.js';

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export function guardJson(body: unknown, maxDepth = 32): void {
  const stack: Array<[unknown, number, string]> = [[body, 0, '/body']];
  while (stack.length > 0) {
    const [value, depth, pointer] = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth >= maxDepth) throw badRequest('too-deeply-nested', `JSON nested deeper than ${maxDepth} levels is not accepted`, [{ field: pointer, message: 'nested too deeply' }]);
    if (Array.isArray(value)) {
      value.forEach((item, index) => stack.push([item, depth + 1, `${pointer}/${index}`]));
      continue;
    }
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) {
        throw badRequest('forbidden-key', `The key '${key}' is not accepted anywhere in a request`, [{ field: `${pointer}/${key}`, message: 'forbidden key' }]);
      }
      stack.push([(value as Record<string, unknown>)[key], depth + 1, `${pointer}/${key}`]);
    }
  }
}
