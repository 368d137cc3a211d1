/**
 * The working-time calendar kept in the database (CalendarService over migration 003-holidays), on
 * the test database (in-memory SQLite, or PostgreSQL with DATABASE_URL): the pre-fill of the clock's
 * year −1 … +2, admin edits in effect at once and kept across restarts, removals that stick, another
 * server's edits seen after refresh(), and the working-time configuration setting.
 */
import { InvalidInputError } from '../../../engine/errors.js';
import { openDatabase, type Database } from '../../../engine/store/database.js';
import { migrate } from '../../../engine/store/migrator.js';
import { CommandExecutor } from '../../../engine/runtime/command-executor.js';
import { CalendarService } from '../../../engine/calendar/calendar-service.js';
import { DEFAULT_WORKING_TIME_CONFIG, defaultHolidays } from '../../../engine/calendar/index.js';
import * as holidays from '../../../engine/store/holiday-repository.js';
import { deleteSetting, readSetting, writeSetting } from '../../../engine/store/settings-repository.js';
import { TestClock, onPostgres, testDatabase, type TestDatabase } from '../../support/test-engine.js';
import { at, local } from './helpers.js';

let testDb: TestDatabase;
let database: Database;
let executor: CommandExecutor;
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  testDb = await testDatabase();
  database = await openDatabase(testDb.url);
  await migrate(database);
  executor = new CommandExecutor(database);
});

afterAll(async () => {
  for (const close of closers.reverse()) await close();
  await executor.close();
  await database.close();
  await testDb.drop();
});

beforeEach(async () => {
  await executor.execute(async (session) => {
    for (const table of ['holidays', 'holiday_years', 'settings']) await session.runDynamic(`DELETE FROM ${table}`);
  });
});

/** A calendar service at a clock (Monday 2 March 2026, 09:00 in Vietnam by default). */
async function loadedService(clock = new TestClock(), on: CommandExecutor = executor): Promise<CalendarService> {
  const service = new CalendarService(on, clock);
  await service.load();
  return service;
}

/**
 * What another server on the same database would use: its own connections on PostgreSQL. In-memory
 * SQLite has one connection, which only one executor may use (it serialises the commands).
 */
async function otherServerExecutor(): Promise<CommandExecutor> {
  if (!onPostgres()) return executor;
  const other = await openDatabase(testDb.url);
  const otherExecutor = new CommandExecutor(other);
  closers.push(async () => {
    await otherExecutor.close();
    await other.close();
  });
  return otherExecutor;
}

function invalidInput(error: unknown, field: string, message: RegExp): void {
  expect(error).toBeInstanceOf(InvalidInputError);
  expect((error as InvalidInputError).field).toBe(field);
  expect((error as InvalidInputError).message).toMatch(message);
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

const counts = () => executor.read((session) => holidays.countHolidaysByYear(session));
const dates = (rows: readonly { date: string }[]) => rows.map((row) => row.date);

describe('CalendarService.load', () => {
  test("pre-fills the clock's year −1 … +2 from the defaults and computes with them", async () => {
    const service = await loadedService();
    expect([...(await counts()).keys()]).toEqual([2025, 2026, 2027, 2028]);
    for (const year of [2025, 2026, 2027, 2028]) {
      expect(await service.listHolidays(year)).toEqual(defaultHolidays(year).map((entry) => expect.objectContaining({ ...entry })));
    }
    const { calendar } = service;
    expect(calendar.isWorkingDay('2026-02-17')).toBe(false); // Tết
    expect(calendar.isWorkingDay('2026-01-10')).toBe(true); // a Saturday worked in exchange for 2/1
    expect(local(calendar.addWorkingDays(at('2026-04-24 10:00'), 1))).toBe('2026-04-28 10:00');
    expect(calendar.config).toEqual(DEFAULT_WORKING_TIME_CONFIG);
  });

  test('the calendar cannot be used before load()', () => {
    const service = new CalendarService(executor, new TestClock());
    expect(service.loaded).toBe(false);
    expect(() => service.calendar.isWorkingDay('2026-03-02')).toThrow(/CalendarService.load\(\) must run first/);
  });

  test('a second load, or a restart, pre-fills nothing again', async () => {
    await loadedService();
    const before = await counts();
    await loadedService();
    expect(await counts()).toEqual(before);
  });

  test('servers starting at once pre-fill each year once', async () => {
    const others = await Promise.all([otherServerExecutor(), otherServerExecutor(), otherServerExecutor()]);
    const services = others.map((on) => new CalendarService(on, new TestClock()));
    await Promise.all(services.map((service) => service.load()));
    const expected = new Map([2025, 2026, 2027, 2028].map((year) => [year, defaultHolidays(year).length]));
    expect(await counts()).toEqual(expected);
    for (const service of services) expect(service.calendar.isWorkingDay('2026-09-01')).toBe(false);
  });

  test('rows stored before a year is pre-filled win over its defaults for their dates', async () => {
    const now = new Date('2026-03-02T02:00:00Z');
    await executor.execute((session) =>
      holidays.insertHolidayIfAbsent(session, { date: '2029-01-01', kind: 'swapped-working-day', name: 'a test row', source: 'admin' }, now),
    );
    const service = await loadedService(new TestClock(new Date('2027-06-01T02:00:00Z')));
    const rows = await service.listHolidays(2029);
    expect(rows.find((row) => row.date === '2029-01-01')).toMatchObject({ kind: 'swapped-working-day', source: 'admin' });
    expect(rows.length).toBe(defaultHolidays(2029).length);
    expect(service.calendar.isWorkingDay('2029-01-01')).toBe(true);
  });
});

describe('CalendarService: admin edits', () => {
  test('a substitute day off takes effect at once, in the same calendar object, and is stored', async () => {
    const service = await loadedService();
    const { calendar } = service;
    expect(local(calendar.addWorkingDays(at('2026-03-03 09:00'), 1))).toBe('2026-03-04 09:00');

    const row = await service.addHoliday({ date: '2026-03-04', kind: 'substitute-day-off', name: 'Nghỉ bù (thử)' });
    expect(row).toMatchObject({ date: '2026-03-04', kind: 'substitute-day-off', name: 'Nghỉ bù (thử)', source: 'admin' });
    expect(row.createdAt).toEqual(new Date('2026-03-02T02:00:00Z'));
    expect(service.calendar).toBe(calendar);
    expect(calendar.isWorkingDay('2026-03-04')).toBe(false);
    expect(local(calendar.addWorkingDays(at('2026-03-03 09:00'), 1))).toBe('2026-03-05 09:00');

    const restarted = await loadedService();
    expect(restarted.calendar.isWorkingDay('2026-03-04')).toBe(false);
    expect(dates(await restarted.listHolidays(2026))).toContain('2026-03-04');
  });

  test('a swapped working Saturday counts as a working day', async () => {
    const service = await loadedService();
    expect(service.calendar.isWorkingDay('2026-03-07')).toBe(false);
    await service.addHoliday({ date: '2026-03-07', kind: 'swapped-working-day', name: 'Làm bù (thử)' });
    expect(service.calendar.isWorkingDay('2026-03-07')).toBe(true);
    expect(local(service.calendar.addWorkingHours(at('2026-03-06 16:00'), 2))).toBe('2026-03-07 08:00');
  });

  test('a public holiday (Vietnam Culture Day, once enacted) with an explicit source', async () => {
    const service = await loadedService();
    const row = await service.addHoliday({ date: '2026-11-24', kind: 'public-holiday', name: 'Ngày Văn hóa Việt Nam', source: 'labour-code' });
    expect(row.source).toBe('labour-code');
    expect(service.calendar.isWorkingDay('2026-11-24')).toBe(false);
  });

  test('a date that has an entry is refused unless replaced', async () => {
    const service = await loadedService();
    invalidInput(
      await rejection(service.addHoliday({ date: '2026-09-01', kind: 'public-holiday', name: 'again' })),
      'date',
      /2026-09-01 already has an entry \(public-holiday: Quốc khánh \(ngày liền kề\)\); remove it first/,
    );
    const replaced = await service.addHoliday({ date: '2026-09-01', kind: 'substitute-day-off', name: 'thay thế' }, { replace: true });
    expect(replaced).toMatchObject({ kind: 'substitute-day-off', name: 'thay thế', source: 'admin' });
    expect((await service.listHolidays(2026)).filter((row) => row.date === '2026-09-01')).toHaveLength(1);
  });

  test.each<[string, unknown, string, RegExp]>([
    ['no date', { kind: 'public-holiday', name: 'x' }, 'date', /undefined is not a date 'YYYY-MM-DD'/],
    ['a bad date', { date: '2026-02-30', kind: 'public-holiday', name: 'x' }, 'date', /"2026-02-30" is not a date/],
    ['a year out of range', { date: '1900-01-01', kind: 'public-holiday', name: 'x' }, 'date', /not in the years 1976–2999/],
    ['a bad kind', { date: '2026-03-04', kind: 'holiday', name: 'x' }, 'kind', /must be one of public-holiday, substitute-day-off, swapped-working-day/],
    ['an empty name', { date: '2026-03-04', kind: 'public-holiday', name: '  ' }, 'name', /must be a non-empty text/],
    ['a bad source', { date: '2026-03-04', kind: 'public-holiday', name: 'x', source: 'me' }, 'source', /must be one of/],
    ['a swapped working day on a weekday', { date: '2026-03-04', kind: 'swapped-working-day', name: 'x' }, 'date', /2026-03-04 is a Wednesday, a working day already/],
    ['a substitute day off on a Sunday', { date: '2026-03-08', kind: 'substitute-day-off', name: 'x' }, 'date', /2026-03-08 is a Sunday, not a working day anyway/],
    ['no entry at all', null, 'entry', /is not a holiday entry/],
  ])('%s is an InvalidInputError naming the field, and nothing is stored', async (_, input, field, message) => {
    const service = await loadedService();
    const before = await service.listHolidays(2026);
    invalidInput(await rejection(service.addHoliday(input as never)), field, message);
    expect(await service.listHolidays(2026)).toEqual(before);
  });

  test('a removal takes effect at once and sticks across restarts', async () => {
    const service = await loadedService();
    expect(service.calendar.isWorkingDay('2026-09-01')).toBe(false);
    const removed = await service.removeHoliday('2026-09-01');
    expect(removed).toMatchObject({ date: '2026-09-01', kind: 'public-holiday', source: 'labour-code' });
    expect(service.calendar.isWorkingDay('2026-09-01')).toBe(true);

    const restarted = await loadedService();
    expect(restarted.calendar.isWorkingDay('2026-09-01')).toBe(true);
    expect(dates(await restarted.listHolidays(2026))).not.toContain('2026-09-01');
  });

  test('a year whose entries were all removed stays empty', async () => {
    const service = await loadedService();
    for (const row of await service.listHolidays(2028)) await service.removeHoliday(row.date);
    expect((await counts()).has(2028)).toBe(false);
    const restarted = await loadedService();
    expect(await restarted.listHolidays(2028)).toEqual([]);
    expect(restarted.calendar.isWorkingDay('2028-01-03')).toBe(true);
  });

  test('removing a date without an entry, or no date, is an InvalidInputError naming the date', async () => {
    const service = await loadedService();
    invalidInput(await rejection(service.removeHoliday('2026-03-04')), 'date', /2026-03-04 has no holiday entry/);
    invalidInput(await rejection(service.removeHoliday('4/3/2026')), 'date', /is not a date 'YYYY-MM-DD'/);
  });

  test('editing or listing a year outside the window pre-fills that year first', async () => {
    const service = await loadedService();
    expect((await counts()).has(2031)).toBe(false);
    const listed = await service.listHolidays(2031);
    expect(dates(listed)).toEqual(dates(defaultHolidays(2031)));
    expect(service.calendar.isWorkingDay('2031-09-02')).toBe(false);

    await service.removeHoliday('2032-05-01');
    expect(dates(await service.listHolidays(2032))).toEqual(dates(defaultHolidays(2032)).filter((date) => date !== '2032-05-01'));

    await service.addHoliday({ date: '2033-03-02', kind: 'substitute-day-off', name: 'x' });
    expect((await service.listHolidays(2033)).length).toBe(defaultHolidays(2033).length + 1);
  });

  test('listHolidays refuses what is not a year', async () => {
    const service = await loadedService();
    invalidInput(await rejection(service.listHolidays(2026.5)), 'year', /2026.5 is not a year 1976–2999/);
    invalidInput(await rejection(service.listHolidays('2026' as never)), 'year', /is not a year/);
  });
});

describe('CalendarService.refresh', () => {
  test("sees another server's edits only after refresh, in the same calendar object", async () => {
    const here = await loadedService();
    const there = await loadedService(new TestClock(), await otherServerExecutor());
    const { calendar } = here;

    await there.addHoliday({ date: '2026-03-04', kind: 'substitute-day-off', name: 'elsewhere' });
    await there.removeHoliday('2026-09-01');
    expect(there.calendar.isWorkingDay('2026-03-04')).toBe(false);
    expect(calendar.isWorkingDay('2026-03-04')).toBe(true);
    expect(calendar.isWorkingDay('2026-09-01')).toBe(false);

    await here.refresh();
    expect(here.calendar).toBe(calendar);
    expect(calendar.isWorkingDay('2026-03-04')).toBe(false);
    expect(calendar.isWorkingDay('2026-09-01')).toBe(true);
  });

  test('pre-fills the new window when the clock has moved into a new year', async () => {
    const clock = new TestClock();
    const service = await loadedService(clock);
    expect((await counts()).has(2029)).toBe(false);
    clock.set(new Date('2027-01-02T02:00:00Z'));
    await service.refresh();
    expect([...(await counts()).keys()]).toEqual([2025, 2026, 2027, 2028, 2029]);
    expect(service.calendar.isWorkingDay('2029-01-01')).toBe(false);
  });

  test('overlapping refreshes leave the newest snapshot in effect', async () => {
    const service = await loadedService();
    const other = await loadedService(new TestClock(), await otherServerExecutor());
    await other.addHoliday({ date: '2026-03-04', kind: 'substitute-day-off', name: 'x' });
    await Promise.all([service.refresh(), service.refresh(), service.refresh()]);
    expect(service.calendar.isWorkingDay('2026-03-04')).toBe(false);
  });
});

describe('CalendarService: rows edited by hand', () => {
  test('an invalid row or configuration fails load and refresh, naming it; the snapshot in effect stays', async () => {
    const service = await loadedService();
    const now = new Date('2026-03-02T02:00:00Z');
    await executor.execute((session) => writeSetting(session, 'working-time', { workingDayHours: 30 }, now));
    await expect(service.refresh()).rejects.toThrow(/stored working-time configuration \(settings 'working-time'\) is invalid: workingDayHours: 30/);
    await expect(loadedService()).rejects.toThrow(/workingDayHours/);
    expect(service.calendar.config).toEqual(DEFAULT_WORKING_TIME_CONFIG);

    await executor.execute((session) => deleteSetting(session, 'working-time'));
    await executor.execute((session) => session.runDynamic("UPDATE holidays SET kind = 'holiday' WHERE date = '2026-09-01'"));
    await expect(service.refresh()).rejects.toThrow(/row 2026-09-01 is invalid: kind: must be one of/);
    expect(service.calendar.isWorkingDay('2026-09-01')).toBe(false);
  });
});

describe('CalendarService: working-time configuration', () => {
  test('changes take effect at once, are stored, and keep the other fields', async () => {
    const service = await loadedService();
    const { calendar } = service;
    const config = await service.setWorkingTimeConfig({ workingPeriods: [{ start: '08:00', end: '12:00' }, { start: '13:00', end: '17:00' }] });
    expect(config).toMatchObject({ timeZone: 'Asia/Ho_Chi_Minh', workingDayHours: 8, receiptCutoff: '15:00' });
    expect(service.workingTimeConfig).toEqual(config);
    expect(calendar.config).toEqual(config);
    expect(local(calendar.nextWorkingInstant(at('2026-03-02 07:30')))).toBe('2026-03-02 08:00');
    expect(await executor.read((session) => readSetting(session, 'working-time'))).toEqual(config);

    const restarted = await loadedService();
    expect(restarted.calendar.config.workingPeriods).toEqual(config.workingPeriods);
  });

  test.each<[unknown, string, RegExp]>([
    [{ workingDayHours: 0 }, 'workingDayHours', /0 is not a number of hours/],
    [{ workingPeriods: [{ start: '13:00', end: '12:00' }] }, 'workingPeriods[0].end', /must be later than start/],
    [{ timeZone: 'Europe/Paris' }, 'timeZone', /not a supported fixed-offset zone/],
    [{ lunchBreak: 2 }, 'lunchBreak', /is not a working-time setting/],
    [[], 'config', /is not a working-time configuration/],
  ])('%j is an InvalidInputError naming the field, and nothing is stored', async (changes, field, message) => {
    const service = await loadedService();
    invalidInput(await rejection(service.setWorkingTimeConfig(changes as never)), field, message);
    expect(service.workingTimeConfig).toEqual(DEFAULT_WORKING_TIME_CONFIG);
    expect(await executor.read((session) => readSetting(session, 'working-time'))).toBeUndefined();
  });

  test('years pre-filled later count substitute days with the configured working weekdays', async () => {
    const service = await loadedService();
    await service.setWorkingTimeConfig({ workingWeekdays: [1, 2, 3, 4, 5, 6] });
    // 2034: with Saturdays worked, the Saturday holidays (18/2 in Tết, 2/9) give no substitute day
    // off (24/2 and 4/9 with Monday to Friday); the Sunday ones (1/1, 19/2, 30/4) still do.
    const rows = await service.listHolidays(2034);
    expect(rows).toEqual(defaultHolidays(2034, { workingWeekdays: [1, 2, 3, 4, 5, 6] }).map((entry) => expect.objectContaining({ ...entry })));
    expect(dates(rows)).toEqual(expect.arrayContaining(['2034-01-02', '2034-02-23', '2034-05-02']));
    expect(dates(rows)).not.toContain('2034-02-24');
    expect(dates(rows)).not.toContain('2034-09-04');
    expect(dates(defaultHolidays(2034))).toEqual(expect.arrayContaining(['2034-02-24', '2034-09-04']));
    expect(service.calendar.isWorkingDay('2034-03-04')).toBe(true); // a Saturday
  });
});

describe('holiday repository', () => {
  const now = new Date('2026-03-02T02:00:00Z');
  const entry = (date: string, name = date) => ({ date, kind: 'public-holiday' as const, name, source: 'admin' as const });

  test('lists by year and range, upserts, deletes and counts by year', async () => {
    await executor.execute(async (session) => {
      expect(await holidays.insertHolidaysIfAbsent(session, [entry('2026-01-01'), entry('2026-12-31'), entry('2027-01-01')], now)).toBe(3);
      expect(await holidays.insertHolidaysIfAbsent(session, [entry('2026-01-01'), entry('2026-06-01')], now)).toBe(1);
      expect(await holidays.insertHolidayIfAbsent(session, entry('2026-06-01'), now)).toBe(false);
    });
    await executor.read(async (session) => {
      expect(dates(await holidays.listHolidaysOfYear(session, 2026))).toEqual(['2026-01-01', '2026-06-01', '2026-12-31']);
      expect(dates(await holidays.listHolidaysBetween(session, '2026-06-01', '2027-01-01'))).toEqual(['2026-06-01', '2026-12-31', '2027-01-01']);
      expect(await holidays.countHolidaysByYear(session)).toEqual(new Map([[2026, 3], [2027, 1]]));
    });
    const later = new Date('2026-04-01T00:00:00Z');
    await executor.execute((session) => holidays.upsertHoliday(session, { ...entry('2026-06-01', 'renamed'), kind: 'substitute-day-off' }, later));
    const row = await executor.read((session) => holidays.readHoliday(session, '2026-06-01'));
    expect(row).toEqual({ ...entry('2026-06-01', 'renamed'), kind: 'substitute-day-off', createdAt: now, updatedAt: later });
    expect(await executor.execute((session) => holidays.deleteHoliday(session, '2026-06-01'))).toBe(true);
    expect(await executor.execute((session) => holidays.deleteHoliday(session, '2026-06-01'))).toBe(false);
    expect(await executor.read((session) => holidays.listAllHolidays(session))).toHaveLength(3);
  });

  test('records each pre-filled year once', async () => {
    await executor.execute(async (session) => {
      expect(await holidays.markHolidayYearPrefilled(session, 2026, now)).toBe(true);
      expect(await holidays.markHolidayYearPrefilled(session, 2026, now)).toBe(false);
      expect(await holidays.prefilledHolidayYears(session)).toEqual(new Set([2026]));
    });
  });
});
