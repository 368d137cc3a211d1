/**
 * The working-time calendar (DOMAIN.md "Deadlines: working time"): configuration, the holiday table
 * with its pre-fill, and deadline arithmetic in working hours. Pure: no database, no clock.
 */
export {
  DEFAULT_WORKING_TIME_CONFIG,
  resolveTimeZoneOffset,
  validateWorkingTimeConfig,
  workingTimeConfig,
  type ResolvedWorkingTime,
  type WorkingPeriod,
  type WorkingTimeConfig,
} from './config.js';
export {
  HolidayCalendar,
  isDayOffEntry,
  validateHolidayEntry,
  type HolidayEntry,
  type HolidayKind,
  type HolidaySource,
} from './holidays.js';
export { defaultHolidayCalendar, defaultHolidays, nationalDaySecondDay, type DefaultHolidayOptions } from './default-holidays.js';
export { createWorkingCalendar, type WorkingCalendar } from './working-time.js';
export { addIsoDuration, parseIsoDate, parseIsoDuration, toDateValue, type IsoDuration } from './date-value.js';
