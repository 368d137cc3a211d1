/**
 * Multi-instance activities (BPMN 2.0 §10.3.6, as Camunda 7 runs them). A token arriving at the
 * activity becomes its body (state `multi`, with nrOfInstances, nrOfActiveInstances and
 * nrOfCompletedInstances as local variables); each instance is a token at the same element inside
 * the body, with its loopCounter and element variable (multi-instance.ts). Parallel bodies start
 * every instance at once, sequential ones the next when one completes; the completionCondition
 * is asked after each. When none is left or the condition holds, the body leaves the activity.
 * History records the body as "<id>#multiInstanceBody", as Camunda 7's does.
 */
import type { FlowNode } from '../model/graph.js';
import type { TokenRow } from '../store/rows.js';
import type { BehaviourContext } from '../behaviours/behaviour.js';
import { disarmWaits } from './event-triggers.js';
import type { InstanceContext } from './instance-context.js';
import { countersOf, loopInstanceVariables, loopItems } from './multi-instance.js';
import type { UnitOfWork } from './unit-of-work.js';

export interface HistoryLine {
  readonly elementId: string;
  readonly elementType: string;
  readonly event: string;
  readonly tokenId?: string;
  readonly detail?: string;
}

/** What the bodies need of the token runner: its unit of work and its moves. */
export interface TokenMoves {
  readonly work: UnitOfWork;
  /** The token will be activated in this command. */
  arrive(instance: InstanceContext, token: TokenRow): void;
  record(instance: InstanceContext, entry: HistoryLine): void;
  recordLeft(instance: InstanceContext, token: TokenRow, node: FlowNode): void;
  terminateToken(instance: InstanceContext, token: TokenRow): Promise<void>;
  leave(instance: InstanceContext, token: TokenRow, flowIds: readonly string[]): Promise<void>;
  behaviourContext(instance: InstanceContext, token: TokenRow, node: FlowNode): BehaviourContext;
  evaluating<T>(node: FlowNode, evaluate: () => T): T;
}

export class MultiInstanceBodies {
  constructor(private readonly moves: TokenMoves) {}

  /** A token arrives at a multi-instance activity: it becomes the body and starts the first instance(s). */
  async start(instance: InstanceContext, body: TokenRow, node: FlowNode): Promise<void> {
    const props = node.multiInstance!;
    await instance.loadVariables(this.moves.work.session);
    const items = this.moves.evaluating(node, () => loopItems(this.moves.behaviourContext(instance, body, node), props));
    this.recordBody(instance, body, node, 'started');
    if (items.length === 0) {
      await this.complete(instance, body, node);
      return;
    }
    const started = props.sequential ? 1 : items.length;
    instance.updateToken(body, {
      state: 'multi',
      localVariables: { nrOfInstances: items.length, nrOfActiveInstances: started, nrOfCompletedInstances: 0 },
    });
    for (let loopCounter = 0; loopCounter < started; loopCounter++) this.startInstance(instance, body, node, loopCounter, items);
  }

  /**
   * One instance completed: the counters move, the completionCondition is asked, and the next
   * instance starts (sequential) or the body completes when none is left.
   */
  async instanceCompleted(instance: InstanceContext, token: TokenRow, node: FlowNode): Promise<void> {
    const props = node.multiInstance!;
    const body = instance.tokens.get(token.scopeTokenId!)!;
    this.moves.recordLeft(instance, token, node);
    const before = countersOf(body);
    const completed = before.nrOfCompletedInstances + 1;
    instance.setLocalVariables(body, { nrOfActiveInstances: before.nrOfActiveInstances - 1, nrOfCompletedInstances: completed });
    const context = this.moves.behaviourContext(instance, token, node);
    const done = props.completionCondition !== undefined && context.evaluate(props.completionCondition, 'completionCondition') === true;
    instance.removeToken(token);
    if (done) {
      for (const other of instance.tokensInScope(body.id)) await this.moves.terminateToken(instance, other);
    } else if (props.sequential && completed < before.nrOfInstances) {
      // Camunda 7 reads the collection again for each sequential instance.
      const items = this.moves.evaluating(node, () => loopItems(this.moves.behaviourContext(instance, body, node), props));
      instance.setLocalVariables(body, { nrOfActiveInstances: 1 });
      this.startInstance(instance, body, node, completed, items);
      return;
    } else if (instance.tokensInScope(body.id).length > 0) {
      return;
    }
    await this.complete(instance, body, node);
  }

  /** The body is recorded as its own element, "<id>#multiInstanceBody", as in Camunda 7's history. */
  recordBody(instance: InstanceContext, body: TokenRow, node: FlowNode, event: string): void {
    this.moves.record(instance, { elementId: `${node.id}#multiInstanceBody`, elementType: 'multiInstanceBody', event, tokenId: body.id });
  }

  private startInstance(instance: InstanceContext, body: TokenRow, node: FlowNode, loopCounter: number, items: readonly unknown[]): void {
    const token = instance.createToken(node.id, body.id, this.moves.work.now);
    instance.setLocalVariables(token, loopInstanceVariables(node.multiInstance!, loopCounter, items));
    this.moves.arrive(instance, token);
  }

  /** The body completes: its counters go, its boundary events are disarmed, and it leaves. */
  private async complete(instance: InstanceContext, body: TokenRow, node: FlowNode): Promise<void> {
    instance.updateToken(body, { localVariables: null });
    this.recordBody(instance, body, node, 'completed');
    disarmWaits(instance, body, node);
    await this.moves.leave(instance, body, this.moves.behaviourContext(instance, body, node).selectFlows('all'));
  }
}
