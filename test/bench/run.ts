/**
 * `npm run bench`: motcua (SQLite file, PostgreSQL) against bpmn-engine (in memory) and a bare-SQL
 * ceiling on both models, then memory per waiting instance, then timers (one node and a cluster of
 * three on PostgreSQL); prints one table and exits 0.
 * BENCH_QUICK=1 shrinks every size for a smoke test; BENCH_ONLY=sqlite,postgres,... picks parts.
 * Each measurement runs in a child process (child.ts); this process only orchestrates.
 */
import os from 'node:os';
import { CONCURRENCY, HTTP, MEMORY, MODELER, POSTGRES_ADMIN_URL, QUICK, instancesFor, selectedParts, warmupFor, type Part, type Subject } from './config.js';
import type { Throughput } from './drive.js';
import type { Job, JobResult } from './jobs.js';
import { MODEL_NAMES, type ModelName } from './models.js';
import { createBenchDatabase, postgresProblem } from './postgres.js';
import { formatReport, type BenchResults, type Cell } from './report.js';
import { runJob } from './spawn.js';
import { benchTimers } from './timers.js';
import type { HttpApiResult } from './subjects/http-api.js';
import { benchModeler } from './modeler/bench-modeler.js';

const SUBJECT_PART: Record<Subject, Part> = {
  'motcua-sqlite': 'sqlite',
  'motcua-postgres': 'postgres',
  'bpmn-engine': 'bpmn-engine',
  'pg-ceiling': 'ceiling',
};
const NEEDS_POSTGRES: ReadonlySet<Subject> = new Set(['motcua-postgres', 'pg-ceiling']);

const parts = selectedParts();
const load = () => os.loadavg().map((value) => value.toFixed(2)).join(' ');
const results: BenchResults = {
  header: [
    `motcua bench — ${new Date().toISOString()}, Node ${process.version}, ${os.cpus().length} CPUs, load at start ${load()}`,
    `${QUICK ? 'QUICK (smoke test) run' : 'full run'}; parts: ${parts.join(', ')}; ${CONCURRENCY} instances in flight, untimed warm-up of ${warmupFor()} instances per measurement`,
  ],
  throughput: new Map(),
  notes: [],
};

function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

async function measure<T extends JobResult>(label: string, job: Job, databaseLabel?: string): Promise<Cell<T>> {
  const started = performance.now();
  log(`${label} …`);
  const database = databaseLabel ? await createBenchDatabase(POSTGRES_ADMIN_URL, databaseLabel) : undefined;
  try {
    const { result, stderr } = await runJob<T>(database ? ({ ...job, databaseUrl: database.url } as Job) : job);
    if (stderr) results.notes.push(`${label} wrote to stderr: ${stderr.split('\n').slice(0, 3).join(' | ')}`);
    log(`${label} done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return { ok: result };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log(`${label} FAILED: ${message}`);
    return { missing: `failed: ${message.replace(/\s*\n\s*/g, ' | ')}` };
  } finally {
    await database?.drop().catch((error: unknown) => results.notes.push(`could not drop a bench database: ${String(error)}`));
  }
}

const wantsPostgres = parts.includes('postgres') || parts.includes('ceiling') || parts.includes('timers') || parts.includes('http');
const pgProblem = wantsPostgres ? await postgresProblem(POSTGRES_ADMIN_URL) : null;
if (pgProblem) {
  const message = `PostgreSQL at ${POSTGRES_ADMIN_URL} is unreachable (${pgProblem}): the PostgreSQL parts are skipped`;
  log(message);
  results.notes.push(message);
}

for (const model of MODEL_NAMES) {
  const cells = new Map<Subject, Cell<Throughput>>();
  results.throughput.set(model, cells);
  for (const subject of Object.keys(SUBJECT_PART) as Subject[]) {
    if (!parts.includes(SUBJECT_PART[subject])) continue;
    if (NEEDS_POSTGRES.has(subject) && pgProblem) {
      cells.set(subject, { missing: 'skipped: PostgreSQL unreachable' });
      continue;
    }
    const job: Job = { kind: 'throughput', subject, model, instances: instancesFor(subject, model), warmup: warmupFor() };
    cells.set(subject, await measure(`${subject} ${model}`, job, NEEDS_POSTGRES.has(subject) ? `${subject}_${model}` : undefined));
  }
}

if (parts.includes('memory')) {
  const model: ModelName = 'sequential-10';
  results.motcuaHeap = await measure('motcua-sqlite heap', { kind: 'motcua-heap', model, warmup: MEMORY.warmup, small: MEMORY.small, large: MEMORY.large });
  results.bpmnEngineHeap = await measure('bpmn-engine heap', { kind: 'bpmn-engine-heap', model, held: MEMORY.held });
}

if (parts.includes('timers')) {
  results.timers = pgProblem ? { missing: 'skipped: PostgreSQL unreachable' } : { ok: await benchTimers(log) };
}

if (parts.includes('http')) {
  results.http = pgProblem
    ? { missing: 'skipped: PostgreSQL unreachable' }
    : await measure<HttpApiResult>('http api', { kind: 'http-api', tasks: HTTP.tasks, officers: HTTP.officers, rounds: HTTP.rounds }, 'http_api');
}

if (parts.includes('modeler')) {
  log('modeler …');
  try {
    results.modeler = { ok: await benchModeler(MODELER.waiting, log) };
  } catch (error) {
    results.modeler = { missing: `failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}` };
  }
}

results.notes.push(`load at end ${load()} (other work on this machine makes figures noisy)`);
process.stdout.write(`${formatReport(results)}\n`);
