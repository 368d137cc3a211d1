/** The shapes bpmnlint works with, as far as the modeler needs them. */

/** A rule factory as bpmnlint's rules export it: called once, returns the checker. */
export type LintRuleFactory = (...args: never[]) => unknown;

export interface LintConfig {
  readonly rules: Readonly<Record<string, string | number | readonly unknown[]>>;
}

/**
 * Our own bpmnlint plugin (engine/model/lint/, shared with the server's deploy check). The bundle
 * takes its `rules` (rule name without prefix → factory) and the rules of its recommended config
 * (`configs.recommended.rules`, named `motcua/<rule>`), or of `config` when it exports one.
 */
export interface MotcuaLintPlugin {
  readonly rules?: Readonly<Record<string, LintRuleFactory>>;
  readonly configs?: { readonly recommended?: LintConfig };
  readonly config?: LintConfig;
}
