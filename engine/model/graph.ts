/**
 * The executable graph: what a deployed BPMN process becomes after loading and validation.
 * It is immutable, holds no moddle objects, and is shared by every instance of one definition
 * version (cached per definition id), so it must never be mutated after it is built.
 */
import type { CompiledExpression } from '../expressions/types.js';

/** Element types the engine can run; everything else is rejected at deploy. */
export type ElementType =
  | 'startEvent'
  | 'endEvent'
  | 'intermediateThrowEvent'
  | 'userTask'
  | 'manualTask'
  | 'task'
  | 'scriptTask'
  | 'exclusiveGateway'
  | 'parallelGateway'
  | 'inclusiveGateway'
  | 'subProcess'
  | 'callActivity'
  | 'intermediateCatchEvent'
  | 'boundaryEvent'
  | 'receiveTask'
  | 'eventBasedGateway'
  | 'serviceTask';

/**
 * A message an event or receive task waits for (messageRef → <message name>). The name may be an
 * expression; the correlation key (camunda:property name="correlationKey") is evaluated when the
 * subscription opens, and a correlating call must then name the same key.
 */
export interface MessageTrigger {
  readonly name: CompiledExpression;
  readonly correlationKey?: CompiledExpression;
}

/**
 * A BPMN error or escalation an end/throw event raises or a boundary event catches. `code` is the
 * referenced <error errorCode> / <escalation escalationCode>; an errorRef naming no element is itself
 * the code (Camunda 7). A boundary event with no reference (code null) catches every code.
 */
export interface ThrowCode {
  readonly code: string | null;
}

/** A signal an event waits for or throws (signalRef → <signal name>). */
export interface SignalTrigger {
  readonly name: CompiledExpression;
}

/**
 * A timer (timerEventDefinition): timeDate, timeDuration or timeCycle. The expression gives ISO 8601
 * text (a date-time, a duration such as PT4H, or a cycle such as R3/PT10H) or, for dates, a Date.
 */
export interface TimerDefinition {
  readonly kind: 'date' | 'duration' | 'cycle';
  readonly expression: CompiledExpression;
  /** camunda:property name="calendar" value="working" on the event: durations count working time. */
  readonly workingTime: boolean;
}

export interface UserTaskProps {
  readonly assignee?: CompiledExpression;
  /** Each entry is one comma-separated item of camunda:candidateGroups; an expression may yield a list. */
  readonly candidateGroups: readonly CompiledExpression[];
  readonly candidateUsers: readonly CompiledExpression[];
  readonly dueDate?: CompiledExpression;
  readonly followUpDate?: CompiledExpression;
  readonly priority?: CompiledExpression;
  readonly formKey?: CompiledExpression;
}

export interface ScriptTaskProps {
  readonly script: CompiledExpression;
  readonly resultVariable?: string;
}

/** One camunda:in or camunda:out mapping. */
export type VariableMapping =
  | { readonly kind: 'all'; readonly local: boolean }
  | { readonly kind: 'variable'; readonly source: string; readonly target: string }
  | { readonly kind: 'expression'; readonly expression: CompiledExpression; readonly target: string }
  | { readonly kind: 'businessKey'; readonly expression: CompiledExpression };

export interface CallActivityProps {
  /** camunda:calledElement / calledElement: the key of the process to start (may be an expression). */
  readonly calledElement: CompiledExpression;
  /** 'latest' (default) or 'version' with calledElementVersion. */
  readonly binding: 'latest' | 'version';
  readonly version?: CompiledExpression;
  /** camunda:in mappings; without any, the called instance starts with no variables (Camunda 7). */
  readonly inMappings: readonly VariableMapping[];
  /** camunda:out mappings; without any, nothing is copied back. */
  readonly outMappings: readonly VariableMapping[];
}

/**
 * Multi-instance loop characteristics (BPMN 2.0 §10.3.8, Camunda 7's attributes): how many
 * instances (loopCardinality, or one per item of camunda:collection, exposed to each instance as
 * camunda:elementVariable), one after another or all at once, and when to stop early.
 */
export interface MultiInstanceProps {
  readonly sequential: boolean;
  readonly loopCardinality?: CompiledExpression;
  readonly collection?: CompiledExpression;
  readonly elementVariable?: string;
  readonly completionCondition?: CompiledExpression;
}

/** A procedure's administrative data (procedure.ts). */
export interface ProcedureInfo {
  readonly code?: string;
  readonly sector?: string;
  readonly legalTimeLimit?: number;
  readonly legalTimeUnit?: 'workingDays' | 'calendarDays';
}

/** A user task's step data (procedure.ts): who does it and how long it may take. */
export interface StepInfo {
  /** The code of the unit whose officers do the step; absent: the dossier's unit. */
  readonly unit?: string;
  /** The step's allowance in working hours: the task's due date when it has no camunda:dueDate. */
  readonly allowanceHours?: number;
}

export interface FlowNode {
  readonly id: string;
  readonly type: ElementType;
  readonly name?: string;
  /** Template for the name when it contains an expression (e.g. "Task ${n}"). */
  readonly nameExpression?: CompiledExpression;
  /** Id of the enclosing subprocess, or null when the node sits directly in the process. */
  readonly scopeId: string | null;
  /** Ids of incoming and outgoing sequence flows, in document order. */
  readonly incoming: readonly string[];
  readonly outgoing: readonly string[];
  /** The default flow of a gateway or activity, if any. */
  readonly defaultFlowId?: string;
  /** End events only: a terminate end event ends its own scope. */
  readonly terminate?: boolean;
  /** Containers (subProcess) only: the id of the one none start event inside it. */
  readonly startEventId?: string;
  /** Timer events (intermediate catch, boundary, start): when they fire. */
  readonly timer?: TimerDefinition;
  /** Message events (start, intermediate catch, boundary) and receive tasks. */
  readonly message?: MessageTrigger;
  /** Signal events (start, intermediate catch, boundary, intermediate throw). */
  readonly signal?: SignalTrigger;
  /** Service tasks: the external-task topic workers fetch them by (camunda:type="external"). */
  readonly externalTopic?: CompiledExpression;
  /** Error end events (throw) and error boundary events (catch). */
  readonly error?: ThrowCode;
  /** Escalation end and intermediate throw events (throw) and escalation boundary events (catch). */
  readonly escalation?: ThrowCode;
  /** Boundary events only: the activity they are attached to. */
  readonly attachedToId?: string;
  /** Boundary events only: true (the default) when firing cancels the activity. */
  readonly cancelActivity?: boolean;
  /** Activities: the ids of the boundary events attached to them, in document order. */
  readonly boundaryEventIds: readonly string[];
  /** Activities with multiInstanceLoopCharacteristics. */
  readonly multiInstance?: MultiInstanceProps;
  /** Sub-processes only: true for an event sub-process (triggeredByEvent="true"). */
  readonly triggeredByEvent?: boolean;
  /** Start events of event sub-processes only: whether starting it ends the rest of its scope. */
  readonly interrupting?: boolean;
  /** Sub-processes: the start events of the event sub-processes directly inside (the process's are on the graph). */
  readonly eventSubprocessStartIds?: readonly string[];
  readonly userTask?: UserTaskProps;
  /** User tasks: motcua:unit and motcua:allowanceHours. */
  readonly step?: StepInfo;
  /** motcua:dossierStatus: the status the dossier takes when a token reaches the node. */
  readonly dossierStatus?: number;
  readonly scriptTask?: ScriptTaskProps;
  readonly callActivity?: CallActivityProps;
  /** camunda:property / extension properties on the element (name → value), e.g. dossier status. */
  readonly properties: Readonly<Record<string, string>>;
  /** True when running this node (or leaving it) evaluates an expression, so variables must be loaded. */
  readonly needsVariables: boolean;
}

export interface SequenceFlow {
  /** The flow's id; a flow without an id in the XML gets a generated one ("flow:<source>-><target>#n"). */
  readonly id: string;
  readonly sourceId: string;
  readonly targetId: string;
  readonly condition?: CompiledExpression;
  readonly scopeId: string | null;
}

export interface ProcessGraph {
  /** The BPMN process id: the definition key. */
  readonly id: string;
  readonly name?: string;
  /** motcua:procedureCode, sector and legal time limit, when the process has any. */
  readonly procedure?: ProcedureInfo;
  readonly nodes: ReadonlyMap<string, FlowNode>;
  readonly flows: ReadonlyMap<string, SequenceFlow>;
  /**
   * The process's one none start event, or '' when it has none: the process then has timer,
   * message or signal start events only, is started by them, and startProcess refuses it.
   */
  readonly startEventId: string;
  /** Timer start events of the process (top level only), started by the job executor. */
  readonly timerStartEventIds: readonly string[];
  /** Message start events (top level only), started by correlateMessage. */
  readonly messageStartEventIds: readonly string[];
  /** Signal start events (top level only), started by broadcastSignal or a thrown signal. */
  readonly signalStartEventIds: readonly string[];
  /** The start events of the event sub-processes at the top level of the process. */
  readonly eventSubprocessStartIds: readonly string[];
  /**
   * For each node, the set of node ids reachable from it by sequence flows within the same scope
   * (used by the inclusive gateway join). Computed once at build time.
   */
  readonly reachable: ReadonlyMap<string, ReadonlySet<string>>;
}

/** One problem found while loading or validating a model. */
export interface ModelProblem {
  /** Stable code, e.g. 'unsupported-element', 'missing-condition', 'expression-syntax'. */
  readonly code: string;
  readonly message: string;
  /** The offending element's id, when there is one. */
  readonly elementId?: string;
  /** The offending attribute, when there is one (e.g. 'camunda:class'). */
  readonly attribute?: string;
}

/** The result of loading one BPMN document. */
export interface LoadedModel {
  /** One graph per executable process in the document. */
  readonly processes: readonly ProcessGraph[];
  /** Problems that do not stop the deploy (e.g. parser warnings that lose nothing, unreachable nodes). */
  readonly warnings: readonly ModelProblem[];
}
