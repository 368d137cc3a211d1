/**
 * The working-time configuration (DOMAIN.md "Deadlines: working time", items marked cfg): working
 * periods 07:00–11:30 and 13:30–17:00, Monday to Friday, in Asia/Ho_Chi_Minh; one working day is
 * 8 working hours; a dossier received after 15:00 starts counting on the next working day.
 *
 * Time zone: only zones with one fixed offset are supported, so that wall-clock arithmetic is a plain
 * shift of the UTC instant. Asia/Ho_Chi_Minh (and its old alias Asia/Saigon) has been UTC+07:00
 * without daylight saving since 13 June 1975; earlier instants are computed at +07:00 too. Also
 * accepted: 'UTC' / 'Etc/UTC', and an explicit offset '+07:00' or 'UTC+07:00' (−14:00 to +14:00).
 *
 * Weekdays are ISO numbers: 1 = Monday … 7 = Sunday. Periods are 'HH:MM' (up to '24:00'), each with
 * start < end, in order and not overlapping (one may start where the previous one ends).
 * validateWorkingTimeConfig names the offending field in its InvalidInputError.
 */
import { InvalidInputError } from '../errors.js';
import { MS_PER_HOUR, MS_PER_MINUTE, parseClock } from './local-date.js';

export interface WorkingPeriod {
  /** 'HH:MM' local wall-clock time the period starts (inclusive). */
  readonly start: string;
  /** 'HH:MM' local wall-clock time the period ends (exclusive for "is working now"). */
  readonly end: string;
}

export interface WorkingTimeConfig {
  readonly timeZone: string;
  readonly workingPeriods: readonly WorkingPeriod[];
  /** ISO weekdays that are working days unless the holiday table says otherwise (1 = Monday). */
  readonly workingWeekdays: readonly number[];
  /** Working hours in one working day: addWorkingDays(t, n) adds n × this many working hours. */
  readonly workingDayHours: number;
  /** 'HH:MM': a dossier received on a working day after this time starts the next working day. */
  readonly receiptCutoff: string;
}

export const DEFAULT_WORKING_TIME_CONFIG: WorkingTimeConfig = Object.freeze({
  timeZone: 'Asia/Ho_Chi_Minh',
  workingPeriods: Object.freeze([
    Object.freeze({ start: '07:00', end: '11:30' }),
    Object.freeze({ start: '13:30', end: '17:00' }),
  ]),
  workingWeekdays: Object.freeze([1, 2, 3, 4, 5]),
  workingDayHours: 8,
  receiptCutoff: '15:00',
});

/** A validated configuration in milliseconds, what the calendar computes with. */
export interface ResolvedWorkingTime {
  readonly config: WorkingTimeConfig;
  /** Local time = UTC + offsetMs. */
  readonly offsetMs: number;
  /** Periods as milliseconds after local midnight, ordered. */
  readonly periods: readonly { readonly start: number; readonly end: number }[];
  readonly weekdays: ReadonlySet<number>;
  readonly dayMs: number;
  readonly cutoffMs: number;
}

const NAMED_ZONES: Readonly<Record<string, number>> = {
  'Asia/Ho_Chi_Minh': 7 * 60,
  'Asia/Saigon': 7 * 60,
  UTC: 0,
  'Etc/UTC': 0,
};
const OFFSET = /^(?:UTC)?([+-])(\d{2}):(\d{2})$/;

/** Minutes east of UTC of a supported fixed-offset zone; throws InvalidInputError('timeZone') otherwise. */
export function resolveTimeZoneOffset(timeZone: unknown): number {
  if (typeof timeZone === 'string') {
    const named = NAMED_ZONES[timeZone];
    if (named !== undefined) return named;
    const match = OFFSET.exec(timeZone);
    if (match) {
      const minutes = Number(match[2]) * 60 + Number(match[3]);
      if (Number(match[3]) < 60 && minutes <= 14 * 60) return match[1] === '-' ? -minutes : minutes;
    }
  }
  throw new InvalidInputError(
    'timeZone',
    `${JSON.stringify(timeZone)} is not a supported fixed-offset zone (use ${Object.keys(NAMED_ZONES).join(', ')} or '+HH:MM')`,
  );
}

function clock(value: unknown, field: string): number {
  const ms = parseClock(value);
  if (ms === undefined) throw new InvalidInputError(field, `${JSON.stringify(value)} is not a time 'HH:MM' between 00:00 and 24:00`);
  return ms;
}

function resolvePeriods(value: unknown): { start: number; end: number }[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new InvalidInputError('workingPeriods', 'needs at least one period {start, end}');
  }
  const periods = value.map((period: unknown, index) => {
    const field = `workingPeriods[${index}]`;
    if (typeof period !== 'object' || period === null) throw new InvalidInputError(field, 'is not a period {start, end}');
    const { start, end } = period as Record<string, unknown>;
    const range = { start: clock(start, `${field}.start`), end: clock(end, `${field}.end`) };
    if (range.start >= range.end) throw new InvalidInputError(`${field}.end`, `must be later than start ${String(start)}`);
    return range;
  });
  periods.forEach((period, index) => {
    const previous = periods[index - 1];
    if (previous && period.start < previous.end) {
      throw new InvalidInputError(
        `workingPeriods[${index}].start`,
        'periods must be in order and must not overlap: it starts before the previous period ends',
      );
    }
  });
  return periods;
}

function resolveWeekdays(value: unknown): Set<number> {
  if (!Array.isArray(value) || value.length === 0) {
    throw new InvalidInputError('workingWeekdays', 'needs at least one ISO weekday (1 = Monday … 7 = Sunday)');
  }
  value.forEach((day: unknown, index) => {
    if (!Number.isInteger(day) || (day as number) < 1 || (day as number) > 7) {
      throw new InvalidInputError(`workingWeekdays[${index}]`, `${JSON.stringify(day)} is not an ISO weekday 1–7`);
    }
  });
  return new Set(value as number[]);
}

/** Checks a configuration and converts it to milliseconds; errors name the offending field. */
export function validateWorkingTimeConfig(config: WorkingTimeConfig): ResolvedWorkingTime {
  if (typeof config !== 'object' || config === null) throw new InvalidInputError('config', 'is not a working-time configuration');
  const offsetMinutes = resolveTimeZoneOffset(config.timeZone);
  const periods = resolvePeriods(config.workingPeriods);
  const weekdays = resolveWeekdays(config.workingWeekdays);
  const hours = config.workingDayHours;
  if (typeof hours !== 'number' || !Number.isFinite(hours) || hours <= 0 || hours > 24) {
    throw new InvalidInputError('workingDayHours', `${JSON.stringify(hours)} is not a number of hours above 0 and at most 24`);
  }
  const cutoffMs = clock(config.receiptCutoff, 'receiptCutoff');
  return Object.freeze({
    config,
    offsetMs: offsetMinutes * MS_PER_MINUTE,
    periods: Object.freeze(periods.map((period) => Object.freeze(period))),
    weekdays,
    dayMs: Math.round(hours * MS_PER_HOUR),
    cutoffMs,
  });
}

/** The defaults with some fields replaced, validated. */
export function workingTimeConfig(overrides: Partial<WorkingTimeConfig> = {}): WorkingTimeConfig {
  const config: WorkingTimeConfig = { ...DEFAULT_WORKING_TIME_CONFIG, ...overrides };
  validateWorkingTimeConfig(config);
  return config;
}
