/**
 * Shared fixtures for the calendar tests: the default configuration over the pre-filled holiday
 * tables of 2025–2028, and local wall-clock helpers in Asia/Ho_Chi_Minh (UTC+07:00).
 */
import {
  DEFAULT_WORKING_TIME_CONFIG,
  createWorkingCalendar,
  defaultHolidayCalendar,
  type WorkingCalendar,
} from '../../../engine/calendar/index.js';

export const YEARS = [2025, 2026, 2027, 2028];

export function defaultCalendar(): WorkingCalendar {
  return createWorkingCalendar(DEFAULT_WORKING_TIME_CONFIG, defaultHolidayCalendar(YEARS));
}

/** The instant of a local wall-clock time 'YYYY-MM-DD HH:MM[:SS]' in Vietnam. */
export function at(text: string): Date {
  const date = new Date(`${text.replace(' ', 'T')}+07:00`);
  if (Number.isNaN(date.getTime())) throw new Error(`bad test time ${text}`);
  return date;
}

/** 'YYYY-MM-DD HH:MM' (with ':SS.mmm' when not on the minute) of an instant, in Vietnam. */
export function local(instant: Date): string {
  const text = new Date(instant.getTime() + 7 * 3_600_000).toISOString();
  const minute = `${text.slice(0, 10)} ${text.slice(11, 16)}`;
  return text.slice(16, 23) === ':00.000' ? minute : `${minute}${text.slice(16, 23)}`;
}
