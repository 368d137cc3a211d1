/**
 * The model loader: BPMN XML → validated, immutable executable graphs (principle 8: deploys are
 * checked before anything runs). loadModel collects every problem in the document; if any is an
 * error it throws ModelValidationError with all of them, otherwise it returns the graphs and the
 * warnings.
 */
import type { CompileOptions } from '../expressions/index.js';
import { ModelValidationError } from './errors.js';
import type { LoadedModel } from './graph.js';
import { loadXml } from './load-xml.js';
import { Problems } from './problems.js';
import { checkDefinitions } from './lint/check-definitions.js';

export * from './graph.js';
export { ModelValidationError } from './errors.js';
export { isIsoDateTime, isIsoDuration, timerTextProblem } from './timer.js';

export interface LoadOptions {
  /** The engine clock, given to FEEL's now()/today() in the model's expressions (principle 6). */
  readonly now?: () => Date;
}

export async function loadModel(xml: string, options: LoadOptions = {}): Promise<LoadedModel> {
  const problems = new Problems();
  const { definitions, unresolved, danglingCodes } = await loadXml(xml, problems);
  const compileOptions: CompileOptions = options.now ? { now: options.now } : {};
  const built = definitions ? checkDefinitions(definitions, { problems, unresolved, danglingCodes, options: compileOptions }).built : [];
  if (problems.hasErrors) throw new ModelValidationError(problems.errors, problems.warnings);
  const processes = Object.freeze(built.map((process) => process.graph));
  return Object.freeze({ processes, warnings: Object.freeze([...problems.warnings]) });
}
