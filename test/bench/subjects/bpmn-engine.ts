/**
 * bpmn-engine (in memory, no persistence) driven like motcua: one Engine per instance, and per
 * step "find the open user task, claim it, complete it" — three separate turns of the event loop,
 * standing for three requests, so the 16 instances in flight really interleave. Claiming has no
 * counterpart in bpmn-engine; completing is signalling the waiting user task.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { Engine } from 'bpmn-engine';
import type { SerializableContext } from 'moddle-context-serializer';
import type { BenchModel } from '../models.js';
import { warmThenMeasure, type Throughput } from '../drive.js';
import { bpmnEngineSourceContext, silentLogger } from './bpmn-engine-source.js';

async function driveOne(sourceContext: SerializableContext, model: BenchModel, index: number): Promise<number> {
  const engine = new Engine({ name: `bench-${index}`, sourceContext, Logger: silentLogger });
  const ended = engine.waitFor('end');
  const execution = await engine.execute();
  let completed = 0;
  for (;;) {
    await nextTurn(); // query
    const task = execution.getPostponed().find((activity) => activity.type === 'bpmn:UserTask');
    if (!task) break;
    if (completed >= model.tasksPerInstance) throw new Error(`instance ${index} still has open tasks after ${completed} completions`);
    await nextTurn(); // claim
    await nextTurn(); // complete
    task.signal({ userId: `officer-${index % 16}` });
    completed++;
  }
  await ended;
  if (completed !== model.tasksPerInstance) throw new Error(`instance ${index} ran out of tasks after ${completed} of ${model.tasksPerInstance}`);
  return completed;
}

export async function benchBpmnEngine(model: BenchModel, instances: number, warmup: number): Promise<Throughput> {
  const sourceContext = await bpmnEngineSourceContext(model.xml);
  return warmThenMeasure(warmup, instances, (index) => driveOne(sourceContext, model, index));
}
