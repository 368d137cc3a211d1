/**
 * The holiday table: what date-holidays gives for Vietnam, what the Labour Code and the government
 * notices add (second National Day day, substitute days off, swaps), the announced 2026 schedule, the
 * rule-derived 2027 schedule, and the in-memory HolidayCalendar with its admin edits.
 */
import { InvalidInputError } from '../../../engine/errors.js';
import {
  HolidayCalendar,
  defaultHolidays,
  nationalDaySecondDay,
  type HolidayEntry,
} from '../../../engine/calendar/index.js';

const daysOff = (year: number) => defaultHolidays(year).filter((e) => e.kind !== 'swapped-working-day').map((e) => e.date);
const workedWeekends = (year: number) => defaultHolidays(year).filter((e) => e.kind === 'swapped-working-day').map((e) => e.date);

describe('defaultHolidays', () => {
  test.each([2025, 2026, 2027, 2028, 2030])('%i has the 11 Labour Code holidays from date-holidays and the adjacent 2/9 day', (year) => {
    const entries = defaultHolidays(year);
    const holidays = entries.filter((e) => e.kind === 'public-holiday');
    expect(holidays).toHaveLength(11);
    const dates = holidays.map((e) => e.date);
    expect(dates).toEqual(expect.arrayContaining([`${year}-01-01`, `${year}-04-30`, `${year}-05-01`, `${year}-09-02`]));
    expect(holidays.filter((e) => e.name.startsWith('Giỗ tổ Hùng Vương'))).toHaveLength(1);
    expect(holidays.filter((e) => /Tết Nguyên Đán/.test(e.name))).toHaveLength(5);
    expect(holidays.filter((e) => e.name.startsWith('Quốc khánh')).map((e) => e.date).sort()).toEqual(
      [`${year}-09-02`, nationalDaySecondDay(year)].sort(),
    );
    for (const entry of entries) expect(['date-holidays', 'labour-code']).toContain(entry.source);
  });

  test('date-holidays is the source of what it knows; the Labour Code of what it misses', () => {
    const byDate = new Map(defaultHolidays(2026).map((e) => [e.date, e] as const));
    expect(byDate.get('2026-02-17')).toMatchObject({ kind: 'public-holiday', source: 'date-holidays' });
    expect(byDate.get('2026-04-26')).toMatchObject({ kind: 'public-holiday', source: 'date-holidays', name: 'Giỗ tổ Hùng Vương' });
    expect(byDate.get('2026-09-01')).toMatchObject({ kind: 'public-holiday', source: 'labour-code' });
    expect(byDate.get('2026-04-27')).toMatchObject({ kind: 'substitute-day-off', source: 'labour-code' });
  });

  test('2026 as announced: New Year swap, Tết 16–20/2, Hùng Kings substitute, National Day 1–2/9 with the 31/8 swap', () => {
    expect(daysOff(2026)).toEqual([
      '2026-01-01', '2026-01-02',
      '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20',
      '2026-04-26', '2026-04-27',
      '2026-04-30', '2026-05-01',
      '2026-08-31', '2026-09-01', '2026-09-02',
    ]);
    expect(workedWeekends(2026)).toEqual(['2026-01-10', '2026-08-22']);
  });

  test('2027 from the rules: Tết 5–9/2 with substitutes 10–11/2, 1/5 substitute 3/5, National Day 2–3/9', () => {
    expect(daysOff(2027)).toEqual([
      '2027-01-01',
      '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11',
      '2027-04-16',
      '2027-04-30', '2027-05-01', '2027-05-03',
      '2027-09-02', '2027-09-03',
    ]);
    expect(workedWeekends(2027)).toEqual([]);
  });

  test('2025 as announced: Tết 27–31/1, 30/4–1/5 with the 2/5 swap, National Day 1–2/9', () => {
    expect(daysOff(2025)).toEqual([
      '2025-01-01',
      '2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31',
      '2025-04-07',
      '2025-04-30', '2025-05-01', '2025-05-02',
      '2025-09-01', '2025-09-02',
    ]);
    expect(workedWeekends(2025)).toEqual(['2025-04-26']);
  });

  test.each<[number, string]>([
    [2021, '2021-09-03'], // Thursday → Friday
    [2022, '2022-09-01'], // Friday → Thursday
    [2023, '2023-09-01'], // Saturday → Friday (and a substitute on Monday 4/9)
    [2024, '2024-09-03'], // Monday → Tuesday
    [2025, '2025-09-01'], // Tuesday → Monday
    [2026, '2026-09-01'], // Wednesday → Tuesday, as announced
  ])('the adjacent National Day rule reproduces %i: %s', (year, date) => {
    expect(nationalDaySecondDay(year)).toBe(date);
  });

  test('a holiday on a weekend gives a substitute on the next free working weekday (2023: 2/9 Saturday)', () => {
    expect(daysOff(2023)).toEqual(expect.arrayContaining(['2023-09-01', '2023-09-02', '2023-09-04']));
    expect(daysOff(2022)).toEqual(expect.arrayContaining(['2022-04-30', '2022-05-01', '2022-05-02', '2022-05-03']));
  });

  test('a six-day week gets substitutes only for Sundays', () => {
    const off = defaultHolidays(2027, { workingWeekdays: [1, 2, 3, 4, 5, 6] }).map((e) => e.date);
    expect(off).toContain('2027-02-10'); // for Sunday 7/2
    expect(off).not.toContain('2027-02-11');
    expect(off).not.toContain('2027-05-03'); // 1/5 is a Saturday, a working day
  });

  test('a year out of range is refused', () => {
    expect(() => defaultHolidays(1900)).toThrow(InvalidInputError);
    expect(() => defaultHolidays(2026.5)).toThrow(InvalidInputError);
  });
});

describe('HolidayCalendar', () => {
  const tet: HolidayEntry = { date: '2026-02-17', kind: 'public-holiday', name: 'Tết Nguyên Đán', source: 'date-holidays' };

  test('is built from entries and lists them in date order, per year', () => {
    const calendar = new HolidayCalendar([
      { date: '2027-01-01', kind: 'public-holiday', name: 'Tết Dương lịch', source: 'date-holidays' },
      tet,
    ]);
    expect(calendar.entries().map((e) => e.date)).toEqual(['2026-02-17', '2027-01-01']);
    expect(calendar.entries(2026)).toEqual([tet]);
    expect(calendar.get('2026-02-17')).toEqual(tet);
    expect(calendar.get('2026-02-18')).toBeUndefined();
  });

  test('admins add and remove substitute days off and swapped working Saturdays', () => {
    const calendar = new HolidayCalendar([tet]);
    expect(calendar.addSubstituteDayOff('2026-12-31', 'Nghỉ bù')).toEqual({
      date: '2026-12-31', kind: 'substitute-day-off', name: 'Nghỉ bù', source: 'admin',
    });
    expect(calendar.addSwappedWorkingDay('2026-12-26', 'Làm bù', 'labour-code').kind).toBe('swapped-working-day');
    expect(calendar.entries(2026)).toHaveLength(3);
    expect(calendar.remove('2026-12-31')).toBe(true);
    expect(calendar.remove('2026-12-31')).toBe(false);
    expect(calendar.entries(2026).map((e) => e.date)).toEqual(['2026-02-17', '2026-12-26']);
  });

  test('a date holds one entry: adding a second is an error until the first is removed', () => {
    const calendar = new HolidayCalendar([tet]);
    expect(() => calendar.addSwappedWorkingDay('2026-02-17', 'x')).toThrow(/already has an entry/);
    expect(() => new HolidayCalendar([tet, tet])).toThrow(InvalidInputError);
    calendar.remove('2026-02-17');
    expect(calendar.addSwappedWorkingDay('2026-02-17', 'x').kind).toBe('swapped-working-day');
  });

  test.each<[unknown, string]>([
    [{ ...tet, date: '2026-02-30' }, 'entries[0].date'],
    [{ ...tet, date: '17/02/2026' }, 'entries[0].date'],
    [{ ...tet, kind: 'holiday' }, 'entries[0].kind'],
    [{ ...tet, name: '  ' }, 'entries[0].name'],
    [{ ...tet, source: 'internet' }, 'entries[0].source'],
  ])('%j is refused, naming %s', (entry, field) => {
    let caught: unknown;
    try {
      new HolidayCalendar([entry as HolidayEntry]);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidInputError);
    expect((caught as InvalidInputError).field).toBe(field);
  });
});
