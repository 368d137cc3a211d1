/**
 * The bpmnlint configuration of the live checks, in the `{ config, resolver }` form
 * bpmn-js-bpmnlint takes: bpmnlint's recommended rules, plus our plugin's when the build found
 * engine/model/lint/ (the hook: modeler/build.ts makes `virtual:bpmnlint-rules`). Rules are
 * resolved from a table filled at build time, as bpmnlint-pack-config would.
 */
import { motcuaPlugin, recommendedConfig, recommendedRules } from 'virtual:bpmnlint-rules';
import type { LintConfig, LintRuleFactory } from './lint-types.js';

/** bpmnlint names a plugin's rules `<plugin>/<rule>` and looks them up in package bpmnlint-plugin-<plugin>. */
const PLUGIN_PACKAGE = 'bpmnlint-plugin-motcua';

function table(): Map<string, LintRuleFactory> {
  const rules = new Map<string, LintRuleFactory>();
  for (const [name, rule] of Object.entries(recommendedRules)) rules.set(`bpmnlint/${name}`, rule);
  for (const [name, rule] of Object.entries(motcuaPlugin?.rules ?? ({} as Record<string, LintRuleFactory>))) rules.set(`${PLUGIN_PACKAGE}/${name}`, rule);
  return rules;
}

function config(): LintConfig {
  const ours = motcuaPlugin?.config ?? motcuaPlugin?.configs?.recommended;
  return { rules: { ...recommendedConfig.rules, ...(ours?.rules ?? {}) } };
}

const RULES = table();

export const lintConfig = {
  config: config(),
  resolver: {
    resolveRule(pkg: string, ruleName: string): LintRuleFactory {
      const rule = RULES.get(`${pkg}/${ruleName}`);
      if (!rule) throw new Error(`cannot resolve rule <${pkg}/${ruleName}>`);
      return rule;
    },
    resolveConfig(pkg: string, configName: string): never {
      throw new Error(`cannot resolve config <${configName}> in <${pkg}>`);
    },
  },
};

/** Whether the bundle has our own rules (false until engine/model/lint/ exists). */
export const hasMotcuaRules = motcuaPlugin !== null;
