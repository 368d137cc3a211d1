/**
 * The one interface every element type implements (after Zeebe's element processors and
 * bpmn-elements' one-module-per-type). A behaviour only decides: it reads its context and returns
 * effects; the token runner applies them, writes history and persists. Behaviours never touch
 * the database, the clock or other tokens directly.
 */
import type { CompiledExpression } from '../expressions/types.js';
import type { FlowNode, ProcessGraph } from '../model/graph.js';
import type { TokenRow } from '../store/rows.js';

/** What a user task looks like when it is created (the runner adds ids and times). */
export interface TaskSpec {
  readonly name: string | null;
  readonly assignee: string | null;
  readonly candidateGroups: readonly string[];
  readonly candidateUsers: readonly string[];
  readonly dueDate: Date | null;
  readonly followUpDate: Date | null;
  readonly priority: number;
  readonly formKey: string | null;
}

/** What starting a called process needs. */
export interface CallSpec {
  readonly processKey: string;
  /** A definition version, when the binding is 'version'; otherwise the latest. */
  readonly version?: number;
  readonly variables: ReadonlyMap<string, unknown>;
  readonly businessKey: string | null;
}

export type Effect =
  /** Leave the element along these flows; without flowIds the runner selects them (conditions, default). */
  | { readonly kind: 'leave'; readonly flowIds?: readonly string[] }
  | { readonly kind: 'wait' }
  | { readonly kind: 'createTask'; readonly task: TaskSpec }
  | { readonly kind: 'setVariables'; readonly values: ReadonlyMap<string, unknown> }
  /** Become a scope and start a child token at the given start event. */
  | { readonly kind: 'enterScope'; readonly startEventId: string }
  /** The token ends here. */
  | { readonly kind: 'consume' }
  /** End every other token of this token's scope, then end this one. */
  | { readonly kind: 'terminateScope' }
  /** Wait at a join gateway until the behaviour's onEvent fires it. */
  | { readonly kind: 'joinWait' }
  /** Fire a join: end the listed joining tokens; this token leaves along the flows. */
  | { readonly kind: 'join'; readonly consumedTokenIds: readonly string[]; readonly flowIds: readonly string[] }
  | { readonly kind: 'callProcess'; readonly call: CallSpec }
  /** Wait until the element's own timer fires, or its message or signal arrives. */
  | { readonly kind: 'waitForEvent' }
  /** Broadcast a signal (intermediate signal throw event); it is delivered in the same command. */
  | { readonly kind: 'throwSignal'; readonly name: string }
  /** Raise a BPMN error: the nearest enclosing activity with a matching error boundary event catches it. */
  | { readonly kind: 'throwError'; readonly code: string | null }
  /** Raise an escalation: the nearest matching escalation boundary event catches it, or nothing happens. */
  | { readonly kind: 'throwEscalation'; readonly code: string | null }
  /** Wait while an external worker does the work (an external service task). */
  | { readonly kind: 'createExternalTask'; readonly topic: string };

export interface BehaviourContext {
  readonly graph: ProcessGraph;
  readonly node: FlowNode;
  readonly token: Readonly<TokenRow>;
  readonly now: Date;
  /** The instance's variables (loaded before the behaviour runs when the node needs them). */
  variables(): ReadonlyMap<string, unknown>;
  /** Evaluates an expression against the instance's variables; failures name the element. */
  evaluate(expression: CompiledExpression, attribute: string): unknown;
  /** The other tokens that share this token's scope. */
  otherTokensInScope(): readonly Readonly<TokenRow>[];
  /**
   * The outgoing flows to take by their conditions: 'all' (activities, inclusive gateways) or
   * 'first' (exclusive gateways); the default flow when none holds; an error when nothing can be taken.
   */
  selectFlows(mode: 'all' | 'first'): readonly string[];
}

/** Input for completing a waiting element from outside. */
export interface CompletionInput {
  /** Variables the completing user sends (user tasks). */
  readonly variables?: ReadonlyMap<string, unknown>;
  /** The called process's variables when it ended (call activities). */
  readonly calledVariables?: ReadonlyMap<string, unknown>;
  /** Variables a message or signal carries (receive tasks, catch events). */
  readonly eventVariables?: ReadonlyMap<string, unknown>;
}

export interface ElementBehaviour {
  /** A token arrives at the element. */
  activate(context: BehaviourContext): readonly Effect[];
  /** The waiting element is completed: a user completes the task, a subprocess or called process ends. */
  complete?(context: BehaviourContext, input: CompletionInput): readonly Effect[];
  /** Other tokens of the scope moved: a waiting join re-checks whether it can fire. */
  onEvent?(context: BehaviourContext, event: 'scope-changed'): readonly Effect[];
}
