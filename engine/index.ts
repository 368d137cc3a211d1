/** motcua's public entry: the engine and its types and errors. */
export { createEngine, Engine } from './engine.js';
export type {
  EngineOptions,
  DeploymentResult,
  DeployedDefinition,
  ProcessDefinition,
  ProcessInstance,
  ProcessInstanceSummary,
  StartOptions,
  InstanceFilter,
  ElementStatistics,
  Task,
  TaskPage,
  TaskFilter,
  AccessFilter,
  AccessFilters,
  CompleteOptions,
  HistoryEntry,
  Job,
  EventSubscription,
  ExternalTask,
} from './engine.js';
export type { AccessClause, AccessValue } from './store/access-filter.js';
export type { Clock, IdGenerator } from './runtime/clock.js';
export type { CorrelationKeys, CorrelationResult } from './messages/events.js';
export {
  MotcuaError,
  NotFoundError,
  ConflictError,
  DeploymentError,
  ProcessExecutionError,
  InvalidInputError,
  OptimisticLockError,
} from './errors.js';
export type { ModelProblem } from './model/graph.js';
