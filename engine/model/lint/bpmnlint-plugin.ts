/**
 * The model checks of check-definitions.ts as a bpmnlint plugin ("motcua"), so that the modeler's
 * live checks (bpmn-js-bpmnlint) are the very checks the server runs at deploy:
 * - 'motcua/executable' (error): what the engine would refuse to deploy — elements it cannot run,
 *   diverging gateways without conditions, bad expressions, timers, event sub-processes…;
 * - 'motcua/procedure' (warning): what would run but not serve a one-stop shop (missing roles,
 *   allowances; procedure-rules.ts).
 * Each rule runs the whole check once, on the bpmn:Definitions element, and reports every problem
 * on the element it names. Checks that need the XML text itself (unknown attributes, duplicate
 * ids) are the server's alone: bpmn-js has already read the document.
 * `motcuaLintEntries` are the entries of a bpmnlint StaticResolver cache for the two rules, and
 * `motcuaLintConfig` the config that turns them on.
 */
import type { ModdleElement } from '../moddle.js';
import { checkDefinitions } from './check-definitions.js';

interface Reporter {
  report(id: string, message: string): void;
}

type RuleFactory = () => { check(node: ModdleElement, reporter: Reporter): void };

function reportingRule(severity: 'errors' | 'warnings'): RuleFactory {
  return () => ({
    check(node, reporter) {
      if (node.$type !== 'bpmn:Definitions') return;
      const { problems } = checkDefinitions(node);
      for (const problem of problems[severity]) reporter.report(problem.elementId ?? node.id ?? '', problem.message);
    },
  });
}

export const motcuaLintRules: Readonly<Record<'executable' | 'procedure', RuleFactory>> = {
  executable: reportingRule('errors'),
  procedure: reportingRule('warnings'),
};

export const motcuaLintConfig = {
  rules: { 'motcua/executable': 'error', 'motcua/procedure': 'warn' },
} as const;

/** StaticResolver cache entries (bpmnlint names a plugin "motcua" package "bpmnlint-plugin-motcua"). */
export const motcuaLintEntries: Readonly<Record<string, RuleFactory>> = {
  'rule:bpmnlint-plugin-motcua/executable': motcuaLintRules.executable,
  'rule:bpmnlint-plugin-motcua/procedure': motcuaLintRules.procedure,
};
