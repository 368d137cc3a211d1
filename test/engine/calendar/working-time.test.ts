/**
 * Working-time arithmetic on the default configuration and the pre-filled holiday tables: the lunch
 * break, weekends, Tết 2026 and 2027, 30/4–1/5, National Day, receipt after the 15:00 cut-off,
 * calendar-day limits ending on a non-working day, and admin edits seen at once.
 */
import { InvalidInputError } from '../../../engine/errors.js';
import { HolidayCalendar, createWorkingCalendar, workingTimeConfig } from '../../../engine/calendar/index.js';
import { at, defaultCalendar, local } from './helpers.js';

const calendar = defaultCalendar();
const add = (start: string, hours: number) => local(calendar.addWorkingHours(at(start), hours));

describe('isWorkingDay', () => {
  test.each<[string, boolean]>([
    ['2026-03-02', true], // Monday
    ['2026-03-07', false], // Saturday
    ['2026-03-08', false], // Sunday
    ['2026-01-02', false], // Friday given off for New Year (swap)
    ['2026-01-10', true], // Saturday worked in exchange
    ['2026-02-13', true],
    ['2026-02-14', false], ['2026-02-15', false], ['2026-02-16', false], ['2026-02-17', false], ['2026-02-18', false],
    ['2026-02-19', false], ['2026-02-20', false], ['2026-02-21', false], ['2026-02-22', false],
    ['2026-02-23', true],
    ['2026-04-27', false], // Hùng Kings substitute (26/4 is a Sunday)
    ['2026-04-29', true], ['2026-04-30', false], ['2026-05-01', false], ['2026-05-04', true],
    ['2026-08-22', true], ['2026-08-31', false], ['2026-09-01', false], ['2026-09-02', false], ['2026-09-03', true],
    ['2027-02-04', true],
    ['2027-02-05', false], ['2027-02-08', false], ['2027-02-09', false], ['2027-02-10', false], ['2027-02-11', false],
    ['2027-02-12', true],
    ['2027-05-03', false], ['2027-09-03', false],
  ])('%s → %s', (date, working) => {
    expect(calendar.isWorkingDay(date)).toBe(working);
  });

  test('a Date means its local date in Vietnam', () => {
    expect(calendar.isWorkingDay(at('2026-03-07 06:59'))).toBe(false); // Saturday local, Friday 23:59 UTC
    expect(calendar.isWorkingDay(new Date('2026-03-08T17:30:00Z'))).toBe(true); // Monday 00:30 local
  });

  test('a bad date is refused', () => {
    expect(() => calendar.isWorkingDay('2026-13-01')).toThrow(InvalidInputError);
    expect(() => calendar.isWorkingDay(new Date(Number.NaN))).toThrow(InvalidInputError);
  });
});

describe('nextWorkingInstant', () => {
  test.each<[string, string]>([
    ['2026-03-02 06:00', '2026-03-02 07:00'],
    ['2026-03-02 07:00', '2026-03-02 07:00'],
    ['2026-03-02 10:15', '2026-03-02 10:15'],
    ['2026-03-02 11:30', '2026-03-02 13:30'],
    ['2026-03-02 12:00', '2026-03-02 13:30'],
    ['2026-03-02 16:59', '2026-03-02 16:59'],
    ['2026-03-02 17:00', '2026-03-03 07:00'],
    ['2026-03-06 18:00', '2026-03-09 07:00'],
    ['2026-03-07 10:00', '2026-03-09 07:00'],
    ['2026-02-13 17:00', '2026-02-23 07:00'],
    ['2026-01-09 17:30', '2026-01-10 07:00'], // the swapped working Saturday
  ])('%s → %s', (start, expected) => {
    expect(local(calendar.nextWorkingInstant(at(start)))).toBe(expected);
  });
});

describe('addWorkingHours', () => {
  test.each<[string, number, string]>([
    ['2026-03-02 11:00', 1, '2026-03-02 14:00'], // across the lunch break
    ['2026-03-02 11:00', 0.5, '2026-03-02 11:30'], // landing on a period end is that end
    ['2026-03-02 07:00', 4.5, '2026-03-02 11:30'],
    ['2026-03-02 07:00', 8, '2026-03-02 17:00'],
    ['2026-03-02 07:00', 8.5, '2026-03-03 07:30'],
    ['2026-03-06 16:30', 1, '2026-03-09 07:30'], // Friday → Monday
    ['2026-03-07 09:00', 1, '2026-03-09 08:00'], // from a Saturday
    ['2026-03-02 12:15', 0, '2026-03-02 13:30'], // zero hours from outside working time
    ['2026-03-02 11:30', 0, '2026-03-02 11:30'], // zero hours from a period end
    ['2026-03-02 07:00', 1 / 3, '2026-03-02 07:20'],
    ['2026-03-02 07:00', 0.0001, '2026-03-02 07:00:00.360'], // rounded to the millisecond
    ['2026-02-13 16:00', 2, '2026-02-23 08:00'], // Tết 2026
    ['2027-02-04 16:00', 2, '2027-02-12 08:00'], // Tết 2027
    ['2026-04-29 16:00', 2, '2026-05-04 08:00'], // 30/4–1/5 2026
    ['2026-08-28 16:00', 2, '2026-09-03 08:00'], // National Day 2026 with the 31/8 swap
    ['2026-08-21 16:00', 2, '2026-08-22 08:00'], // … and the worked Saturday 22/8
    ['2027-09-01 16:00', 2, '2027-09-06 08:00'], // National Day 2027: 2/9 and 3/9
  ])('%s + %f h = %s', (start, hours, expected) => {
    expect(add(start, hours)).toBe(expected);
  });

  test('addWorkingDays counts 8 working hours a day', () => {
    expect(local(calendar.addWorkingDays(at('2026-02-13 16:00'), 1))).toBe('2026-02-23 16:00');
    expect(local(calendar.addWorkingDays(at('2026-03-02 07:00'), 3))).toBe('2026-03-04 17:00');
    // 21 working days (168 h) from Monday 2 March 2026 07:00: 4 weeks less one day, no holidays.
    expect(local(calendar.addWorkingDays(at('2026-03-02 07:00'), 21))).toBe('2026-03-30 17:00');
  });

  test('negative or non-finite amounts are refused', () => {
    expect(() => calendar.addWorkingHours(at('2026-03-02 08:00'), -1)).toThrow(InvalidInputError);
    expect(() => calendar.addWorkingHours(at('2026-03-02 08:00'), Number.POSITIVE_INFINITY)).toThrow(InvalidInputError);
    expect(() => calendar.addWorkingDays(at('2026-03-02 08:00'), Number.NaN)).toThrow(InvalidInputError);
  });
});

describe('workingHoursBetween', () => {
  test.each<[string, string, number]>([
    ['2026-03-02 11:00', '2026-03-02 14:00', 1],
    ['2026-03-02 00:00', '2026-03-03 00:00', 8],
    ['2026-03-06 16:30', '2026-03-09 07:30', 1],
    ['2026-02-13 07:00', '2026-02-24 07:00', 16], // 13/2 and 23/2 only
    ['2026-03-02 12:00', '2026-03-02 13:00', 0],
    ['2026-03-02 08:00', '2026-03-02 08:00', 0],
  ])('%s → %s is %f h', (from, to, hours) => {
    expect(calendar.workingHoursBetween(at(from), at(to))).toBe(hours);
  });

  test('is negative when the second instant is earlier', () => {
    expect(calendar.workingHoursBetween(at('2026-03-09 07:30'), at('2026-03-06 16:30'))).toBe(-1);
    expect(calendar.workingMillisBetween(at('2026-03-02 14:00'), at('2026-03-02 11:00'))).toBe(-3_600_000);
  });
});

describe('receiptStart', () => {
  test.each<[string, string]>([
    ['2026-03-02 06:30', '2026-03-02 07:00'], // before opening
    ['2026-03-02 09:00', '2026-03-02 09:00'],
    ['2026-03-02 12:00', '2026-03-02 13:30'], // lunch break
    ['2026-03-02 14:59', '2026-03-02 14:59'],
    ['2026-03-02 15:00', '2026-03-02 15:00'], // at the cut-off: still today
    ['2026-03-02 15:00:01', '2026-03-03 07:00'], // after 15:00: next working day
    ['2026-03-02 16:30', '2026-03-03 07:00'],
    ['2026-03-02 19:00', '2026-03-03 07:00'],
    ['2026-03-06 15:30', '2026-03-09 07:00'], // Friday afternoon → Monday
    ['2026-03-07 10:00', '2026-03-09 07:00'], // Saturday
    ['2026-02-13 15:10', '2026-02-23 07:00'], // before Tết 2026
    ['2026-01-09 16:00', '2026-01-10 07:00'], // the next working day is the swapped Saturday
  ])('received %s → counts from %s', (received, expected) => {
    expect(local(calendar.receiptStart(at(received)))).toBe(expected);
  });
});

describe('calendarDaysDue', () => {
  test.each<[string, number, string]>([
    ['2026-03-02 09:00', 10, '2026-03-12 17:00'], // a Thursday
    ['2026-03-02 09:00', 13, '2026-03-16 17:00'], // ends on Sunday 15/3 → Monday
    ['2026-03-02 09:00', 12, '2026-03-16 17:00'], // ends on Saturday 14/3 → Monday
    ['2026-04-13 09:00', 14, '2026-04-28 17:00'], // ends on the Hùng Kings substitute 27/4 → 28/4
    ['2026-02-01 09:00', 15, '2026-02-23 17:00'], // ends in Tết 2026 → 23/2
    ['2026-01-01 09:00', 9, '2026-01-10 17:00'], // ends on the swapped working Saturday
    ['2026-03-02 09:00', 0, '2026-03-02 17:00'],
  ])('%s + %i days → %s', (start, days, expected) => {
    expect(local(calendar.calendarDaysDue(at(start), days))).toBe(expected);
  });

  test('days must be a whole number ≥ 0', () => {
    expect(() => calendar.calendarDaysDue(at('2026-03-02 09:00'), 1.5)).toThrow(InvalidInputError);
    expect(() => calendar.calendarDaysDue(at('2026-03-02 09:00'), -1)).toThrow(InvalidInputError);
  });
});

describe('a calendar over an admin-edited table and another configuration', () => {
  test('admin edits of the holiday table are seen at once', () => {
    const holidays = new HolidayCalendar();
    const edited = createWorkingCalendar(workingTimeConfig(), holidays);
    expect(local(edited.addWorkingHours(at('2026-03-06 16:30'), 1))).toBe('2026-03-09 07:30');
    holidays.addSwappedWorkingDay('2026-03-07', 'Làm bù');
    holidays.addSubstituteDayOff('2026-03-09', 'Nghỉ bù');
    expect(local(edited.addWorkingHours(at('2026-03-06 16:30'), 1))).toBe('2026-03-07 07:30');
    expect(edited.isWorkingDay('2026-03-09')).toBe(false);
    holidays.remove('2026-03-07');
    expect(local(edited.addWorkingHours(at('2026-03-06 16:30'), 1))).toBe('2026-03-10 07:30');
  });

  test('a UTC calendar with one period and a six-day week', () => {
    const utc = createWorkingCalendar(
      workingTimeConfig({
        timeZone: 'UTC',
        workingPeriods: [{ start: '09:00', end: '17:00' }],
        workingWeekdays: [1, 2, 3, 4, 5, 6],
        receiptCutoff: '16:00',
      }),
      new HolidayCalendar(),
    );
    expect(utc.addWorkingHours(new Date('2026-03-06T16:00:00Z'), 2).toISOString()).toBe('2026-03-07T10:00:00.000Z');
    expect(utc.addWorkingHours(new Date('2026-03-07T16:00:00Z'), 2).toISOString()).toBe('2026-03-09T10:00:00.000Z');
    expect(utc.receiptStart(new Date('2026-03-06T16:30:00Z')).toISOString()).toBe('2026-03-07T09:00:00.000Z');
  });

  test('a table that closes every day is an error, not an endless loop', () => {
    const closed = createWorkingCalendar(workingTimeConfig({ workingWeekdays: [1] }), new HolidayCalendar());
    expect(local(closed.nextWorkingInstant(at('2026-03-03 08:00')))).toBe('2026-03-09 07:00');
    const holidays = new HolidayCalendar();
    for (let week = 0; week < 530; week++) {
      holidays.addSubstituteDayOff(new Date(Date.UTC(2026, 2, 9 + 7 * week)).toISOString().slice(0, 10), 'off');
    }
    const never = createWorkingCalendar(workingTimeConfig({ workingWeekdays: [1] }), holidays);
    expect(() => never.nextWorkingInstant(at('2026-03-03 08:00'))).toThrow(/no working day/);
  });
});
