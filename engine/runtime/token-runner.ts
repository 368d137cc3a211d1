/**
 * Moves tokens until every one of them waits (BPMN 2.0 §13, token semantics). Arrivals are
 * processed first in, first out; each asks the element's behaviour what to do and applies the
 * effects it returns. When no token can move, waiting inclusive joins are asked again. A command
 * that keeps moving past the step limit is stopped: a model that loops without waiting must not
 * hang the server. What a waiting token waits for (timer jobs, subscriptions) is armed and disarmed
 * by event-triggers.ts; multi-instance bodies are run by multi-instance-bodies.ts, through the
 * moves this runner offers them (TokenMoves).
 */
import type { FlowNode } from '../model/graph.js';
import type { TokenRow } from '../store/rows.js';
import type { DefinitionRow } from '../store/definition-repository.js';
import * as definitions from '../store/definition-repository.js';
import * as store from '../store/instance-repository.js';
import type { BehaviourContext, CallSpec, CompletionInput, Effect, ElementBehaviour } from '../behaviours/behaviour.js';
import { BEHAVIOURS, isGateway } from '../behaviours/registry.js';
import { ExpressionEvaluationError } from '../expressions/types.js';
import { behaviourContextIn } from './behaviour-context.js';
import { eventSubprocessStartsOf, findCatcher, type Catcher } from './catchers.js';
import { armEvent, armTimer, disarmTrigger, disarmWaits } from './event-triggers.js';
import { isLoopInstance } from './multi-instance.js';
import { MultiInstanceBodies, type HistoryLine, type TokenMoves } from './multi-instance-bodies.js';
import { InvalidInputError, ProcessExecutionError } from '../errors.js';
import type { InstanceContext } from './instance-context.js';
import type { JobRow } from '../store/job-repository.js';
import type { SubscriptionRow } from '../store/subscription-repository.js';
import type { NewInstance, UnitOfWork } from './unit-of-work.js';

interface Arrival {
  readonly instance: InstanceContext;
  readonly token: TokenRow;
}

type Invocation = (behaviour: ElementBehaviour, context: BehaviourContext) => readonly Effect[];

export class TokenRunner implements TokenMoves {
  private readonly arrivals: Arrival[] = [];
  private readonly bodies = new MultiInstanceBodies(this);
  /** Names of the signals thrown in this command, not yet delivered. */
  private readonly thrownSignals: string[] = [];
  private steps = 0;

  constructor(
    readonly work: UnitOfWork,
    /** The user on whose behalf the command runs, recorded in the history. */
    private readonly userId: string | null = null,
  ) {}

  /** Creates an instance and puts its first token on the start event (the none start event by default). */
  async startInstance(spec: NewInstance, startEventId?: string): Promise<InstanceContext> {
    const instance = await this.work.create(spec);
    if (!(startEventId ?? instance.graph.startEventId)) {
      throw new InvalidInputError('key', `process '${instance.graph.id}' has no none start event: only its timer, message or signal start events start it`);
    }
    this.record(instance, { elementId: instance.graph.id, elementType: 'process', event: 'started' });
    const token = instance.createToken(startEventId ?? instance.graph.startEventId, null, this.work.now);
    // The process scope's event sub-processes wait from the start; the instance id stands for the scope.
    await this.armEventSubprocesses(instance, token, instance.id, instance.graph.eventSubprocessStartIds);
    this.arrivals.push({ instance, token });
    return instance;
  }

  /** Completes the element a token waits at (a user task) and moves on. */
  async completeWaiting(instance: InstanceContext, token: TokenRow, input: CompletionInput): Promise<void> {
    await this.invoke(instance, token, (behaviour, context) => {
      if (!behaviour.complete) throw new Error(`${token.elementId} cannot be completed from outside`);
      return behaviour.complete(context, input);
    });
  }

  /** Ends an instance from outside: every token is terminated, called instances too. */
  async terminateInstance(instance: InstanceContext, reason?: string): Promise<void> {
    for (const token of instance.tokensInScope(null)) await this.terminateToken(instance, token);
    instance.disarmAll();
    instance.setState('terminated', this.work.now);
    const detail = reason === undefined ? undefined : JSON.stringify({ reason });
    this.record(instance, { elementId: instance.graph.id, elementType: 'process', event: 'terminated', detail });
  }

  /** Runs until every token waits. */
  async run(): Promise<void> {
    for (;;) {
      while (this.arrivals.length > 0) {
        const { instance, token } = this.arrivals.shift()!;
        if (!instance.isLive(token)) continue;
        if (++this.steps > this.work.services.maxStepsPerCommand) {
          throw new ProcessExecutionError(
            'step-limit-exceeded',
            token.elementId,
            `the process ran ${this.work.services.maxStepsPerCommand} steps without waiting; it probably loops`,
          );
        }
        await this.activate(instance, token);
      }
      if (!(await this.releaseJoins())) return;
    }
  }

  // --- activation and effects -----------------------------------------------------------------

  private async activate(instance: InstanceContext, token: TokenRow): Promise<void> {
    const node = this.node(instance, token);
    if (node.dossierStatus !== undefined && node.dossierStatus !== instance.row.dossierStatus) {
      instance.setDossierStatus(node.dossierStatus, this.work.now, this.work.services.calendar);
      this.record(instance, { elementId: node.id, elementType: node.type, event: 'status', tokenId: token.id, detail: JSON.stringify({ status: node.dossierStatus }) });
    }
    const loopInstance = node.multiInstance !== undefined && isLoopInstance(instance, token);
    if (node.multiInstance && !loopInstance) {
      await this.bodies.start(instance, token, node);
    } else {
      if (!isGateway(node.type)) this.record(instance, { elementId: node.id, elementType: node.type, event: 'started', tokenId: token.id });
      await this.invoke(instance, token, (behaviour, context) => behaviour.activate(context));
    }
    // An activity that now waits arms its boundary events (they are disarmed when it ends); a
    // multi-instance activity arms them once, for its body.
    if (node.boundaryEventIds.length > 0 && !loopInstance && instance.isLive(token) && token.elementId === node.id) {
      for (const boundaryId of node.boundaryEventIds) await armEvent(this.work, instance, token, instance.graph.nodes.get(boundaryId)!);
    }
  }

  /**
   * The event a catch event or receive task waits for happens. If the token still waits at an
   * event-based gateway before it, this event won the race: the gateway completes (disarming the
   * other events) and the token passes to the event, which completes at once.
   */
  private async eventHappens(instance: InstanceContext, token: TokenRow, node: FlowNode, variables: ReadonlyMap<string, unknown>): Promise<void> {
    if (token.state !== 'waiting') return;
    if (token.elementId !== node.id) {
      const gateway = instance.graph.nodes.get(token.elementId);
      const flowId = gateway?.type === 'eventBasedGateway' ? gateway.outgoing.find((id) => instance.graph.flows.get(id)!.targetId === node.id) : undefined;
      if (!gateway || !flowId) return;
      this.recordLeft(instance, token, gateway);
      instance.updateToken(token, { elementId: node.id, arrivedVia: flowId });
      this.record(instance, { elementId: node.id, elementType: node.type, event: 'started', tokenId: token.id });
    }
    await this.completeWaiting(instance, token, { eventVariables: variables });
  }

  /**
   * A message or signal arrives for a subscription of this instance (the caller holds the instance's
   * lock and has read the subscription after it): the waiting event or receive task completes, or a
   * boundary event fires (interrupting: the activity ends). A non-interrupting boundary keeps its
   * subscription and may fire again.
   */
  async deliver(instance: InstanceContext, subscription: SubscriptionRow, variables: ReadonlyMap<string, unknown>): Promise<void> {
    const node = instance.graph.nodes.get(subscription.elementId);
    const token = subscription.tokenId ? instance.tokens.get(subscription.tokenId) : undefined;
    const interrupting = node?.type === 'boundaryEvent' ? node.cancelActivity !== false : (node?.interrupting ?? true);
    if (interrupting) instance.consumeSubscription(subscription);
    if (node?.interrupting !== undefined && subscription.tokenId) {
      await this.eventSubprocessTriggered(instance, subscription.tokenId, node, variables);
      return;
    }
    if (!node || !token || instance.row.state !== 'active') return;
    if (node.type === 'intermediateCatchEvent' || node.type === 'receiveTask') {
      await this.eventHappens(instance, token, node, variables);
      return;
    }
    if (!this.waitsForBoundary(token, node)) return;
    for (const [name, value] of variables) instance.setVariable(name, value);
    await this.catchAt({ instance, activityToken: token, boundary: node }, interrupting);
  }

  /** Whether the token still waits at the activity this boundary event is attached to. */
  private waitsForBoundary(token: TokenRow, node: FlowNode): boolean {
    return (
      node.type === 'boundaryEvent' &&
      token.elementId === node.attachedToId &&
      (token.state === 'waiting' || token.state === 'scope' || token.state === 'multi')
    );
  }

  /**
   * A worker answered an external task with a BPMN error: the task's own error boundary events
   * catch it first, then those around it. Nobody catching it fails the call.
   */
  async externalTaskError(instance: InstanceContext, token: TokenRow, code: string): Promise<void> {
    const catcher = await findCatcher(this.work, instance, token, 'error', code, true);
    if (!catcher) {
      throw new ProcessExecutionError('uncaught-error', token.elementId, `error '${code}' is caught by no error boundary event on or around it`);
    }
    await this.catchAt(catcher, true);
  }

  /**
   * A boundary event fires (a timer, message, signal, error or escalation): an interrupting one ends
   * its activity first. An error or escalation caught by an event sub-process starts it.
   */
  private async catchAt(catcher: Catcher, interrupting: boolean): Promise<void> {
    if ('start' in catcher) {
      await this.startEventSubprocess(catcher.instance, catcher.scopeToken, catcher.start);
      return;
    }
    const { instance, activityToken, boundary } = catcher;
    if (interrupting) await this.terminateToken(instance, activityToken);
    this.arrivals.push({ instance, token: instance.createToken(boundary.id, activityToken.scopeTokenId, this.work.now) });
  }

  // --- event sub-processes (BPMN 2.0 §10.3.5) --------------------------------------------------

  /**
   * Arms the timer, message and signal start events of a scope's event sub-processes. `ownerId` is
   * the scope: its sub-process token's id, or the instance id for the process itself; `token`
   * gives the variables their expressions see.
   */
  private async armEventSubprocesses(instance: InstanceContext, token: TokenRow, ownerId: string, startIds: readonly string[]): Promise<void> {
    for (const startId of startIds) await armEvent(this.work, instance, token, instance.graph.nodes.get(startId)!, ownerId);
  }

  /**
   * The timer, message or signal of an event sub-process's start event happens for the scope
   * `ownerId`. A non-interrupting timer cycle is armed again for its next firing.
   */
  private async eventSubprocessTriggered(
    instance: InstanceContext,
    ownerId: string,
    start: FlowNode,
    variables: ReadonlyMap<string, unknown>,
    job?: JobRow,
  ): Promise<void> {
    if (instance.row.state !== 'active') return;
    const scopeToken = ownerId === instance.id ? null : instance.tokens.get(ownerId);
    if (scopeToken === undefined || (scopeToken !== null && scopeToken.state !== 'scope')) return; // the scope has ended
    for (const [name, value] of variables) instance.setVariable(name, value);
    if (!start.interrupting && job?.repeat) {
      await armTimer(this.work, instance, scopeToken ?? this.anyToken(instance), start, { dueAt: job.dueAt, repeat: job.repeat }, ownerId);
    }
    await this.startEventSubprocess(instance, scopeToken, start);
  }

  /**
   * Starts an event sub-process in its scope. An interrupting one first ends everything else in the
   * scope (event sub-processes already running too) and closes the scope's other event
   * sub-processes; a non-interrupting one runs beside the rest, and the scope completes only when it
   * has ended too.
   */
  private async startEventSubprocess(instance: InstanceContext, scopeToken: TokenRow | null, start: FlowNode): Promise<void> {
    const scopeTokenId = scopeToken?.id ?? null;
    const ownerId = scopeTokenId ?? instance.id;
    if (start.interrupting !== false) {
      for (const other of instance.tokensInScope(scopeTokenId)) await this.terminateToken(instance, other);
      for (const startId of eventSubprocessStartsOf(instance, scopeToken)) disarmTrigger(instance, ownerId, instance.graph.nodes.get(startId));
    }
    const eventSubprocess = instance.graph.nodes.get(start.scopeId!)!;
    const eventToken = instance.createToken(eventSubprocess.id, scopeTokenId, this.work.now);
    instance.updateToken(eventToken, { state: 'scope' });
    this.record(instance, { elementId: eventSubprocess.id, elementType: eventSubprocess.type, event: 'started', tokenId: eventToken.id });
    await this.armEventSubprocesses(instance, eventToken, eventToken.id, eventSubprocess.eventSubprocessStartIds ?? []);
    this.arrivals.push({ instance, token: instance.createToken(start.id, eventToken.id, this.work.now) });
  }

  /** Some live token of the instance, to evaluate a process-level expression with. */
  private anyToken(instance: InstanceContext): TokenRow {
    const [token] = instance.tokens.values();
    if (!token) throw new Error(`Instance ${instance.id} has no token`);
    return token;
  }

  /** Runs an evaluation that may fail in an expression and names the element when it does. */
  evaluating<T>(node: FlowNode, evaluate: () => T): T {
    try {
      return evaluate();
    } catch (error) {
      if (error instanceof ExpressionEvaluationError) throw new ProcessExecutionError('expression-failed', node.id, error.message);
      throw error;
    }
  }

  /** Signals this command threw, for the caller to deliver (broadcastSignal). */
  takeThrownSignals(): string[] {
    return this.thrownSignals.splice(0);
  }

  /** A timer job is due: its event happens, unless the token it was armed for has moved on. */
  async fireTimer(instance: InstanceContext, job: JobRow): Promise<void> {
    instance.firingJobId = job.id;
    const node = instance.graph.nodes.get(job.elementId);
    if (node?.interrupting !== undefined && job.tokenId) {
      await this.eventSubprocessTriggered(instance, job.tokenId, node, new Map(), job);
      return;
    }
    const token = job.tokenId ? instance.tokens.get(job.tokenId) : undefined;
    if (!node || !token || instance.row.state !== 'active') return;
    if (node.type === 'intermediateCatchEvent' || node.type === 'receiveTask') {
      await this.eventHappens(instance, token, node, new Map());
      return;
    }
    if (!this.waitsForBoundary(token, node)) return;
    const interrupting = node.cancelActivity !== false;
    if (!interrupting && job.repeat) await armTimer(this.work, instance, token, node, { dueAt: job.dueAt, repeat: job.repeat });
    await this.catchAt({ instance, activityToken: token, boundary: node }, interrupting);
  }

  private async invoke(instance: InstanceContext, token: TokenRow, call: Invocation): Promise<boolean> {
    const node = this.node(instance, token);
    if (node.needsVariables) await instance.loadVariables(this.work.session);
    const effects = this.evaluating(node, () => call(BEHAVIOURS[node.type], this.behaviourContext(instance, token, node)));
    for (const effect of effects) await this.apply(instance, token, node, effect);
    return effects.length > 0;
  }

  private async apply(instance: InstanceContext, token: TokenRow, node: FlowNode, effect: Effect): Promise<void> {
    switch (effect.kind) {
      case 'setVariables':
        for (const [name, value] of effect.values) instance.setVariableFrom(token, name, value);
        return;
      case 'wait':
        instance.updateToken(token, { state: 'waiting' });
        return;
      case 'createTask':
        instance.addTask({
          id: this.work.services.newId(),
          instanceId: instance.id,
          tokenId: token.id,
          elementId: node.id,
          ...effect.task,
          candidateGroups: [...effect.task.candidateGroups],
          candidateUsers: [...effect.task.candidateUsers],
          // A step may name its own unit (motcua:unit); otherwise the dossier's unit works it.
          unitId: node.step?.unit ?? instance.row.unitId,
          // Without a camunda:dueDate, the step's allowance (motcua:allowanceHours) in working hours.
          dueDate:
            effect.task.dueDate ??
            (node.step?.allowanceHours === undefined ? null : this.work.services.calendar.addWorkingHours(this.work.now, node.step.allowanceHours)),
          owner: null,
          delegationState: null,
          state: 'created',
          createdAt: this.work.now,
          endedAt: null,
          endedBy: null,
          version: 0,
        });
        instance.updateToken(token, { state: 'waiting' });
        return;
      case 'enterScope': {
        instance.updateToken(token, { state: 'scope' });
        await this.armEventSubprocesses(instance, token, token.id, node.eventSubprocessStartIds ?? []);
        this.arrivals.push({ instance, token: instance.createToken(effect.startEventId, token.id, this.work.now) });
        return;
      }
      case 'consume':
        this.recordLeft(instance, token, node);
        instance.removeToken(token);
        await this.scopeEmptied(instance, token.scopeTokenId);
        return;
      case 'terminateScope':
        for (const other of instance.tokensInScope(token.scopeTokenId)) {
          if (other !== token) await this.terminateToken(instance, other);
        }
        this.recordLeft(instance, token, node);
        instance.removeToken(token);
        await this.scopeEmptied(instance, token.scopeTokenId);
        return;
      case 'joinWait':
        instance.updateToken(token, { state: 'joining' });
        return;
      case 'join': {
        const survivor = effect.consumedTokenIds.includes(token.id) ? token : instance.tokens.get(effect.consumedTokenIds[0]!)!;
        for (const id of effect.consumedTokenIds) {
          const consumed = instance.tokens.get(id);
          if (consumed && consumed !== survivor) instance.removeToken(consumed);
        }
        this.recordLeft(instance, survivor, node);
        await this.leave(instance, survivor, effect.flowIds);
        return;
      }
      case 'leave': {
        if (node.multiInstance && isLoopInstance(instance, token)) {
          await this.bodies.instanceCompleted(instance, token, node);
          return;
        }
        const flowIds = effect.flowIds ?? this.behaviourContext(instance, token, node).selectFlows('all');
        this.recordLeft(instance, token, node);
        await this.leave(instance, token, flowIds);
        return;
      }
      case 'waitForEvent':
        instance.updateToken(token, { state: 'waiting' });
        await armEvent(this.work, instance, token, node);
        return;
      case 'throwSignal':
        this.thrownSignals.push(effect.name);
        return;
      case 'throwError': {
        this.recordLeft(instance, token, node);
        const catcher = await findCatcher(this.work, instance, token, 'error', effect.code);
        if (!catcher) {
          throw new ProcessExecutionError('uncaught-error', node.id, `error '${effect.code}' is caught by no error boundary event around it`);
        }
        await this.catchAt(catcher, true);
        if (instance.isLive(token)) instance.removeToken(token);
        return;
      }
      case 'createExternalTask':
        instance.updateToken(token, { state: 'waiting' });
        instance.addExternalTask({
          id: this.work.services.newId(),
          topic: effect.topic,
          instanceId: instance.id,
          tokenId: token.id,
          elementId: node.id,
          businessKey: instance.row.businessKey,
          workerId: null,
          lockExpiresAt: null,
          retries: null,
          errorMessage: null,
          createdAt: this.work.now,
          version: 0,
        });
        return;
      case 'throwEscalation': {
        const catcher = await findCatcher(this.work, instance, token, 'escalation', effect.code);
        if (catcher) await this.catchAt(catcher, 'boundary' in catcher ? catcher.boundary.cancelActivity !== false : catcher.start.interrupting !== false);
        return;
      }
      case 'callProcess':
        instance.updateToken(token, { state: 'waiting' });
        await this.startInstance({
          definition: await this.calledDefinition(node, effect.call),
          businessKey: effect.call.businessKey,
          unitId: instance.row.unitId,
          variables: effect.call.variables,
          parent: { instanceId: instance.id, tokenId: token.id },
        });
        return;
    }
  }

  /** The token moves along the flows: itself along the first, new tokens along the others. */
  async leave(instance: InstanceContext, token: TokenRow, flowIds: readonly string[]): Promise<void> {
    if (flowIds.length === 0) {
      // An element without outgoing flows ends its path (implicit end event, §13.2.2).
      instance.removeToken(token);
      await this.scopeEmptied(instance, token.scopeTokenId);
      return;
    }
    flowIds.forEach((flowId, index) => {
      const flow = instance.graph.flows.get(flowId)!;
      const moving = index === 0 ? token : instance.createToken(flow.targetId, token.scopeTokenId, this.work.now);
      instance.updateToken(moving, { elementId: flow.targetId, state: 'active', arrivedVia: flowId });
      this.arrivals.push({ instance, token: moving });
    });
  }

  /** When a scope holds no token any more, the subprocess or the whole instance completes. */
  private async scopeEmptied(instance: InstanceContext, scopeTokenId: string | null): Promise<void> {
    if (instance.tokensInScope(scopeTokenId).length > 0) return;
    if (scopeTokenId === null) {
      await this.completeInstance(instance);
      return;
    }
    const scopeToken = instance.tokens.get(scopeTokenId);
    if (scopeToken) await this.completeWaiting(instance, scopeToken, {});
  }

  private async completeInstance(instance: InstanceContext): Promise<void> {
    instance.disarmAll();
    instance.setState('completed', this.work.now);
    this.record(instance, { elementId: instance.graph.id, elementType: 'process', event: 'completed' });
    const { parentInstanceId, parentTokenId } = instance.row;
    if (!parentInstanceId || !parentTokenId) return;
    const parent = await this.work.load(parentInstanceId);
    const waiting = parent.tokens.get(parentTokenId);
    if (!waiting) return;
    const calledVariables = await instance.loadVariables(this.work.session);
    await this.completeWaiting(parent, waiting, { calledVariables });
  }

  /** Ends a token without completing its element, and whatever hangs below it. */
  async terminateToken(instance: InstanceContext, token: TokenRow): Promise<void> {
    if (token.state === 'scope' || token.state === 'multi') {
      for (const child of instance.tokensInScope(token.id)) await this.terminateToken(instance, child);
    }
    if (token.state === 'waiting') {
      const node = this.node(instance, token);
      if (node.type === 'userTask') await this.terminateTask(instance, token);
      if (node.type === 'callActivity') {
        const called = await this.calledInstanceOf(token);
        if (called) await this.terminateInstance(called);
      }
    }
    if (token.state === 'multi') this.bodies.recordBody(instance, token, this.node(instance, token), 'terminated');
    if (token.state === 'waiting' || token.state === 'scope') {
      this.record(instance, { elementId: token.elementId, elementType: this.node(instance, token).type, event: 'terminated', tokenId: token.id });
    }
    disarmWaits(instance, token, this.node(instance, token));
    instance.removeToken(token);
  }

  /** The running instance a call activity's token waits for: started in this command, or stored. */
  private async calledInstanceOf(token: TokenRow): Promise<InstanceContext | undefined> {
    for (const candidate of this.work.all()) {
      if (candidate.row.parentTokenId === token.id && candidate.row.state === 'active') return candidate;
    }
    const calledId = await store.findActiveCalledInstance(this.work.session, token.id);
    return calledId ? this.work.load(calledId) : undefined;
  }

  private async terminateTask(instance: InstanceContext, token: TokenRow): Promise<void> {
    let task = instance.knownTaskOf(token.id);
    if (!task) {
      for (const open of await store.readOpenTasks(this.work.session, instance.id)) instance.trackTask(open);
      task = instance.knownTaskOf(token.id);
    }
    if (task) instance.updateTask(task, { state: 'terminated', endedAt: this.work.now, endedBy: this.userId });
  }

  /** Asks every waiting inclusive join whether it can fire now that the tokens are at rest. */
  private async releaseJoins(): Promise<boolean> {
    let fired = false;
    for (const instance of this.work.all()) {
      const seen = new Set<string>();
      for (const token of [...instance.tokens.values()]) {
        const key = `${token.elementId}\u0000${token.scopeTokenId ?? ''}`;
        if (token.state !== 'joining' || seen.has(key) || !instance.isLive(token)) continue;
        seen.add(key);
        const node = this.node(instance, token);
        if (node.type !== 'inclusiveGateway') continue;
        fired = (await this.invoke(instance, token, (behaviour, context) => behaviour.onEvent?.(context, 'scope-changed') ?? [])) || fired;
      }
    }
    return fired;
  }

  // --- helpers --------------------------------------------------------------------------------

  private async calledDefinition(node: FlowNode, call: CallSpec): Promise<DefinitionRow> {
    const { session } = this.work;
    const definition =
      call.version === undefined
        ? await definitions.latestDefinition(session, call.processKey)
        : await definitions.definitionVersion(session, call.processKey, call.version);
    if (!definition) {
      const which = call.version === undefined ? '' : ` version ${call.version}`;
      throw new ProcessExecutionError('called-process-not-found', node.id, `no process '${call.processKey}'${which} is deployed`);
    }
    return definition;
  }

  private node(instance: InstanceContext, token: TokenRow): FlowNode {
    const node = instance.graph.nodes.get(token.elementId);
    if (!node) throw new Error(`Element '${token.elementId}' is not in process '${instance.graph.id}'`);
    return node;
  }

  record(instance: InstanceContext, entry: HistoryLine): void {
    instance.record({
      elementId: entry.elementId,
      elementType: entry.elementType,
      event: entry.event,
      at: this.work.now,
      userId: this.userId,
      tokenId: entry.tokenId ?? null,
      detail: entry.detail ?? null,
    });
  }

  /** Gateways are recorded once, when they let a token through. An element left disarms what it waited for. */
  recordLeft(instance: InstanceContext, token: TokenRow, node: FlowNode): void {
    if (isGateway(node.type)) this.record(instance, { elementId: node.id, elementType: node.type, event: 'started', tokenId: token.id });
    this.record(instance, { elementId: node.id, elementType: node.type, event: 'completed', tokenId: token.id });
    disarmWaits(instance, token, node);
  }

  /** The token will be activated in this command (first in, first out). */
  arrive(instance: InstanceContext, token: TokenRow): void {
    this.arrivals.push({ instance, token });
  }

  behaviourContext(instance: InstanceContext, token: TokenRow, node: FlowNode): BehaviourContext {
    return behaviourContextIn(this.work, instance, token, node);
  }
}
