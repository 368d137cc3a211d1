/**
 * The instances one command works on: loaded (and locked) on first use, created when the command
 * starts a process, and written back together by flush() at the end of the command's transaction.
 */
import type { SqlSession } from '../store/sql-session.js';
import type { DefinitionRow } from '../store/definition-repository.js';
import * as store from '../store/instance-repository.js';
import { NotFoundError } from '../errors.js';
import { InstanceContext } from './instance-context.js';
import type { DefinitionRegistry } from './definition-registry.js';
import type { Clock, IdGenerator } from './clock.js';

export interface RuntimeServices {
  readonly clock: Clock;
  readonly newId: IdGenerator;
  readonly definitions: DefinitionRegistry;
  /** Element activations one command may run before it is stopped as a loop that never waits. */
  readonly maxStepsPerCommand: number;
}

export interface NewInstance {
  readonly definition: DefinitionRow;
  readonly businessKey: string | null;
  readonly variables: ReadonlyMap<string, unknown>;
  readonly parent?: { readonly instanceId: string; readonly tokenId: string };
}

export class UnitOfWork {
  /** One instant for the whole command: everything it records happened "now". */
  readonly now: Date;
  private readonly instances = new Map<string, InstanceContext>();

  constructor(
    readonly session: SqlSession,
    readonly services: RuntimeServices,
  ) {
    this.now = services.clock.now();
  }

  /** Locks the instance row first, then reads its tokens (see ARCHITECTURE.md on READ COMMITTED). */
  async load(instanceId: string): Promise<InstanceContext> {
    const known = this.instances.get(instanceId);
    if (known) return known;
    const row = await store.lockInstance(this.session, instanceId);
    if (!row) throw new NotFoundError('process-instance', instanceId);
    const graph = await this.services.definitions.graphOf(this.session, row.definitionId, row.definitionKey);
    const tokens = row.state === 'active' ? await store.readTokens(this.session, instanceId) : [];
    const instance = new InstanceContext(row, graph, false, tokens, this.services.newId);
    this.instances.set(instanceId, instance);
    return instance;
  }

  async create(spec: NewInstance): Promise<InstanceContext> {
    const { definition } = spec;
    const graph = await this.services.definitions.graphOf(this.session, definition.id, definition.key);
    const instance = new InstanceContext(
      {
        id: this.services.newId(),
        definitionId: definition.id,
        definitionKey: definition.key,
        definitionVersion: definition.version,
        businessKey: spec.businessKey,
        state: 'active',
        parentInstanceId: spec.parent?.instanceId ?? null,
        parentTokenId: spec.parent?.tokenId ?? null,
        startedAt: this.now,
        endedAt: null,
        version: 0,
      },
      graph,
      true,
      [],
      this.services.newId,
    );
    for (const [name, value] of spec.variables) instance.setVariable(name, value);
    this.instances.set(instance.id, instance);
    return instance;
  }

  all(): IterableIterator<InstanceContext> {
    return this.instances.values();
  }

  async flush(): Promise<void> {
    for (const instance of this.instances.values()) await instance.flush(this.session);
  }
}
