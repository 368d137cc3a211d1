/**
 * The working-time calendar kept in the database (DOMAIN.md "Deadlines: working time"): the holiday
 * table that admins edit (migration 003-holidays) and the working-time configuration (the settings
 * row 'working-time'; the built-in defaults until an admin sets it).
 *
 * - `calendar` is one WorkingCalendar object for the service's whole life: it delegates to the
 *   snapshot loaded last, so RuntimeServices can hold it and still see every reload. It throws until
 *   load() has run.
 * - load() pre-fills the defaults (defaultHolidays) of the clock's year −1 … +2, then reads every row.
 *   A year is pre-filled once: the holiday_years table records it, so an admin's removals stick, even
 *   of a whole year's entries. Rows already present when a year is pre-filled (an admin's entry added
 *   ahead) win over the defaults of their dates. Several servers may pre-fill at once: exactly one
 *   transaction records each year, the others insert nothing.
 * - addHoliday / removeHoliday / setWorkingTimeConfig change the database in one transaction and then
 *   reload, so the change is in effect in this engine when the call returns. Adding or removing a date
 *   of a year not pre-filled yet pre-fills that year first (in the same transaction), as does
 *   listHolidays, so what an admin sees and edits is always the complete table of the year.
 * - refresh() is load() again: it picks up the changes other servers made and pre-fills the window
 *   again when the clock has moved into a new year. Call it periodically (e.g. every minute) on every
 *   server; until then another server's edit is not seen here. Reloads that overlap install only the
 *   newest snapshot.
 *
 * Deadlines already computed (task due dates, timer jobs) are stored instants: an edit changes only
 * deadlines computed after it.
 */
import { InvalidInputError } from '../errors.js';
import type { CommandExecutor } from '../runtime/command-executor.js';
import type { Clock } from '../runtime/clock.js';
import type { SqlSession } from '../store/sql-session.js';
import * as store from '../store/holiday-repository.js';
import type { HolidayRow } from '../store/holiday-repository.js';
import { readSetting, writeSetting } from '../store/settings-repository.js';
import { DEFAULT_WORKING_TIME_CONFIG, validateWorkingTimeConfig, type WorkingTimeConfig } from './config.js';
import { defaultHolidays } from './default-holidays.js';
import { HolidayCalendar, validateHolidayEntry, type HolidayEntry, type HolidayKind, type HolidaySource } from './holidays.js';
import { isoWeekday, parseLocalDate } from './local-date.js';
import { createWorkingCalendar, type WorkingCalendar } from './working-time.js';

export type { HolidayRow } from '../store/holiday-repository.js';

/** The settings key of the working-time configuration. */
export const WORKING_TIME_SETTING = 'working-time';

/** What addHoliday takes; `source` is 'admin' when omitted. */
export interface HolidayInput {
  readonly date: string;
  readonly kind: HolidayKind;
  readonly name: string;
  readonly source?: HolidaySource;
}

export interface CalendarServiceOptions {
  /** Years before and after the clock's year that load() and refresh() pre-fill (default 1 and 2). */
  readonly yearsBefore?: number;
  readonly yearsAfter?: number;
}

const FIRST_YEAR = 1976;
const LAST_YEAR = 2999;
const WEEKDAY_NAMES = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const CONFIG_FIELDS: ReadonlySet<string> = new Set(Object.keys(DEFAULT_WORKING_TIME_CONFIG));

interface Snapshot {
  readonly config: WorkingTimeConfig;
  readonly calendar: WorkingCalendar;
  readonly prefilledYears: ReadonlySet<number>;
}

function checkYear(year: unknown, field: string): number {
  if (!Number.isInteger(year) || (year as number) < FIRST_YEAR || (year as number) > LAST_YEAR) {
    throw new InvalidInputError(field, `${JSON.stringify(year)} is not a year ${FIRST_YEAR}–${LAST_YEAR}`);
  }
  return year as number;
}

function checkDate(date: unknown): { date: string; year: number } {
  if (parseLocalDate(date) === undefined) throw new InvalidInputError('date', `${JSON.stringify(date)} is not a date 'YYYY-MM-DD'`);
  const year = Number((date as string).slice(0, 4));
  if (year < FIRST_YEAR || year > LAST_YEAR) throw new InvalidInputError('date', `${date as string} is not in the years ${FIRST_YEAR}–${LAST_YEAR}`);
  return { date: date as string, year };
}

/** The stored configuration over the defaults (fields added later keep their default). */
function resolveConfig(stored: unknown): WorkingTimeConfig {
  if (stored === undefined) return DEFAULT_WORKING_TIME_CONFIG;
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) {
    throw new Error(`The stored working-time configuration (settings '${WORKING_TIME_SETTING}') is not an object`);
  }
  const config = { ...DEFAULT_WORKING_TIME_CONFIG, ...(stored as Partial<WorkingTimeConfig>) };
  try {
    validateWorkingTimeConfig(config);
  } catch (error) {
    if (error instanceof InvalidInputError) {
      throw new Error(`The stored working-time configuration (settings '${WORKING_TIME_SETTING}') is invalid: ${error.message}`, { cause: error });
    }
    throw error;
  }
  return config;
}

/** A swapped working day must be a non-working weekday, a substitute day off a working one. */
function checkMeaningful(entry: HolidayEntry, config: WorkingTimeConfig): void {
  const weekday = isoWeekday(parseLocalDate(entry.date) as number);
  const working = config.workingWeekdays.includes(weekday);
  const day = `${entry.date} is a ${WEEKDAY_NAMES[weekday]}`;
  if (entry.kind === 'swapped-working-day' && working) {
    throw new InvalidInputError('date', `${day}, a working day already: a swapped working day (ngày làm bù) must fall on a non-working weekday`);
  }
  if (entry.kind === 'substitute-day-off' && !working) {
    throw new InvalidInputError('date', `${day}, not a working day anyway: a substitute day off (ngày nghỉ bù) must fall on a working weekday`);
  }
}

/** One object that always computes with the current snapshot. */
function delegatingCalendar(current: () => WorkingCalendar): WorkingCalendar {
  return Object.freeze({
    get config() {
      return current().config;
    },
    isWorkingDay: (date: Date | string) => current().isWorkingDay(date),
    isWorkingTime: (instant: Date) => current().isWorkingTime(instant),
    nextWorkingInstant: (instant: Date) => current().nextWorkingInstant(instant),
    addWorkingHours: (instant: Date, hours: number) => current().addWorkingHours(instant, hours),
    addWorkingMillis: (instant: Date, millis: number) => current().addWorkingMillis(instant, millis),
    addWorkingDays: (instant: Date, days: number) => current().addWorkingDays(instant, days),
    workingHoursBetween: (a: Date, b: Date) => current().workingHoursBetween(a, b),
    workingMillisBetween: (a: Date, b: Date) => current().workingMillisBetween(a, b),
    receiptStart: (instant: Date) => current().receiptStart(instant),
    calendarDaysDue: (instant: Date, days: number) => current().calendarDaysDue(instant, days),
  });
}

export class CalendarService {
  /** The working-time calendar; the same object across reloads. Throws until load() has run. */
  readonly calendar: WorkingCalendar;
  readonly #executor: CommandExecutor;
  readonly #clock: Clock;
  readonly #yearsBefore: number;
  readonly #yearsAfter: number;
  #snapshot: Snapshot | undefined;
  #requested = 0;
  #installed = 0;

  constructor(executor: CommandExecutor, clock: Clock, options: CalendarServiceOptions = {}) {
    this.#executor = executor;
    this.#clock = clock;
    this.#yearsBefore = options.yearsBefore ?? 1;
    this.#yearsAfter = options.yearsAfter ?? 2;
    this.calendar = delegatingCalendar(() => this.#current().calendar);
  }

  /** Whether load() has completed once. */
  get loaded(): boolean {
    return this.#snapshot !== undefined;
  }

  /** The working-time configuration in effect. */
  get workingTimeConfig(): WorkingTimeConfig {
    return this.#current().config;
  }

  /** Pre-fills the clock's year −1 … +2 where not done yet, then reads the table and the configuration. */
  async load(): Promise<void> {
    const year = this.#clock.now().getUTCFullYear();
    const window: number[] = [];
    for (let y = year - this.#yearsBefore; y <= year + this.#yearsAfter; y++) if (y >= FIRST_YEAR && y <= LAST_YEAR) window.push(y);
    await this.#ensurePrefilled(window);
    await this.#reload();
  }

  /** Reloads what other servers changed (and pre-fills a new year's window): the same as load(). */
  refresh(): Promise<void> {
    return this.load();
  }

  /** The entries of a year in date order, pre-filling the year first if it has not been. */
  async listHolidays(year: number): Promise<HolidayRow[]> {
    checkYear(year, 'year');
    if (!this.#snapshot?.prefilledYears.has(year) && (await this.#ensurePrefilled([year]))) await this.#reload();
    return this.#executor.read((session) => store.listHolidaysOfYear(session, year));
  }

  /**
   * Adds a public holiday, a substitute day off (on a working weekday) or a swapped working day (on
   * a non-working weekday). A date that has an entry already is an InvalidInputError('date') unless
   * `replace` is set, which overwrites it. In effect here when the call returns.
   */
  async addHoliday(input: HolidayInput, options: { replace?: boolean } = {}): Promise<HolidayRow> {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new InvalidInputError('entry', 'is not a holiday entry {date, kind, name}');
    const { year } = checkDate(input.date);
    const entry = validateHolidayEntry({ ...input, source: input.source ?? 'admin' });
    const now = this.#clock.now();
    const row = await this.#executor.execute(async (session) => {
      checkMeaningful(entry, await this.#configIn(session));
      await this.#prefillIn(session, [year], now);
      if (options.replace === true) {
        await store.upsertHoliday(session, entry, now);
      } else if (!(await store.insertHolidayIfAbsent(session, entry, now))) {
        const existing = await store.readHoliday(session, entry.date);
        throw new InvalidInputError(
          'date',
          `${entry.date} already has an entry (${existing?.kind}: ${existing?.name}); remove it first, or add with replace`,
        );
      }
      return (await store.readHoliday(session, entry.date)) as HolidayRow;
    });
    await this.#reload();
    return row;
  }

  /** Removes the entry of a date (InvalidInputError('date') when it has none); returns it. */
  async removeHoliday(date: string): Promise<HolidayRow> {
    const { year } = checkDate(date);
    const now = this.#clock.now();
    const removed = await this.#executor.execute(async (session) => {
      await this.#prefillIn(session, [year], now);
      const existing = await store.readHoliday(session, date);
      if (!existing || !(await store.deleteHoliday(session, date))) throw new InvalidInputError('date', `${date} has no holiday entry`);
      return existing;
    });
    await this.#reload();
    return removed;
  }

  /**
   * Changes fields of the working-time configuration (the rest stay as they are); errors name the
   * field. Returns the configuration now in effect. Years pre-filled later count substitute days
   * with the new working weekdays; rows already stored are not recomputed.
   */
  async setWorkingTimeConfig(changes: Partial<WorkingTimeConfig>): Promise<WorkingTimeConfig> {
    if (typeof changes !== 'object' || changes === null || Array.isArray(changes)) {
      throw new InvalidInputError('config', 'is not a working-time configuration');
    }
    for (const key of Object.keys(changes)) {
      if (!CONFIG_FIELDS.has(key)) throw new InvalidInputError(key, `is not a working-time setting (${[...CONFIG_FIELDS].join(', ')})`);
    }
    const now = this.#clock.now();
    const config = await this.#executor.execute(async (session) => {
      const next: WorkingTimeConfig = { ...(await this.#configIn(session)), ...changes };
      validateWorkingTimeConfig(next);
      await writeSetting(session, WORKING_TIME_SETTING, next, now);
      return next;
    });
    await this.#reload();
    return config;
  }

  #current(): Snapshot {
    if (!this.#snapshot) throw new Error('The working-time calendar is not loaded yet: CalendarService.load() must run first');
    return this.#snapshot;
  }

  async #configIn(session: SqlSession): Promise<WorkingTimeConfig> {
    return resolveConfig(await readSetting(session, WORKING_TIME_SETTING));
  }

  /** Pre-fills those of the years not recorded yet; true when one was. */
  async #ensurePrefilled(years: readonly number[]): Promise<boolean> {
    const done = await this.#executor.read((session) => store.prefilledHolidayYears(session));
    const missing = years.filter((year) => !done.has(year));
    if (missing.length === 0) return false;
    const now = this.#clock.now();
    return this.#executor.execute((session) => this.#prefillIn(session, missing, now));
  }

  /** In the caller's transaction: records and fills each year no transaction has recorded yet. */
  async #prefillIn(session: SqlSession, years: readonly number[], now: Date): Promise<boolean> {
    let filled = false;
    let config: WorkingTimeConfig | undefined;
    for (const year of years) {
      if (!(await store.markHolidayYearPrefilled(session, year, now))) continue;
      config ??= await this.#configIn(session);
      await store.insertHolidaysIfAbsent(session, defaultHolidays(year, { workingWeekdays: config.workingWeekdays }), now);
      filled = true;
    }
    return filled;
  }

  /**
   * Reads rows, configuration and pre-filled years; installs them unless a later reload did already.
   * A row or configuration that does not validate (edited by hand in SQL) fails the reload with an
   * Error naming it, and the snapshot in effect stays.
   */
  async #reload(): Promise<void> {
    const ticket = ++this.#requested;
    const { rows, stored, years } = await this.#executor.read(async (session) => ({
      rows: await store.listAllHolidays(session),
      stored: await readSetting(session, WORKING_TIME_SETTING),
      years: await store.prefilledHolidayYears(session),
    }));
    const config = resolveConfig(stored);
    const holidays = new HolidayCalendar();
    for (const row of rows) {
      try {
        holidays.add(validateHolidayEntry(row));
      } catch (error) {
        throw new Error(`The holiday table's row ${row.date} is invalid: ${(error as Error).message}`, { cause: error });
      }
    }
    const calendar = createWorkingCalendar(config, holidays);
    if (ticket < this.#installed) return;
    this.#installed = ticket;
    this.#snapshot = Object.freeze({ config, calendar, prefilledYears: years });
  }
}
