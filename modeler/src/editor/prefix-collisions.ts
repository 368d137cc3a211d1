/**
 * A document may bind a prefix that one of the editor's moddle packages uses (camunda, motcua,
 * bpmn…) to another namespace: the MIWG reference C.1.0, exported by Signavio, binds `camunda` to
 * Activiti's namespace. bpmn-moddle then reads those names under a made-up prefix (`ns0`) that it
 * cannot write back, and saving fails. So before import such a prefix is renamed throughout the
 * document (`camunda` → `camunda_1`), which changes no name: an XML name is its namespace and local
 * part, the prefix only points at the namespace. Element and attribute names and the declarations
 * are renamed; a prefix that is also bound to the package's own namespace somewhere is left alone.
 */

import { escapeRegExp } from '../reg-exp.js';

export interface NamespacePackage {
  readonly prefix: string;
  readonly uri: string;
}

const DECLARATION = /xmlns:([A-Za-z_][\w.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** The document with every prefix that collides with a package's renamed; unchanged when none does. */
export function renameCollidingPrefixes(xml: string, packages: readonly NamespacePackage[]): string {
  const declared = new Map<string, Set<string>>();
  for (const match of xml.matchAll(DECLARATION)) {
    const uris = declared.get(match[1]!) ?? new Set<string>();
    uris.add(match[2] ?? match[3] ?? '');
    declared.set(match[1]!, uris);
  }
  const taken = new Set([...declared.keys(), ...packages.map((pkg) => pkg.prefix)]);
  let renamed = xml;
  for (const pkg of packages) {
    const uris = declared.get(pkg.prefix);
    if (!uris || uris.has(pkg.uri)) continue;
    let index = 1;
    while (taken.has(`${pkg.prefix}_${index}`)) index++;
    const fresh = `${pkg.prefix}_${index}`;
    taken.add(fresh);
    const prefix = escapeRegExp(pkg.prefix);
    renamed = renamed
      .replace(new RegExp(`(<\\/?)${prefix}:`, 'g'), `$1${fresh}:`)
      .replace(new RegExp(`(\\s)${prefix}:([\\w.-]+\\s*=)`, 'g'), `$1${fresh}:$2`)
      .replace(new RegExp(`(\\s)xmlns:${prefix}(\\s*=)`, 'g'), `$1xmlns:${fresh}$2`);
  }
  return renamed;
}
