/**
 * Working-time arithmetic (DOMAIN.md "Deadlines: working time"). Instants are Dates (UTC); every
 * rule is about the local wall clock in the configured fixed-offset zone (config.ts).
 *
 * - A working day is a date whose holiday entry is a swapped working day, or, with no entry, whose
 *   weekday is a working weekday; public holidays and substitute days off are never working days.
 * - Working time is the half-open periods [start, end) of working days: 11:30 itself is not working
 *   time, so nextWorkingInstant(11:30) is 13:30.
 * - addWorkingHours(t, h) counts h hours (h ≥ 0, fractional allowed, rounded to the millisecond)
 *   only inside working time, starting at nextWorkingInstant(t) — or at t itself when t is exactly
 *   a period's end. DECISION: a result that lands exactly on a period's end is returned as that end
 *   (a 4.5 h step started at 07:00 is due at 11:30, not 13:30), so results lie in the closed periods
 *   [start, end] of working days. add(add(t, a), b) = add(t, a + b) holds for a, b ≥ 0.
 * - addWorkingDays(t, d) = addWorkingHours(t, d × workingDayHours).
 * - workingHoursBetween(a, b) is the working time in [a, b] in hours. DECISION: when b < a it is
 *   negative, −workingHoursBetween(b, a) (how late a finished step was, or how far a due date is
 *   overdue). The *Millis variants give the exact integer milliseconds.
 * - receiptStart(t): received on a working day strictly after the receipt cut-off (15:00) → the
 *   first period of the next working day; otherwise nextWorkingInstant(t).
 * - calendarDaysDue(t, n): the local date of t plus n calendar days; if that is no working day, the
 *   next working day; the due instant is the end of that day's last working period (17:00).
 *
 * Exact arithmetic: everything is integer milliseconds. Walks go day by day and give up with an
 * error after 3,660 consecutive days without a working day (a table that closes every day).
 */
import { InvalidInputError } from '../errors.js';
import { validateWorkingTimeConfig, type WorkingTimeConfig } from './config.js';
import { isDayOffEntry, type HolidayCalendar } from './holidays.js';
import { MS_PER_DAY, MS_PER_HOUR, formatLocalDate, isoWeekday, parseLocalDate } from './local-date.js';

const MAX_IDLE_DAYS = 3660;

export interface WorkingCalendar {
  readonly config: WorkingTimeConfig;
  /** A Date means the local date it falls on; a text is a local date 'YYYY-MM-DD'. */
  isWorkingDay(date: Date | string): boolean;
  /** Whether the instant is inside a working period [start, end) of a working day. */
  isWorkingTime(instant: Date): boolean;
  nextWorkingInstant(instant: Date): Date;
  addWorkingHours(instant: Date, hours: number): Date;
  addWorkingMillis(instant: Date, millis: number): Date;
  addWorkingDays(instant: Date, days: number): Date;
  workingHoursBetween(a: Date, b: Date): number;
  workingMillisBetween(a: Date, b: Date): number;
  receiptStart(instant: Date): Date;
  calendarDaysDue(instant: Date, days: number): Date;
}

function localMs(instant: Date, offsetMs: number, field: string): number {
  const ms = instant instanceof Date ? instant.getTime() : Number.NaN;
  if (Number.isNaN(ms)) throw new InvalidInputError(field, 'is not a valid Date');
  return ms + offsetMs;
}

function nonNegative(value: number, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new InvalidInputError(field, `${String(value)} is not a finite number ≥ 0`);
  }
  return value;
}

export function createWorkingCalendar(config: WorkingTimeConfig, holidays: HolidayCalendar): WorkingCalendar {
  const { offsetMs, periods, weekdays, dayMs, cutoffMs } = validateWorkingTimeConfig(config);
  const lastEnd = periods[periods.length - 1]!.end;
  const toDate = (local: number) => new Date(local - offsetMs);

  const workingDay = (day: number): boolean => {
    const entry = holidays.get(formatLocalDate(day));
    return entry ? !isDayOffEntry(entry) : weekdays.has(isoWeekday(day));
  };

  /** The first working day at or after `day`. */
  const workingDayFrom = (day: number): number => {
    for (let idle = 0; idle <= MAX_IDLE_DAYS; idle++, day++) if (workingDay(day)) return day;
    throw new Error(`no working day within ${MAX_IDLE_DAYS} days of ${formatLocalDate(day - MAX_IDLE_DAYS - 1)}`);
  };

  /** Local ms of the first working instant at or after `local` (half-open periods). */
  const nextWorking = (local: number): number => {
    let day = Math.floor(local / MS_PER_DAY);
    let offset = local - day * MS_PER_DAY;
    for (;;) {
      const next = workingDayFrom(day);
      if (next !== day) offset = 0;
      day = next;
      for (const period of periods) {
        if (offset < period.end) return day * MS_PER_DAY + Math.max(offset, period.start);
      }
      day += 1;
      offset = 0;
    }
  };

  const addMillis = (instant: Date, millis: number): Date => {
    const local = localMs(instant, offsetMs, 'instant');
    let remaining = Math.round(nonNegative(millis, 'millis'));
    let day = Math.floor(local / MS_PER_DAY);
    let offset = local - day * MS_PER_DAY;
    for (;;) {
      const next = workingDayFrom(day);
      if (next !== day) offset = 0;
      day = next;
      for (const period of periods) {
        if (offset > period.end) continue;
        offset = Math.max(offset, period.start);
        const available = period.end - offset;
        if (remaining <= available) return toDate(day * MS_PER_DAY + offset + remaining);
        remaining -= available;
        offset = period.end;
      }
      day += 1;
      offset = 0;
    }
  };

  const millisBetween = (a: Date, b: Date): number => {
    const from = localMs(a, offsetMs, 'a');
    const to = localMs(b, offsetMs, 'b');
    if (to < from) return 0 - millisBetween(b, a);
    let total = 0;
    for (let day = Math.floor(from / MS_PER_DAY); day * MS_PER_DAY < to; day++) {
      if (!workingDay(day)) continue;
      for (const period of periods) {
        const overlap = Math.min(to, day * MS_PER_DAY + period.end) - Math.max(from, day * MS_PER_DAY + period.start);
        if (overlap > 0) total += overlap;
      }
    }
    return total;
  };

  const dayOf = (date: Date | string): number => {
    if (typeof date === 'string') {
      const day = parseLocalDate(date);
      if (day === undefined) throw new InvalidInputError('date', `${JSON.stringify(date)} is not a date 'YYYY-MM-DD'`);
      return day;
    }
    return Math.floor(localMs(date, offsetMs, 'date') / MS_PER_DAY);
  };

  return Object.freeze({
    config,
    isWorkingDay: (date: Date | string) => workingDay(dayOf(date)),
    isWorkingTime: (instant: Date) => {
      const local = localMs(instant, offsetMs, 'instant');
      return nextWorking(local) === local;
    },
    nextWorkingInstant: (instant: Date) => toDate(nextWorking(localMs(instant, offsetMs, 'instant'))),
    addWorkingMillis: addMillis,
    addWorkingHours: (instant: Date, hours: number) => addMillis(instant, Math.round(nonNegative(hours, 'hours') * MS_PER_HOUR)),
    addWorkingDays: (instant: Date, days: number) => addMillis(instant, Math.round(nonNegative(days, 'days') * dayMs)),
    workingMillisBetween: millisBetween,
    workingHoursBetween: (a: Date, b: Date) => millisBetween(a, b) / MS_PER_HOUR,
    receiptStart: (instant: Date) => {
      const local = localMs(instant, offsetMs, 'instant');
      const day = Math.floor(local / MS_PER_DAY);
      if (workingDay(day) && local - day * MS_PER_DAY > cutoffMs) {
        return toDate(workingDayFrom(day + 1) * MS_PER_DAY + periods[0]!.start);
      }
      return toDate(nextWorking(local));
    },
    calendarDaysDue: (instant: Date, days: number) => {
      if (!Number.isInteger(days) || days < 0) throw new InvalidInputError('days', `${String(days)} is not a whole number ≥ 0`);
      const due = workingDayFrom(dayOf(instant) + days);
      return toDate(due * MS_PER_DAY + lastEnd);
    },
  });
}
