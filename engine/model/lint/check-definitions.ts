/**
 * Every check of a model that works on the parsed document, in one place: the executable graphs
 * (build-graph.ts) with their structural rules (validate.ts) and the procedure rules
 * (procedure-rules.ts). The server runs it at deploy (loadModel, after reading the XML); the modeler
 * runs the same function in the browser on bpmn-js's definitions while the analyst draws
 * (bpmnlint-plugin.ts). Synchronous, and free of Node-only modules.
 */
import type { CompileOptions } from '../../expressions/index.js';
import { buildProcessGraphs, type BuiltProcess } from '../build-graph.js';
import type { ModdleElement } from '../moddle.js';
import { Problems } from '../problems.js';
import { validateGraph } from '../validate.js';
import { checkProcedureRules } from './procedure-rules.js';

export interface CheckContext {
  readonly problems?: Problems;
  /** Elements whose references did not resolve (reported while reading the XML). */
  readonly unresolved?: ReadonlySet<ModdleElement>;
  /** errorRef/escalationRef texts that name no element (Camunda 7 takes them as codes). */
  readonly danglingCodes?: ReadonlyMap<ModdleElement, string>;
  readonly options?: CompileOptions;
}

export function checkDefinitions(definitions: ModdleElement, context: CheckContext = {}): { built: BuiltProcess[]; problems: Problems } {
  const problems = context.problems ?? new Problems();
  const built = buildProcessGraphs(definitions, {
    problems,
    unresolved: context.unresolved ?? new Set(),
    danglingCodes: context.danglingCodes ?? new Map(),
    options: context.options ?? {},
  });
  for (const process of built) {
    validateGraph(process, problems);
    checkProcedureRules(process.graph, problems);
  }
  return { built, problems };
}
