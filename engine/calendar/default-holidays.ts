/**
 * The pre-filled holiday table of a year (DOMAIN.md "Deadlines: working time"; Labour Code 2019,
 * Art. 111(3) and 112). Built in four steps, each entry saying where it came from:
 *
 * 1. date-holidays (country VN, type 'public' only): 1/1, the Tết block (lunar New Year's Eve and
 *    the first four days of the lunar year = the Labour Code's 5 Tết days), Hùng Kings (10/3 lunar),
 *    30/4, 1/5, 2/9. Source 'date-holidays'.
 * 2. The second National Day day (Art. 112(1)(đ): 2/9 "and one adjacent day before or after", chosen
 *    each year by the Prime Minister). Where the choice was announced it is used; otherwise the rule
 *    below, which reproduces every choice from 2021 to 2026: the day before (1/9) when 2/9 is a
 *    Tuesday, Wednesday, Friday or Saturday, the day after (3/9) when it is a Monday, Thursday or
 *    Sunday. Source 'labour-code'.
 * 3. Government notices (ANNOUNCED below): the five Tết days when they differ from date-holidays'
 *    block, and swaps (a weekday off, a Saturday worked in exchange). Source 'labour-code' for
 *    what date-holidays lacks. Verified for 2026: Tết off Mon 16/2 – Fri 20/2 (9 days 14/2–22/2 with
 *    the weekends; TB 9441/TB-BNV, 16/10/2025), National Day 1/9 + 2/9 with Mon 31/8 off and Sat
 *    22/8 worked (same notice), New Year 1/1 with Fri 2/1 off and Sat 10/1 worked (CV 12729/VPCP-KGVX,
 *    25/12/2025). 2025 as announced in 2024 (National Day checked against press reports; Tết 27/1–31/1
 *    and the 30/4–1/5 swap, Fri 2/5 off and Sat 26/4 worked, recorded without the notice numbers).
 * 4. Substitute days off (Art. 111(3)): a holiday on a non-working weekday (Saturday, Sunday) gives a
 *    day off on the next working weekday that is not already in the table. Source 'labour-code'.
 *
 * ASSUMPTION, to be confirmed by an admin each year: years without an announcement (2027 on, when
 * this was written) follow the rules alone. For 2027 that gives Tết = date-holidays' block Fri 5/2
 * – Tue 9/2 (lunar New Year on Sat 6/2) plus substitutes Wed 10/2 and Thu 11/2 for the weekend days;
 * 30/4 (Fri), 1/5 (Sat) with substitute Mon 3/5; Hùng Kings Fri 16/4; National Day Thu 2/9 + Fri 3/9.
 * The government usually announces the next year's Tết and National Day in October; admins then
 * edit the table. Not included: Vietnam Culture Day 24/11, a day off decided in principle
 * (Resolution 80-NQ/TW, 2026) but not yet in the Labour Code; add it as 'admin' once enacted.
 */
import Holidays from 'date-holidays';
import { InvalidInputError } from '../errors.js';
import { HolidayCalendar, type HolidayEntry, type HolidaySource } from './holidays.js';
import { MS_PER_DAY, formatLocalDate, isoWeekday, parseLocalDate } from './local-date.js';

interface Swap {
  readonly dayOff: string;
  readonly workingDay: string;
  readonly occasion: string;
  readonly reference: string;
}

interface Announcement {
  readonly reference: string;
  /** The five Tết days off, replacing date-holidays' Tết block. */
  readonly tet?: readonly string[];
  /** The day adjacent to 2/9 that is the second National Day holiday. */
  readonly nationalDaySecondDay?: string;
  readonly swaps?: readonly Swap[];
}

const ANNOUNCED: Readonly<Record<number, Announcement>> = {
  2025: {
    reference: 'thông báo nghỉ lễ, Tết năm 2025',
    tet: ['2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31'],
    nationalDaySecondDay: '2025-09-01',
    swaps: [{ dayOff: '2025-05-02', workingDay: '2025-04-26', occasion: '30/4–1/5', reference: 'thông báo năm 2025' }],
  },
  2026: {
    reference: 'TB 9441/TB-BNV',
    tet: ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20'],
    nationalDaySecondDay: '2026-09-01',
    swaps: [
      { dayOff: '2026-01-02', workingDay: '2026-01-10', occasion: 'Tết Dương lịch', reference: 'CV 12729/VPCP-KGVX' },
      { dayOff: '2026-08-31', workingDay: '2026-08-22', occasion: 'Quốc khánh', reference: 'TB 9441/TB-BNV' },
    ],
  },
};

const DEFAULT_WEEKDAYS: readonly number[] = [1, 2, 3, 4, 5];
const TET_RULE = 'vietnamese 1-0-1';
let vietnam: Holidays | undefined;
/** date-holidays' lunar arithmetic costs tens of milliseconds a year: each year is computed once. */
const packageCache = new Map<number, readonly PublicDay[]>();

interface PublicDay {
  readonly date: string;
  readonly name: string;
  readonly tet: boolean;
}

/** date-holidays' public holidays of the year, multi-day ones expanded to one item per day. */
function packageHolidays(year: number): readonly PublicDay[] {
  const cached = packageCache.get(year);
  if (cached) return cached;
  vietnam ??= new Holidays('VN', { types: ['public'] });
  const days: PublicDay[] = [];
  for (const holiday of vietnam.getHolidays(year, 'vi')) {
    if (holiday.type !== 'public') continue;
    const first = parseLocalDate(holiday.date.slice(0, 10));
    if (first === undefined) continue;
    const tet = holiday.rule.includes(TET_RULE);
    const length = Math.max(1, Math.round((holiday.end.getTime() - holiday.start.getTime()) / MS_PER_DAY));
    for (let i = 0; i < length; i++) {
      const name = i === 0 ? holiday.name : tet ? `Tết Nguyên Đán (mùng ${i})` : `${holiday.name} (ngày ${i + 1})`;
      days.push(Object.freeze({ date: formatLocalDate(first + i), name, tet }));
    }
  }
  packageCache.set(year, Object.freeze(days));
  return days;
}

/** The Labour Code rule for the day adjacent to 2/9 when no choice was announced (see header). */
export function nationalDaySecondDay(year: number): string {
  const weekday = isoWeekday(parseLocalDate(`${year}-09-02`) as number);
  return [1, 4, 7].includes(weekday) ? `${year}-09-03` : `${year}-09-01`;
}

export interface DefaultHolidayOptions {
  /** The working weekdays (ISO, 1 = Monday) the substitute-day rule counts with; Mon–Fri by default. */
  readonly workingWeekdays?: readonly number[];
}

/** The pre-filled table of one year (see header); entries in date order. */
export function defaultHolidays(year: number, options: DefaultHolidayOptions = {}): HolidayEntry[] {
  if (!Number.isInteger(year) || year < 1976 || year > 2999) throw new InvalidInputError('year', `${year} is not a year 1976–2999`);
  const weekdays = new Set(options.workingWeekdays ?? DEFAULT_WEEKDAYS);
  if (![...weekdays].some((day) => Number.isInteger(day) && day >= 1 && day <= 7)) {
    throw new InvalidInputError('workingWeekdays', 'needs at least one ISO weekday (1 = Monday … 7 = Sunday)');
  }
  const announced = ANNOUNCED[year];
  const table = new Map<string, HolidayEntry>();
  const put = (date: string, kind: HolidayEntry['kind'], name: string, source: HolidaySource) => {
    if (!table.has(date)) table.set(date, Object.freeze({ date, kind, name, source }));
  };

  const fromPackage = packageHolidays(year);
  for (const day of fromPackage) {
    if (!(day.tet && announced?.tet)) put(day.date, 'public-holiday', day.name, 'date-holidays');
  }
  for (const date of announced?.tet ?? []) {
    const known = fromPackage.find((day) => day.tet && day.date === date);
    if (known) put(date, 'public-holiday', known.name, 'date-holidays');
    else put(date, 'public-holiday', `Tết Nguyên Đán (${announced?.reference})`, 'labour-code');
  }
  const second = announced?.nationalDaySecondDay ?? nationalDaySecondDay(year);
  put(second, 'public-holiday', 'Quốc khánh (ngày liền kề)', 'labour-code');
  for (const swap of announced?.swaps ?? []) {
    put(swap.dayOff, 'substitute-day-off', `Nghỉ hoán đổi dịp ${swap.occasion}, làm bù ${swap.workingDay} (${swap.reference})`, 'labour-code');
    put(swap.workingDay, 'swapped-working-day', `Làm bù cho ngày ${swap.dayOff} (${swap.reference})`, 'labour-code');
  }

  const holidays = [...table.values()].filter((entry) => entry.kind === 'public-holiday').sort((a, b) => a.date.localeCompare(b.date));
  for (const holiday of holidays) {
    const day = parseLocalDate(holiday.date) as number;
    if (weekdays.has(isoWeekday(day))) continue;
    let substitute = day + 1;
    while (!weekdays.has(isoWeekday(substitute)) || table.has(formatLocalDate(substitute))) substitute++;
    put(formatLocalDate(substitute), 'substitute-day-off', `Nghỉ bù ${holiday.name} (${holiday.date})`, 'labour-code');
  }
  return [...table.values()].sort((a, b) => a.date.localeCompare(b.date));
}

/** A HolidayCalendar pre-filled for the given years (a date already filled by an earlier year is kept). */
export function defaultHolidayCalendar(years: Iterable<number>, options: DefaultHolidayOptions = {}): HolidayCalendar {
  const byDate = new Map<string, HolidayEntry>();
  for (const year of years) {
    for (const entry of defaultHolidays(year, options)) if (!byDate.has(entry.date)) byDate.set(entry.date, entry);
  }
  return new HolidayCalendar(byDate.values());
}
