/**
 * Runs one measurement in a process of its own, so no measurement inherits another's heap, pools
 * or JIT state. Started by spawn.ts with the job as JSON; prints the result on one line.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RESULT_PREFIX, type Job, type JobResult } from './jobs.js';
import { loadBenchModel } from './models.js';
import { benchMotcua } from './subjects/motcua.js';
import { benchBpmnEngine } from './subjects/bpmn-engine.js';
import { benchCeiling } from './subjects/ceiling.js';
import { motcuaHeap } from './memory/motcua.js';
import { bpmnEngineHeap } from './memory/bpmn-engine.js';
import { armTimers, timerLatency, timerNode } from './subjects/timers.js';
import { benchHttpApi } from './subjects/http-api.js';

/** A SQLite file in a temporary directory of its own, removed afterwards. */
async function withSqliteFile<T>(work: (url: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'motcua-bench-'));
  try {
    return await work(`sqlite:${path.join(dir, 'bench.sqlite')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function needUrl(job: { databaseUrl?: string }): string {
  if (!job.databaseUrl) throw new Error('this job needs a databaseUrl');
  return job.databaseUrl;
}

async function run(job: Job): Promise<JobResult> {
  switch (job.kind) {
    case 'timers-arm':
      return armTimers(job.databaseUrl, job.count, job.dueAt);
    case 'timers-node':
      return timerNode(job.databaseUrl, job.signalDir, job.node, job.pollMs);
    case 'timers-latency':
      return timerLatency(job.databaseUrl, job.count, job.leadMs, job.spacingMs);
    case 'http-api':
      return benchHttpApi(needUrl(job), job.tasks, job.officers, job.rounds);
  }
  const model = loadBenchModel(job.model);
  switch (job.kind) {
    case 'motcua-heap':
      return withSqliteFile((url) => motcuaHeap(url, model, job.warmup, job.small, job.large));
    case 'bpmn-engine-heap':
      return bpmnEngineHeap(model, job.held);
    case 'throughput':
      switch (job.subject) {
        case 'motcua-sqlite':
          return withSqliteFile((url) => benchMotcua(url, model, job.instances, job.warmup));
        case 'motcua-postgres':
          return benchMotcua(needUrl(job), model, job.instances, job.warmup);
        case 'bpmn-engine':
          return benchBpmnEngine(model, job.instances, job.warmup);
        case 'pg-ceiling':
          return benchCeiling(needUrl(job), model, job.instances, job.warmup);
      }
  }
}

const job = JSON.parse(process.argv[2] ?? 'null') as Job;
const result = await run(job);
process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`);
