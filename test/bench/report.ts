/** Formats the results as the table the team reads: figures per model, tracked ratios, memory. */
import type { Subject } from './config.js';
import type { Throughput } from './drive.js';
import { MODEL_NAMES, type ModelName } from './models.js';
import type { MotcuaThroughput } from './subjects/motcua.js';
import type { MotcuaHeap } from './memory/motcua.js';
import type { BpmnEngineHeap } from './memory/bpmn-engine.js';
import type { TimersResults } from './timers.js';
import type { HttpApiResult } from './subjects/http-api.js';
import { median, type ModelerBenchResult } from './modeler/bench-modeler.js';

/** A measurement, or why there is none (skipped, or the job failed). */
export type Cell<T> = { readonly ok: T } | { readonly missing: string };

export interface BenchResults {
  readonly header: readonly string[];
  readonly throughput: Map<ModelName, Map<Subject, Cell<Throughput | MotcuaThroughput>>>;
  motcuaHeap?: Cell<MotcuaHeap>;
  bpmnEngineHeap?: Cell<BpmnEngineHeap>;
  timers?: Cell<TimersResults>;
  http?: Cell<HttpApiResult>;
  modeler?: Cell<ModelerBenchResult>;
  readonly notes: string[];
}

const SUBJECTS: readonly Subject[] = ['motcua-sqlite', 'motcua-postgres', 'bpmn-engine', 'pg-ceiling'];

const MODEL_TITLES: Record<ModelName, string> = {
  'sequential-10': 'start → 10 user tasks in sequence → end; 10 completions per instance',
  'parallel-3': 'start → task → fork of 3 tasks → join → task → end; 5 completions per instance',
};

/** The ratios the team tracks, on task completions per second. */
const RATIOS: readonly { over: Subject; under: Subject; target: number }[] = [
  { over: 'motcua-postgres', under: 'bpmn-engine', target: 1 },
  { over: 'motcua-postgres', under: 'pg-ceiling', target: 0.5 },
  { over: 'motcua-sqlite', under: 'bpmn-engine', target: 2 },
];

/** Heap growth per waiting instance that still counts as "no growth" (measurement noise). */
export const HEAP_TARGET_BYTES = 50;

function table(rows: readonly (readonly string[])[], rightAligned: (column: number) => boolean): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  return rows.map((row) =>
    row
      .map((cell, column) => (rightAligned(column) ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!)))
      .join('  ')
      .trimEnd(),
  );
}

const fixed = (value: number, digits = 1) => value.toFixed(digits);
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const verdict = (pass: boolean) => (pass ? 'PASS' : 'MISS');

function throughputLines(model: ModelName, cells: Map<Subject, Cell<Throughput | MotcuaThroughput>>): string[] {
  const rows: string[][] = [['subject', 'instances', 'tasks', 'failed', 'seconds', 'instances/s', 'tasks/s']];
  const problems: string[] = [];
  const skipped: string[] = [];
  for (const subject of SUBJECTS) {
    const cell = cells.get(subject);
    if (!cell) continue;
    if ('missing' in cell) {
      rows.push([subject, '-', '-', '-', '-', '-', '-']);
      (cell.missing.startsWith('skipped') ? skipped : problems).push(`${subject}: ${cell.missing}`);
      continue;
    }
    const r = cell.ok;
    rows.push([subject, String(r.instances), String(r.tasks), String(r.failed), fixed(r.seconds, 2), fixed(r.instancesPerSecond), fixed(r.tasksPerSecond)]);
    for (const error of r.errors) problems.push(`${subject}: ${error}`);
    if ('notCompleted' in r && r.notCompleted > 0) problems.push(`${subject}: ${r.notCompleted} driven instances are not 'completed' when read back`);
  }
  const lines = [`Model ${model} (${MODEL_TITLES[model]})`, ...table(rows, (column) => column > 0).map((line) => `  ${line}`)];
  const ratioRows: string[][] = [['ratio (tasks/s)', 'value', 'target', '']];
  for (const { over, under, target } of RATIOS) {
    const a = cells.get(over);
    const b = cells.get(under);
    if (!a || !b) continue;
    if ('missing' in a || 'missing' in b || b.ok.tasksPerSecond === 0) {
      ratioRows.push([`${over} / ${under}`, 'n/a', `≥ ${target}`, '']);
      continue;
    }
    const value = a.ok.tasksPerSecond / b.ok.tasksPerSecond;
    ratioRows.push([`${over} / ${under}`, fixed(value, 2), `≥ ${target}`, verdict(value >= target)]);
  }
  if (ratioRows.length > 1) lines.push('', ...table(ratioRows, (column) => column === 1).map((line) => `  ${line}`));
  if (skipped.length > 0) lines.push('', '  skipped:', ...skipped.map((skip) => `    - ${skip}`));
  if (problems.length > 0) lines.push('', '  problems:', ...problems.map((problem) => `    - ${problem}`));
  return lines;
}

function memoryLines(results: BenchResults): string[] {
  const lines: string[] = [];
  const motcua = results.motcuaHeap;
  const reference = results.bpmnEngineHeap;
  if (!motcua && !reference) return lines;
  lines.push('Memory (instances of sequential-10 waiting at their first user task; heapUsed after global.gc())');
  if (motcua && 'ok' in motcua) lines.push(`  motcua first started and terminated ${motcua.ok.warmup} instances (warm-up, nothing left waiting)`);
  if (motcua && 'missing' in motcua) lines.push(`  motcua-sqlite: ${motcua.missing}`);
  if (motcua && 'ok' in motcua) {
    const m = motcua.ok;
    const rows = [
      ['', 'waiting', 'heapUsed', 'rss'],
      ['motcua-sqlite', m.small.toLocaleString('en'), mib(m.heapSmall), mib(m.rssSmall)],
      ['motcua-sqlite', m.large.toLocaleString('en'), mib(m.heapLarge), mib(m.rssLarge)],
    ];
    lines.push(...table(rows, (column) => column > 0).map((line) => `  ${line}`));
    lines.push(
      `  heap growth per waiting instance: ${fixed(m.bytesPerInstance)} B (${mib(m.heapLarge - m.heapSmall)} for ${(m.large - m.small).toLocaleString('en')} more)` +
        `   target ≤ ${HEAP_TARGET_BYTES} B  ${verdict(m.bytesPerInstance <= HEAP_TARGET_BYTES)}`,
    );
    if (m.failed > 0 || m.errors.length > 0) lines.push(`  problems: ${m.failed} failed starts; ${m.errors.join('; ')}`);
  }
  if (reference && 'missing' in reference) lines.push(`  bpmn-engine: ${reference.missing}`);
  if (reference && 'ok' in reference) {
    const r = reference.ok;
    lines.push(
      `  bpmn-engine (reference): ${fixed(r.bytesPerInstance / 1024)} KiB per waiting instance (${r.held} held)` +
        ` → about ${mib(r.bytesPerInstance * 10_000)} for 10,000`,
    );
  }
  return lines;
}

const seconds = (ms: number) => fixed(ms / 1000, 2);

function timersLines(cell: Cell<TimersResults>): string[] {
  const lines = ['Timers on PostgreSQL (start → timer catch → end; executor defaults: batches of 50, 4 firings at once, poll 1 s)'];
  if ('missing' in cell) return [...lines, `  ${cell.missing}`];
  const { throughput, latency } = cell.ok;
  const rows: string[][] = [['nodes', 'timers', 'firings', 'per node', 'seconds', 'timers/s', 'since start p50 / p95 / max (s)']];
  const problems: string[] = [];
  for (const [nodes, result] of throughput) {
    const label = nodes === 1 ? '1 process' : `${nodes} processes`;
    if ('missing' in result) {
      rows.push([label, '-', '-', '-', '-', '-', '-']);
      problems.push(`${label}: ${result.missing}`);
      continue;
    }
    const r = result.ok;
    rows.push([
      label,
      String(r.timers),
      String(r.firings),
      r.perNode.join(' + '),
      fixed(r.seconds, 2),
      fixed(r.timersPerSecond),
      `${seconds(r.p50)} / ${seconds(r.p95)} / ${seconds(r.max)}`,
    ]);
    problems.push(...r.problems.map((problem) => `${label}: ${problem}`));
    if (r.lateMs > 0) problems.push(`${label}: a node was ready ${r.lateMs} ms after the common start (figures include it)`);
  }
  lines.push(`  all timers due at once before the nodes start; seconds = start → last firing`);
  lines.push(...table(rows, (column) => column > 0).map((line) => `  ${line}`));
  const one = throughput.get(1);
  const three = throughput.get(3);
  if (one && three && 'ok' in one && 'ok' in three && one.ok.timersPerSecond > 0) {
    lines.push(`  three nodes / one node: ${fixed(three.ok.timersPerSecond / one.ok.timersPerSecond, 2)}× (2 cores shared with PostgreSQL)`);
  }
  if ('missing' in latency) problems.push(`latency: ${latency.missing}`);
  else {
    const l = latency.ok;
    lines.push(
      `  latency due → fired, 1 node polling every ${l.pollMs} ms, ${l.timers} timers due one every ${l.spacingMs} ms:` +
        ` p50 ${Math.round(l.p50)} ms, p95 ${Math.round(l.p95)} ms, max ${Math.round(l.max)} ms (min ${Math.round(l.min)} ms)`,
    );
    if (l.fired !== l.timers) problems.push(`latency: ${l.fired} of ${l.timers} timers fired`);
    if (l.armedLateMs > 0) problems.push(`latency: arming ended ${l.armedLateMs} ms after the first timer was due`);
  }
  if (problems.length > 0) lines.push('', '  problems:', ...problems.map((problem) => `    - ${problem}`));
  return lines;
}

/** Target: the API does at least half the library's claim+complete work per second. */
const HTTP_TARGET = 0.5;

function httpLines(cell: Cell<HttpApiResult>): string[] {
  const lines = ['HTTP API overhead (PostgreSQL): claim + complete per task, officers working at once'];
  if ('missing' in cell) return [...lines, `  ${cell.missing}`];
  const { api, library, ratios, officers, clientCpuMsPerTask, serverCpuMsPerTask, failures } = cell.ok;
  const rows = [
    ['through', 'tasks', 'seconds', 'tasks/s', 'p50 ms', 'p99 ms'],
    ...([['HTTP API', api], ['engine library', library]] as const).map(([label, w]) => [
      label,
      String(w.tasks),
      fixed(w.seconds, 1),
      fixed(w.tasksPerSecond),
      fixed(w.p50, 1),
      fixed(w.p99, 1),
    ]),
  ];
  lines.push(`  ${officers} officers, each with their own token; the same database and process for both`);
  lines.push(`  ${ratios.length} timed round(s) each way after an untimed one, alternating; the figures are the rounds together`);
  lines.push(...table(rows, (column) => column > 0).map((line) => `  ${line}`));
  const ratio = library.tasksPerSecond > 0 ? api.tasksPerSecond / library.tasksPerSecond : 0;
  lines.push(`  HTTP / library: ${fixed(ratio, 2)} (target ≥ ${HTTP_TARGET}: ${ratio >= HTTP_TARGET ? 'PASS' : 'MISS'}); round by round: ${ratios.map((value) => fixed(value, 2)).join(', ')}`);
  lines.push(
    `  server CPU per task: ${fixed(serverCpuMsPerTask.api, 2)} ms over HTTP, ${fixed(serverCpuMsPerTask.library, 2)} ms through the library;` +
      ` the officers' own process ${fixed(clientCpuMsPerTask, 2)} ms, on the same cores`,
  );
  lines.push(`  floor: two GET /health per task (no authentication, no database) cost the server ${fixed(serverCpuMsPerTask.floor, 2)} ms of CPU per task`);
  if (failures.length > 0) lines.push('  problems:', ...failures.map((failure) => `    - ${failure}`));
  return lines;
}

function modelerLines(cell: Cell<ModelerBenchResult>): string[] {
  if ('missing' in cell) return ['Modeler (headless Chromium)', `  ${cell.missing}`];
  const r = cell.ok;
  const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
  const ms = (values: readonly number[]) => `${median(values).toFixed(0)} ms (runs: ${values.map((v) => v.toFixed(0)).join(', ')})`;
  return [
    'Modeler (headless Chromium)',
    `  bundle: app.js ${kib(r.bundle.js)} (gzip ${kib(r.bundle.jsGzip)}), app.css ${kib(r.bundle.css)} (gzip ${kib(r.bundle.cssGzip)}); total gzip ${kib(r.bundle.jsGzip + r.bundle.cssGzip)}`,
    `  open a ${r.diagramElements}-element diagram in the editor: median ${ms(r.openMs)}`,
    `  monitoring view with ${r.waiting.toLocaleString('en-US')} waiting instances, to the badge: median ${ms(r.monitorMs)}`,
    `  its statistics request alone: median ${ms(r.statisticsMs)}`,
  ];
}

export function formatReport(results: BenchResults): string {
  const lines = [...results.header, ''];
  for (const model of MODEL_NAMES) {
    const cells = results.throughput.get(model);
    if (cells && cells.size > 0) lines.push(...throughputLines(model, cells), '');
  }
  const memory = memoryLines(results);
  if (memory.length > 0) lines.push(...memory, '');
  if (results.timers) lines.push(...timersLines(results.timers), '');
  if (results.http) lines.push(...httpLines(results.http), '');
  if (results.modeler) lines.push(...modelerLines(results.modeler), '');
  if (results.notes.length > 0) lines.push('Notes', ...results.notes.map((note) => `  - ${note}`), '');
  lines.push('PASS/MISS is information only: the bench reports and always exits 0.');
  return lines.join('\n');
}
