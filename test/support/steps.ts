/** Small steps the feature tests share. */
import type { Engine, Task } from '../../engine/index.js';

/** The element ids of the instance's open tasks, sorted. */
export async function openTaskElements(engine: Engine, processInstanceId: string): Promise<string[]> {
  return (await engine.queryTasks({ processInstanceId })).map((task) => task.elementId).sort();
}

/** The one open task at an element; fails when there is not exactly one. */
export async function theTask(engine: Engine, processInstanceId: string, elementId: string): Promise<Task> {
  const tasks = await engine.queryTasks({ processInstanceId, elementId });
  if (tasks.length !== 1) throw new Error(`expected one open task at ${elementId}, found ${tasks.length}`);
  return tasks[0]!;
}

/** Completes the one open task at an element. */
export async function complete(
  engine: Engine,
  processInstanceId: string,
  elementId: string,
  variables?: Record<string, unknown>,
): Promise<void> {
  const task = await theTask(engine, processInstanceId, elementId);
  await engine.completeTask(task.id, variables ? { variables } : {});
}
