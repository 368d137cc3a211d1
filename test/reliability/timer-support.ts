/**
 * What the timer reliability tests share: a model whose instances all wait for one timer due at a
 * given instant, a database several engines (or processes) can open, and a count of what fired
 * read straight from the tables, so that 2,000 instances are checked in one query each.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { QueryTypes } from 'sequelize';
import type { Engine } from '../../engine/index.js';
import { onPostgres, testDatabase, type TestDatabase } from '../support/test-engine.js';

export const TIMER_KEY = 'reliability_timer';
export const TIMER_ELEMENT = 'wait';

/** start → timer catch at `${dueAt}` (timeDate) → end. */
export const TIMER_XML = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="defs" targetNamespace="http://motcua.vn/test">
  <bpmn:process id="${TIMER_KEY}" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="${TIMER_ELEMENT}" />
    <bpmn:intermediateCatchEvent id="${TIMER_ELEMENT}">
      <bpmn:timerEventDefinition><bpmn:timeDate xsi:type="bpmn:tFormalExpression">\${dueAt}</bpmn:timeDate></bpmn:timerEventDefinition>
    </bpmn:intermediateCatchEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="${TIMER_ELEMENT}" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>`;

/**
 * A database several engines share: on PostgreSQL a fresh one from testDatabase(); on SQLite one
 * file in a temporary directory (an in-memory database belongs to one connection).
 */
export async function sharedDatabase(label: string): Promise<TestDatabase> {
  if (onPostgres()) return testDatabase();
  const directory = mkdtempSync(path.join(tmpdir(), `motcua-${label}-`));
  return {
    url: `sqlite:${path.join(directory, `${label}.sqlite`)}`,
    drop: async () => rmSync(directory, { recursive: true, force: true }),
  };
}

/** Starts `count` instances whose timer is due at `dueAt`, `parallel` calls at a time; returns their ids. */
export async function startTimerInstances(engine: Engine, count: number, dueAt: Date, parallel = 8): Promise<string[]> {
  const ids: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next++;
      const { id } = await engine.startProcess(TIMER_KEY, { variables: { dueAt: dueAt.toISOString() } });
      ids.push(id);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return ids;
}

async function count(engine: Engine, sql: string): Promise<number> {
  const [row] = await engine.sequelize.query<{ n: number | string }>(sql, { type: QueryTypes.SELECT });
  return Number(row?.n ?? 0);
}

/** How many timer firings the history holds (one `completed` row of the timer element per firing). */
export function timerFirings(engine: Engine): Promise<number> {
  return count(engine, `SELECT COUNT(*) AS n FROM history WHERE element_id = '${TIMER_ELEMENT}' AND event = 'completed'`);
}

export interface TimerOutcome {
  /** `completed` rows of the timer element in the history. */
  readonly firings: number;
  /** Instances with exactly one such row. */
  readonly firedOnce: number;
  /** Instances with more than one (a timer fired twice). */
  readonly firedTwiceOrMore: number;
  /** Instances in state `completed`. */
  readonly completedInstances: number;
  /** Instances whose own `completed` event is in the history. */
  readonly completedInHistory: number;
  readonly jobsLeft: number;
  readonly incidents: number;
}

/** Everything the tests assert after the timers ran, in a handful of queries. */
export async function timerOutcome(engine: Engine): Promise<TimerOutcome> {
  const perInstance = `SELECT instance_id, COUNT(*) AS c FROM history
    WHERE element_id = '${TIMER_ELEMENT}' AND event = 'completed' GROUP BY instance_id`;
  return {
    firings: await timerFirings(engine),
    firedOnce: await count(engine, `SELECT COUNT(*) AS n FROM (${perInstance}) AS fired WHERE c = 1`),
    firedTwiceOrMore: await count(engine, `SELECT COUNT(*) AS n FROM (${perInstance}) AS fired WHERE c > 1`),
    completedInstances: await count(engine, `SELECT COUNT(*) AS n FROM process_instances WHERE state = 'completed'`),
    completedInHistory: await count(
      engine,
      `SELECT COUNT(*) AS n FROM history WHERE element_type = 'process' AND element_id = '${TIMER_KEY}' AND event = 'completed'`,
    ),
    jobsLeft: (await engine.queryJobs()).length,
    incidents: (await engine.listIncidents()).length,
  };
}

/** What a run of `count` timers must end with: each fired exactly once, every instance completed, nothing left. */
export const allFiredOnce = (total: number): TimerOutcome => ({
  firings: total,
  firedOnce: total,
  firedTwiceOrMore: 0,
  completedInstances: total,
  completedInHistory: total,
  jobsLeft: 0,
  incidents: 0,
});

/** Resolves when `done()` holds, checking every `everyMs`; rejects after `timeoutMs`. */
export async function waitFor(done: () => Promise<boolean>, timeoutMs: number, everyMs = 25): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await done()) return;
    if (Date.now() > deadline) throw new Error(`not done after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** A clock that runs with real time (so leases expire) and can jump ahead (so timers fall due at once). */
export class RunningClock {
  private offset: number;
  constructor(start = new Date('2026-03-02T02:00:00.000Z')) {
    this.offset = start.getTime() - Date.now();
  }
  now = (): Date => new Date(Date.now() + this.offset);
  advance(milliseconds: number): void {
    this.offset += milliseconds;
  }
}

/** How many job rows have been leased more than once (a lease expired and the job was taken again). */
export function jobsLeasedAgain(engine: Engine): Promise<number> {
  return count(engine, 'SELECT COUNT(*) AS n FROM jobs WHERE version > 1');
}

/** The system clock, which a test can stop at an instant and let run again. */
export class PausableClock {
  private frozen: Date | null = null;
  now = (): Date => new Date(this.frozen ? this.frozen.getTime() : Date.now());
  freeze(at: Date): void {
    this.frozen = new Date(at.getTime());
  }
  resume(): void {
    this.frozen = null;
  }
}
