/** Formats the results as the table the team reads: figures per model, tracked ratios, memory. */
import type { Subject } from './config.js';
import type { Throughput } from './drive.js';
import { MODEL_NAMES, type ModelName } from './models.js';
import type { MotcuaThroughput } from './subjects/motcua.js';
import type { MotcuaHeap } from './memory/motcua.js';
import type { BpmnEngineHeap } from './memory/bpmn-engine.js';

/** A measurement, or why there is none (skipped, or the job failed). */
export type Cell<T> = { readonly ok: T } | { readonly missing: string };

export interface BenchResults {
  readonly header: readonly string[];
  readonly throughput: Map<ModelName, Map<Subject, Cell<Throughput | MotcuaThroughput>>>;
  motcuaHeap?: Cell<MotcuaHeap>;
  bpmnEngineHeap?: Cell<BpmnEngineHeap>;
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

export function formatReport(results: BenchResults): string {
  const lines = [...results.header, ''];
  for (const model of MODEL_NAMES) {
    const cells = results.throughput.get(model);
    if (cells && cells.size > 0) lines.push(...throughputLines(model, cells), '');
  }
  const memory = memoryLines(results);
  if (memory.length > 0) lines.push(...memory, '');
  if (results.notes.length > 0) lines.push('Notes', ...results.notes.map((note) => `  - ${note}`), '');
  lines.push('PASS/MISS is information only: the bench reports and always exits 0.');
  return lines.join('\n');
}
