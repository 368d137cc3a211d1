/**
 * The engine's model problems (the motcua lint rules live, the server's 422 on deploy) come as
 * English sentences built from templates. A language's `lint` table maps such a template, with
 * `{name}` where the sentence has a varying part (an id, a type, an expression), to its own
 * template with the same names; a message no template matches stays English. bpmnlint's own rules
 * have fixed messages and are in the `diagram` table.
 */

import { escapeRegExp } from '../reg-exp.js';

export type LintTable = Readonly<Record<string, string>>;

interface CompiledTemplate {
  readonly pattern: RegExp;
  readonly names: readonly string[];
  readonly target: string;
}

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*)\}/g;

function compile(source: string, target: string): CompiledTemplate {
  const names: string[] = [];
  let pattern = '';
  let last = 0;
  for (const match of source.matchAll(PLACEHOLDER)) {
    pattern += `${escapeRegExp(source.slice(last, match.index))}(.+?)`;
    names.push(match[1]!);
    last = match.index + match[0].length;
  }
  pattern += escapeRegExp(source.slice(last));
  return { pattern: new RegExp(`^${pattern}$`, 's'), names, target };
}

/** A function that translates one message by the table, or answers undefined. */
export function lintTranslator(table: LintTable): (message: string) => string | undefined {
  const templates = Object.entries(table).map(([source, target]) => compile(source, target));
  return (message) => {
    for (const template of templates) {
      const match = template.pattern.exec(message);
      if (!match) continue;
      const values = new Map(template.names.map((name, index) => [name, match[index + 1]!]));
      return template.target.replace(PLACEHOLDER, (whole, name: string) => values.get(name) ?? whole);
    }
    return undefined;
  };
}
