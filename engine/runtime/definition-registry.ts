/**
 * Finds process definitions and keeps each one's executable graph in memory once built. A graph
 * belongs to one immutable definition version, so the cache never goes stale; it grows with the
 * number of deployed versions, not with the number of instances.
 */
import { loadModel } from '../model/index.js';
import type { ProcessGraph } from '../model/graph.js';
import type { SqlSession } from '../store/sql-session.js';
import * as definitions from '../store/definition-repository.js';
import { NotFoundError } from '../errors.js';

export class DefinitionRegistry {
  private readonly graphs = new Map<string, Promise<ProcessGraph>>();

  /** The graph of a stored definition, built on first use. */
  graphOf(session: SqlSession, definitionId: string, key: string): Promise<ProcessGraph> {
    let graph = this.graphs.get(definitionId);
    if (!graph) {
      graph = this.build(session, definitionId, key);
      this.graphs.set(definitionId, graph);
      graph.catch(() => this.graphs.delete(definitionId));
    }
    return graph;
  }

  /** Seeds the cache when a deploy has just built the graph. */
  remember(definitionId: string, graph: ProcessGraph): void {
    this.graphs.set(definitionId, Promise.resolve(graph));
  }

  private async build(session: SqlSession, definitionId: string, key: string): Promise<ProcessGraph> {
    const xml = await definitions.definitionXml(session, definitionId);
    if (xml === undefined) throw new NotFoundError('process-definition', definitionId);
    const model = await loadModel(xml);
    const graph = model.processes.find((process) => process.id === key);
    if (!graph) throw new NotFoundError('process-definition', `${definitionId} (${key})`);
    return graph;
  }
}
