/**
 * One process instance as a command sees it: the rows it loaded, the changes it made, and the
 * history it will append. Nothing is written until the command collects its writes at its end,
 * inside its transaction; an error before that leaves the database untouched.
 */
import type { ProcessGraph } from '../model/graph.js';
import type { SqlSession } from '../store/sql-session.js';
import type { WriteBatch } from '../store/write-batch.js';
import type { HistoryRow, InstanceRow, TaskRow, TokenRow, TokenState } from '../store/rows.js';
import * as store from '../store/instance-repository.js';
import type { WorkingCalendar } from '../calendar/index.js';
import { clockAfterStatus } from '../procedures/paused-clock.js';
import * as jobs from '../store/job-repository.js';
import type { JobRow } from '../store/job-repository.js';
import * as subscriptions from '../store/subscription-repository.js';
import type { SubscriptionRow } from '../store/subscription-repository.js';
import * as externalTasks from '../store/external-task-repository.js';
import type { ExternalTaskRow } from '../store/external-task-repository.js';

export class InstanceContext {
  readonly tokens = new Map<string, TokenRow>();
  private readonly newTokens = new Set<string>();
  private readonly changedTokens = new Set<string>();
  private readonly removedTokens: TokenRow[] = [];
  private readonly tasks = new Map<string, TaskRow>();
  private readonly newTasks = new Set<string>();
  private readonly changedTasks = new Set<string>();
  private variables: Map<string, unknown> | undefined;
  private readonly variableWrites = new Map<string, unknown>();
  private readonly history: HistoryRow[] = [];
  private readonly armedJobs: JobRow[] = [];
  private readonly disarmed: Array<{ tokenId: string; elementId: string }> = [];
  private dropAll = false;
  /** The job this command fires, which its own versioned delete removes. */
  firingJobId = '';
  private readonly openedSubscriptions: SubscriptionRow[] = [];
  private readonly closedSubscriptions: Array<{ tokenId: string; elementId: string }> = [];
  /** Subscriptions whose event this command delivers: deleted with a check that they were still there. */
  private readonly consumedSubscriptions: SubscriptionRow[] = [];
  private readonly createdExternalTasks: ExternalTaskRow[] = [];
  private readonly removedExternalTasks: Array<{ tokenId: string; elementId: string }> = [];
  private changed = false;

  constructor(
    readonly row: InstanceRow,
    readonly graph: ProcessGraph,
    private readonly isNew: boolean,
    tokens: readonly TokenRow[],
    private readonly newId: () => string,
  ) {
    for (const token of tokens) this.tokens.set(token.id, token);
    if (isNew) this.variables = new Map();
  }

  get id(): string {
    return this.row.id;
  }

  // --- tokens ---------------------------------------------------------------------------------

  createToken(elementId: string, scopeTokenId: string | null, now: Date): TokenRow {
    const token: TokenRow = {
      id: this.newId(),
      instanceId: this.row.id,
      elementId,
      scopeTokenId,
      state: 'active',
      arrivedVia: null,
      createdAt: now,
      version: 0,
      localVariables: null,
    };
    this.tokens.set(token.id, token);
    this.newTokens.add(token.id);
    this.changed = true;
    return token;
  }

  updateToken(
    token: TokenRow,
    changes: { elementId?: string; state?: TokenState; arrivedVia?: string | null; localVariables?: TokenRow['localVariables'] },
  ): void {
    Object.assign(token, changes);
    if (!this.newTokens.has(token.id)) this.changedTokens.add(token.id);
    this.changed = true;
  }

  removeToken(token: TokenRow): void {
    if (!this.tokens.delete(token.id)) return;
    if (this.newTokens.delete(token.id)) return;
    this.changedTokens.delete(token.id);
    this.removedTokens.push(token);
    this.changed = true;
  }

  isLive(token: TokenRow): boolean {
    return this.tokens.get(token.id) === token;
  }

  tokensInScope(scopeTokenId: string | null): TokenRow[] {
    return [...this.tokens.values()].filter((t) => t.scopeTokenId === scopeTokenId);
  }

  // --- tasks ----------------------------------------------------------------------------------

  addTask(task: TaskRow): void {
    this.tasks.set(task.id, task);
    this.newTasks.add(task.id);
    this.changed = true;
  }

  /** Registers a task read from the database so that changes to it are written back. */
  trackTask(task: TaskRow): TaskRow {
    const known = this.tasks.get(task.id);
    if (known) return known;
    this.tasks.set(task.id, task);
    return task;
  }

  updateTask(task: TaskRow, changes: Partial<Pick<TaskRow, 'assignee' | 'state' | 'endedAt' | 'endedBy'>>): void {
    Object.assign(task, changes);
    if (!this.newTasks.has(task.id)) this.changedTasks.add(task.id);
    this.changed = true;
  }

  /** The open task a token waits at, among the tasks this command knows. */
  knownTaskOf(tokenId: string): TaskRow | undefined {
    return [...this.tasks.values()].find((task) => task.tokenId === tokenId && task.state === 'created');
  }

  // --- variables ------------------------------------------------------------------------------

  async loadVariables(session: SqlSession): Promise<ReadonlyMap<string, unknown>> {
    if (!this.variables) {
      this.variables = await store.readVariables(session, this.row.id);
      for (const [name, value] of this.variableWrites) this.variables.set(name, value);
    }
    return this.variables;
  }

  /** The variables, which must have been loaded. */
  loadedVariables(): ReadonlyMap<string, unknown> {
    if (!this.variables) throw new Error(`Variables of instance ${this.row.id} were not loaded`);
    return this.variables;
  }

  /**
   * The variables an element sees at a token: the instance's, overridden by the local variables of
   * the token's enclosing activity instances (outermost first) and of the token itself.
   */
  visibleVariables(token: TokenRow): ReadonlyMap<string, unknown> {
    const chain = this.localScopes(token);
    if (chain.length === 0) return this.loadedVariables();
    const visible = new Map(this.loadedVariables());
    for (const scope of chain.reverse()) for (const [name, value] of Object.entries(scope.localVariables!)) visible.set(name, value);
    return visible;
  }

  /**
   * Sets a variable from a token (Camunda 7's setVariable): where a local variable of that name is
   * visible it is updated in its activity instance; otherwise the instance's variable is set.
   */
  setVariableFrom(token: TokenRow, name: string, value: unknown): void {
    const owner = this.localScopes(token).find((scope) => Object.hasOwn(scope.localVariables!, name));
    if (owner) this.setLocalVariables(owner, { [name]: value });
    else this.setVariable(name, value);
  }

  /** Sets local variables of a token (an activity instance). */
  setLocalVariables(token: TokenRow, values: Readonly<Record<string, unknown>>): void {
    this.updateToken(token, { localVariables: { ...token.localVariables, ...values } });
  }

  /** The token and the tokens it is nested in that hold local variables, innermost first. */
  private localScopes(token: TokenRow): TokenRow[] {
    const scopes: TokenRow[] = [];
    for (let current: TokenRow | undefined = token; current; current = current.scopeTokenId ? this.tokens.get(current.scopeTokenId) : undefined) {
      if (current.localVariables) scopes.push(current);
    }
    return scopes;
  }

  setVariable(name: string, value: unknown): void {
    this.variableWrites.set(name, value);
    this.variables?.set(name, value);
    this.changed = true;
  }

  // --- timers ---------------------------------------------------------------------------------

  armJob(job: JobRow): void {
    this.armedJobs.push(job);
    this.changed = true;
  }

  /** Removes the timer an element armed for a token (one armed in this command is dropped here). */
  disarmJob(tokenId: string, elementId: string): void {
    const index = this.armedJobs.findIndex((job) => job.tokenId === tokenId && job.elementId === elementId);
    if (index >= 0) this.armedJobs.splice(index, 1);
    else this.disarmed.push({ tokenId, elementId });
    this.changed = true;
  }

  /** The instance ended: whatever timer or subscription it still has goes. */
  disarmAll(): void {
    this.armedJobs.length = 0;
    this.openedSubscriptions.length = 0;
    this.createdExternalTasks.length = 0;
    this.dropAll = true;
    this.changed = true;
  }

  openSubscription(subscription: SubscriptionRow): void {
    this.openedSubscriptions.push(subscription);
    this.changed = true;
  }

  /** Closes the subscription an element opened for a token (one opened in this command is dropped here). */
  closeSubscription(tokenId: string, elementId: string): void {
    const index = this.openedSubscriptions.findIndex((sub) => sub.tokenId === tokenId && sub.elementId === elementId);
    if (index >= 0) this.openedSubscriptions.splice(index, 1);
    else if (!this.consumedSubscriptions.some((sub) => sub.tokenId === tokenId && sub.elementId === elementId)) {
      this.closedSubscriptions.push({ tokenId, elementId });
    }
    this.changed = true;
  }

  /** The event of this subscription is delivered now: it goes (one opened in this command is just dropped). */
  consumeSubscription(subscription: SubscriptionRow): void {
    const index = this.openedSubscriptions.findIndex((sub) => sub.id === subscription.id);
    if (index >= 0) this.openedSubscriptions.splice(index, 1);
    else this.consumedSubscriptions.push(subscription);
    this.changed = true;
  }

  addExternalTask(task: ExternalTaskRow): void {
    this.createdExternalTasks.push(task);
    this.changed = true;
  }

  /** The token left an external task (completed, or ended by a boundary event): its row goes. */
  removeExternalTask(tokenId: string, elementId: string): void {
    const index = this.createdExternalTasks.findIndex((task) => task.tokenId === tokenId && task.elementId === elementId);
    if (index >= 0) this.createdExternalTasks.splice(index, 1);
    else this.removedExternalTasks.push({ tokenId, elementId });
    this.changed = true;
  }

  /** Subscriptions opened in this command, not yet stored (a signal thrown in it reaches them too). */
  subscriptionsOpenedNow(): readonly SubscriptionRow[] {
    return this.openedSubscriptions;
  }

  // --- instance and history --------------------------------------------------------------------

  /** The dossier takes a status; its clock pauses or resumes with it (procedures/paused-clock.ts). */
  setDossierStatus(status: number, now: Date, calendar: WorkingCalendar): void {
    Object.assign(this.row, clockAfterStatus(this.row, status, now, calendar));
    this.row.dossierStatus = status;
    this.changed = true;
  }

  setState(state: InstanceRow['state'], endedAt: Date | null): void {
    this.row.state = state;
    this.row.endedAt = endedAt;
    this.changed = true;
  }

  record(entry: Omit<HistoryRow, 'instanceId'>): void {
    this.history.push({ instanceId: this.row.id, ...entry });
    this.changed = true;
  }

  /** Adds this instance's changes to the command's writes. */
  collectWrites(batch: WriteBatch): void {
    if (!this.changed) return;
    if (this.isNew) store.insertInstance(batch, this.row);
    for (const token of this.removedTokens) store.deleteToken(batch, token);
    for (const id of this.changedTokens) store.updateToken(batch, this.tokens.get(id)!);
    for (const id of this.newTokens) store.insertToken(batch, this.tokens.get(id)!);
    for (const id of this.changedTasks) store.updateTask(batch, this.tasks.get(id)!);
    for (const id of this.newTasks) store.insertTask(batch, this.tasks.get(id)!);
    store.writeVariables(batch, this.row.id, this.variableWrites);
    store.appendHistory(batch, this.history);
    if (this.dropAll) {
      // The instance ended: one delete each takes every job and subscription (delivered ones too;
      // the instance's row lock already made their delivery unique).
      jobs.deleteJobsOfInstance(batch, this.row.id, this.firingJobId);
      subscriptions.deleteSubscriptionsOfInstance(batch, this.row.id);
      externalTasks.deleteExternalTasksOfInstance(batch, this.row.id);
    } else {
      for (const { tokenId, elementId } of this.removedExternalTasks) externalTasks.deleteExternalTaskOfToken(batch, tokenId, elementId);
      for (const { tokenId, elementId } of this.disarmed) jobs.deleteJobOfToken(batch, tokenId, elementId, this.firingJobId);
      for (const { tokenId, elementId } of this.closedSubscriptions) subscriptions.deleteSubscriptionOfToken(batch, tokenId, elementId);
      for (const subscription of this.consumedSubscriptions) subscriptions.deleteDeliveredSubscription(batch, subscription);
    }
    for (const job of this.armedJobs) jobs.insertJob(batch, job);
    for (const subscription of this.openedSubscriptions) subscriptions.insertSubscription(batch, subscription);
    for (const task of this.createdExternalTasks) externalTasks.insertExternalTask(batch, task);
    if (!this.isNew) store.updateInstance(batch, this.row);
  }
}
