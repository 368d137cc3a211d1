/** The JS heap in use after full garbage collections (the process must run with --expose-gc). */
import { setImmediate as nextTurn } from 'node:timers/promises';

export async function settledHeap(): Promise<{ heapUsed: number; rss: number }> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('global.gc is missing: run node with --expose-gc');
  for (let round = 0; round < 4; round++) {
    gc();
    await nextTurn();
  }
  const { heapUsed, rss } = process.memoryUsage();
  return { heapUsed, rss };
}
