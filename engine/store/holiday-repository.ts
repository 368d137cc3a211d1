/**
 * The holiday table (migration 003-holidays): one row per local date 'YYYY-MM-DD', and the years
 * whose defaults have been pre-filled (holiday_years). Plain functions on a SqlSession, so they run
 * inside whatever command the caller opened (CommandExecutor.execute / read). Rows are returned as
 * plain objects in date order; checking their kind and source is the calendar's business
 * (validateHolidayEntry), not the store's.
 */
import { sql, type SqlSession } from './sql-session.js';
import { timeParam, toDate } from './rows.js';
import type { HolidayEntry, HolidayKind, HolidaySource } from '../calendar/holidays.js';

export interface HolidayRow extends HolidayEntry {
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

type Raw = Record<string, unknown>;

const COLUMNS = 'date, kind, name, source, created_at, updated_at';

const S = {
  all: sql('motcua_holidays_all', `SELECT ${COLUMNS} FROM holidays ORDER BY date`),
  between: sql('motcua_holidays_between', `SELECT ${COLUMNS} FROM holidays WHERE date >= $1 AND date <= $2 ORDER BY date`),
  one: sql('motcua_holiday', `SELECT ${COLUMNS} FROM holidays WHERE date = $1`),
  insertIfAbsent: sql(
    'motcua_insert_holiday',
    `INSERT INTO holidays (date, kind, name, source, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5)
     ON CONFLICT (date) DO NOTHING`,
  ),
  upsert: sql(
    'motcua_upsert_holiday',
    `INSERT INTO holidays (date, kind, name, source, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5)
     ON CONFLICT (date) DO UPDATE SET kind = excluded.kind, name = excluded.name, source = excluded.source,
       updated_at = excluded.updated_at`,
  ),
  delete: sql('motcua_delete_holiday', 'DELETE FROM holidays WHERE date = $1'),
  countByYear: sql(
    'motcua_count_holidays_by_year',
    'SELECT substr(date, 1, 4) AS year, count(*) AS n FROM holidays GROUP BY substr(date, 1, 4) ORDER BY 1',
  ),
  prefilledYears: sql('motcua_prefilled_holiday_years', 'SELECT year FROM holiday_years ORDER BY year'),
  markPrefilled: sql(
    'motcua_mark_holiday_year',
    'INSERT INTO holiday_years (year, prefilled_at) VALUES ($1, $2) ON CONFLICT (year) DO NOTHING',
  ),
} as const;

function toHolidayRow(raw: Raw): HolidayRow {
  return {
    date: String(raw.date),
    kind: String(raw.kind) as HolidayKind,
    name: String(raw.name),
    source: String(raw.source) as HolidaySource,
    createdAt: toDate(raw.created_at),
    updatedAt: toDate(raw.updated_at),
  };
}

const entryParams = (entry: HolidayEntry, now: Date) => [entry.date, entry.kind, entry.name, entry.source, timeParam(now)];

/** Every row, in date order. */
export async function listAllHolidays(session: SqlSession): Promise<HolidayRow[]> {
  return (await session.all<Raw>(S.all)).map(toHolidayRow);
}

/** The rows of local dates from `from` to `to` ('YYYY-MM-DD', both included), in date order. */
export async function listHolidaysBetween(session: SqlSession, from: string, to: string): Promise<HolidayRow[]> {
  return (await session.all<Raw>(S.between, [from, to])).map(toHolidayRow);
}

/** The rows of one year, in date order. */
export function listHolidaysOfYear(session: SqlSession, year: number): Promise<HolidayRow[]> {
  const text = String(year).padStart(4, '0');
  return listHolidaysBetween(session, `${text}-01-01`, `${text}-12-31`);
}

export async function readHoliday(session: SqlSession, date: string): Promise<HolidayRow | undefined> {
  const [raw] = await session.all<Raw>(S.one, [date]);
  return raw ? toHolidayRow(raw) : undefined;
}

/** Inserts the entry unless its date already has a row; true when it was inserted. */
export async function insertHolidayIfAbsent(session: SqlSession, entry: HolidayEntry, now: Date): Promise<boolean> {
  return (await session.run(S.insertIfAbsent, entryParams(entry, now))) === 1;
}

/** Inserts the entries whose dates have no row yet (one statement); the number inserted. */
export async function insertHolidaysIfAbsent(session: SqlSession, entries: readonly HolidayEntry[], now: Date): Promise<number> {
  if (entries.length === 0) return 0;
  const params: unknown[] = [timeParam(now)];
  const rows = entries.map((entry) => {
    const n = params.length;
    params.push(entry.date, entry.kind, entry.name, entry.source);
    return `($${n + 1}, $${n + 2}, $${n + 3}, $${n + 4}, $1, $1)`;
  });
  return session.runDynamic(
    `INSERT INTO holidays (date, kind, name, source, created_at, updated_at) VALUES ${rows.join(', ')} ON CONFLICT (date) DO NOTHING`,
    params,
  );
}

/** Inserts the entry, or replaces the row its date has (keeping that row's created_at). */
export async function upsertHoliday(session: SqlSession, entry: HolidayEntry, now: Date): Promise<void> {
  await session.run(S.upsert, entryParams(entry, now));
}

/** Deletes the row of a date; false when there was none. */
export async function deleteHoliday(session: SqlSession, date: string): Promise<boolean> {
  return (await session.run(S.delete, [date])) > 0;
}

/** How many rows each year has; years without rows are absent. */
export async function countHolidaysByYear(session: SqlSession): Promise<Map<number, number>> {
  const rows = await session.all<Raw>(S.countByYear);
  return new Map(rows.map((row) => [Number(row.year), Number(row.n)]));
}

/** The years whose defaults have been pre-filled. */
export async function prefilledHolidayYears(session: SqlSession): Promise<Set<number>> {
  return new Set((await session.all<Raw>(S.prefilledYears)).map((row) => Number(row.year)));
}

/**
 * Records that a year's defaults are being pre-filled; false when it was recorded already (by this
 * or another server). Inside a transaction on PostgreSQL, a second server's insert waits for the
 * first one's commit and then inserts nothing, so exactly one transaction pre-fills each year.
 */
export async function markHolidayYearPrefilled(session: SqlSession, year: number, now: Date): Promise<boolean> {
  return (await session.run(S.markPrefilled, [year, timeParam(now)])) === 1;
}
