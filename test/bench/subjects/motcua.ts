/**
 * motcua through its public API, as a server's request handlers would call it: start the
 * instance, then per step find its open tasks, claim the first and complete it. Each call is one
 * engine command (one transaction). Afterwards, outside the timing, every instance is read back
 * to check that it really ended.
 */
import { createEngine, type Engine } from '../../../engine/index.js';
import type { BenchModel } from '../models.js';
import { warmThenMeasure, type Throughput } from '../drive.js';

export interface MotcuaThroughput extends Throughput {
  /** Instances the driver finished but the engine does not report as completed. */
  readonly notCompleted: number;
}

async function driveOne(engine: Engine, model: BenchModel, index: number, finishedIds: string[]): Promise<number> {
  const userId = `officer-${index % 16}`;
  const { id } = await engine.startProcess(model.key, { businessKey: `bench-${index}` });
  let completed = 0;
  for (;;) {
    const open = await engine.queryTasks({ processInstanceId: id, limit: 10 });
    const task = open[0];
    if (!task) break;
    if (completed >= model.tasksPerInstance) throw new Error(`instance ${id} still has open tasks after ${completed} completions`);
    await engine.claimTask(task.id, userId);
    await engine.completeTask(task.id, { userId });
    completed++;
  }
  if (completed !== model.tasksPerInstance) {
    throw new Error(`instance ${id} ran out of tasks after ${completed} of ${model.tasksPerInstance}`);
  }
  finishedIds.push(id);
  return completed;
}

export async function benchMotcua(databaseUrl: string, model: BenchModel, instances: number, warmup: number): Promise<MotcuaThroughput> {
  const engine = await createEngine({ databaseUrl });
  try {
    await engine.deploy(model.xml, { name: `bench ${model.name}` });
    const finishedIds: string[] = [];
    const result = await warmThenMeasure(warmup, instances, (index) => driveOne(engine, model, index, index >= 0 ? finishedIds : []));
    let notCompleted = 0;
    for (const id of finishedIds) {
      if ((await engine.getProcessInstance(id)).state !== 'completed') notCompleted++;
    }
    return { ...result, notCompleted };
  } finally {
    await engine.close();
  }
}
