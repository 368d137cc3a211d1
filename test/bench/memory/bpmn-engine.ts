/**
 * For reference: what one waiting instance costs bpmn-engine, which keeps every running instance
 * in memory. `held` instances are started and left waiting at their first user task; the heap
 * growth over a warmed-up baseline, divided by `held`, is extrapolated to 10,000 by the report.
 */
import { Engine } from 'bpmn-engine';
import type { BenchModel } from '../models.js';
import { bpmnEngineSourceContext, silentLogger } from '../subjects/bpmn-engine-source.js';
import { settledHeap } from './heap.js';

export interface BpmnEngineHeap {
  readonly held: number;
  readonly heapBefore: number;
  readonly heapHeld: number;
  readonly bytesPerInstance: number;
}

export async function bpmnEngineHeap(model: BenchModel, held: number): Promise<BpmnEngineHeap> {
  const sourceContext = await bpmnEngineSourceContext(model.xml);
  const startWaiting = async (index: number) => {
    const engine = new Engine({ name: `held-${index}`, sourceContext, Logger: silentLogger });
    const execution = await engine.execute();
    if (!execution.getPostponed().some((activity) => activity.type === 'bpmn:UserTask')) throw new Error('instance is not waiting at a user task');
    return engine;
  };
  // Warm up (module state, JIT), then drop the engines before the baseline.
  for (const engine of await Promise.all(Array.from({ length: 20 }, (_, index) => startWaiting(-1 - index)))) await engine.stop();
  const before = await settledHeap();
  const engines: Engine[] = [];
  for (let index = 0; index < held; index++) engines.push(await startWaiting(index));
  const after = await settledHeap();
  const result = {
    held: engines.length,
    heapBefore: before.heapUsed,
    heapHeld: after.heapUsed,
    bytesPerInstance: (after.heapUsed - before.heapUsed) / engines.length,
  };
  for (const engine of engines) await engine.stop();
  return result;
}
