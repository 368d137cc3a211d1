/**
 * When a timer fires (BPMN 2.0 §10.5.6, ISO 8601 as Camunda 7 reads it): timeDate at that instant;
 * timeDuration that long after now; timeCycle R[n]/[start/]duration first at start (or after one
 * duration), then every duration, n times in all (R/ without n: for ever). With the working-time
 * marker, durations count working time: D is a working day (8 h by default), W five of them, H/M/S
 * working hours; years and months have no working-time meaning and are refused.
 */
import type { TimerDefinition } from '../model/graph.js';
import type { WorkingCalendar } from '../calendar/index.js';
import { addIsoDuration, parseIsoDate, parseIsoDuration } from '../calendar/index.js';

export interface TimerSchedule {
  readonly dueAt: Date;
  /** The rest of a cycle after this firing (e.g. R2/PT10H), or null when this is the last. */
  readonly repeat: string | null;
}

export class TimerValueError extends Error {}

const HOUR = 3_600_000;

function later(start: Date, duration: string, workingTime: boolean, calendar: WorkingCalendar, dayHours: number): Date {
  if (!workingTime) {
    const result = addIsoDuration(start, duration);
    if (!result) throw new TimerValueError(`'${duration}' is not an ISO 8601 duration`);
    return result;
  }
  const parts = parseIsoDuration(duration);
  if (!parts) throw new TimerValueError(`'${duration}' is not an ISO 8601 duration`);
  if (parts.years > 0 || parts.months > 0) throw new TimerValueError(`'${duration}': years and months cannot be counted in working time`);
  const hours = (parts.weeks * 5 + parts.days) * dayHours + parts.hours + parts.minutes / 60 + parts.seconds / 3600;
  return calendar.addWorkingMillis(start, Math.round(hours * HOUR));
}

function parseCycle(text: string): { count: number | null; start?: Date; duration: string } {
  const parts = text.split('/');
  const count = /^R(\d*)$/.exec(parts[0] ?? '');
  if (!count || parts.length < 2 || parts.length > 3) throw new TimerValueError(`'${text}' is not an ISO 8601 cycle (R[n]/[start/]duration)`);
  const start = parts.length === 3 ? parseIsoDate(parts[1]!) : undefined;
  if (parts.length === 3 && !start) throw new TimerValueError(`'${text}': '${parts[1]}' is not an ISO 8601 date-time`);
  return { count: count[1] === '' ? null : Number(count[1]), start, duration: parts[parts.length - 1]! };
}

function rest(count: number | null, duration: string): string | null {
  if (count === null) return `R/${duration}`;
  return count > 1 ? `R${count - 1}/${duration}` : null;
}

/** The first firing of a timer whose expression gave `value`, counted from `now`. */
export function firstFiring(
  timer: TimerDefinition,
  value: unknown,
  now: Date,
  calendar: WorkingCalendar,
  dayHours: number,
): TimerSchedule {
  if (timer.kind === 'date') {
    const dueAt = value instanceof Date ? value : typeof value === 'string' ? parseIsoDate(value.trim()) : undefined;
    if (!dueAt || Number.isNaN(dueAt.getTime())) throw new TimerValueError(`timeDate gave ${JSON.stringify(value)}, not an ISO 8601 date-time`);
    return { dueAt, repeat: null };
  }
  if (typeof value !== 'string') throw new TimerValueError(`the timer gave ${JSON.stringify(value)}, not ISO 8601 text`);
  const text = value.trim();
  if (timer.kind === 'duration') return { dueAt: later(now, text, timer.workingTime, calendar, dayHours), repeat: null };
  const cycle = parseCycle(text);
  if (cycle.count === 0) throw new TimerValueError(`'${text}' repeats zero times`);
  const dueAt = cycle.start ?? later(now, cycle.duration, timer.workingTime, calendar, dayHours);
  return { dueAt, repeat: rest(cycle.count, cycle.duration) };
}

/** The firing after `previous` for the rest of a cycle. */
export function nextFiring(
  repeat: string,
  previous: Date,
  workingTime: boolean,
  calendar: WorkingCalendar,
  dayHours: number,
): TimerSchedule {
  const cycle = parseCycle(repeat);
  return { dueAt: later(previous, cycle.duration, workingTime, calendar, dayHours), repeat: rest(cycle.count, cycle.duration) };
}
