/**
 * Working-time configuration: the DOMAIN.md defaults, the supported fixed-offset zones, and
 * validation errors that name the offending field.
 */
import { InvalidInputError } from '../../../engine/errors.js';
import {
  DEFAULT_WORKING_TIME_CONFIG,
  resolveTimeZoneOffset,
  validateWorkingTimeConfig,
  workingTimeConfig,
  type WorkingTimeConfig,
} from '../../../engine/calendar/index.js';

function fieldOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidInputError) return error.field;
    throw error;
  }
  throw new Error('expected an InvalidInputError');
}

describe('working-time configuration', () => {
  test('defaults follow DOMAIN.md', () => {
    expect(DEFAULT_WORKING_TIME_CONFIG).toEqual({
      timeZone: 'Asia/Ho_Chi_Minh',
      workingPeriods: [
        { start: '07:00', end: '11:30' },
        { start: '13:30', end: '17:00' },
      ],
      workingWeekdays: [1, 2, 3, 4, 5],
      workingDayHours: 8,
      receiptCutoff: '15:00',
    });
    const resolved = validateWorkingTimeConfig(DEFAULT_WORKING_TIME_CONFIG);
    expect(resolved.offsetMs).toBe(7 * 3_600_000);
    expect(resolved.dayMs).toBe(8 * 3_600_000);
    expect(resolved.cutoffMs).toBe(15 * 3_600_000);
    expect(resolved.periods).toEqual([
      { start: 7 * 3_600_000, end: 11.5 * 3_600_000 },
      { start: 13.5 * 3_600_000, end: 17 * 3_600_000 },
    ]);
  });

  test.each<[string, number]>([
    ['Asia/Ho_Chi_Minh', 420],
    ['Asia/Saigon', 420],
    ['UTC', 0],
    ['Etc/UTC', 0],
    ['+07:00', 420],
    ['UTC-05:30', -330],
  ])('time zone %s is fixed at %i minutes', (zone, minutes) => {
    expect(resolveTimeZoneOffset(zone)).toBe(minutes);
  });

  test.each(['Europe/Paris', 'America/New_York', '+15:00', '+07:60', '', 'asia/ho_chi_minh'])('time zone %j is refused', (zone) => {
    expect(fieldOf(() => resolveTimeZoneOffset(zone))).toBe('timeZone');
  });

  test.each<[Partial<WorkingTimeConfig>, string]>([
    [{ timeZone: 'Europe/Berlin' }, 'timeZone'],
    [{ workingPeriods: [] }, 'workingPeriods'],
    [{ workingPeriods: [{ start: '7:00', end: '11:30' }] }, 'workingPeriods[0].start'],
    [{ workingPeriods: [{ start: '07:00', end: '25:00' }] }, 'workingPeriods[0].end'],
    [{ workingPeriods: [{ start: '07:00', end: '07:00' }] }, 'workingPeriods[0].end'],
    [{ workingPeriods: [{ start: '13:30', end: '17:00' }, { start: '07:00', end: '11:30' }] }, 'workingPeriods[1].start'],
    [{ workingPeriods: [{ start: '07:00', end: '12:00' }, { start: '11:30', end: '17:00' }] }, 'workingPeriods[1].start'],
    [{ workingWeekdays: [] }, 'workingWeekdays'],
    [{ workingWeekdays: [1, 8] }, 'workingWeekdays[1]'],
    [{ workingDayHours: 0 }, 'workingDayHours'],
    [{ workingDayHours: Number.NaN }, 'workingDayHours'],
    [{ receiptCutoff: '3pm' }, 'receiptCutoff'],
  ])('%j is refused, naming %s', (overrides, field) => {
    expect(fieldOf(() => workingTimeConfig(overrides))).toBe(field);
  });

  test('touching periods and 24:00 are accepted', () => {
    const config = workingTimeConfig({
      workingPeriods: [
        { start: '00:00', end: '12:00' },
        { start: '12:00', end: '24:00' },
      ],
      workingDayHours: 24,
    });
    expect(validateWorkingTimeConfig(config).periods[1]).toEqual({ start: 12 * 3_600_000, end: 24 * 3_600_000 });
  });
});
