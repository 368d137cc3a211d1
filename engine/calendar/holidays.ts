/**
 * The holiday table (DOMAIN.md "Deadlines: working time"): per local date 'YYYY-MM-DD' in the
 * calendar's zone, at most one entry, which is either
 * - a day off: a public holiday (ngày nghỉ lễ, Tết) or a substitute day off (ngày nghỉ bù, also the
 *   weekday given off in a swap), even if that date is a working weekday; or
 * - a swapped working day (ngày làm bù): a Saturday or Sunday that counts as a working day.
 * Dates without an entry follow the configured working weekdays. Each entry has a name and a source:
 * 'date-holidays' (pre-filled from the package), 'labour-code' (added by the Labour Code rules or a
 * government notice, see default-holidays.ts) or 'admin' (edited by a system admin).
 *
 * HolidayCalendar is the in-memory table, built from a list of entries; admins add and remove
 * substitute days off and swapped working days. A date holds one entry: to change it, remove it
 * first. Errors are InvalidInputError naming the field.
 */
import { InvalidInputError } from '../errors.js';
import { parseLocalDate } from './local-date.js';

export type HolidayKind = 'public-holiday' | 'substitute-day-off' | 'swapped-working-day';
export type HolidaySource = 'date-holidays' | 'labour-code' | 'admin';

export interface HolidayEntry {
  /** Local date 'YYYY-MM-DD'. */
  readonly date: string;
  readonly kind: HolidayKind;
  readonly name: string;
  readonly source: HolidaySource;
}

const KINDS: readonly HolidayKind[] = ['public-holiday', 'substitute-day-off', 'swapped-working-day'];
const SOURCES: readonly HolidaySource[] = ['date-holidays', 'labour-code', 'admin'];

/** Whether an entry makes its date a day off (a public holiday or a substitute day off). */
export function isDayOffEntry(entry: HolidayEntry): boolean {
  return entry.kind !== 'swapped-working-day';
}

/** A checked, frozen copy of an entry; `path` prefixes the field names in errors. */
export function validateHolidayEntry(entry: unknown, path = ''): HolidayEntry {
  const field = (name: string) => (path ? `${path}.${name}` : name);
  if (typeof entry !== 'object' || entry === null) throw new InvalidInputError(path || 'entry', 'is not a holiday entry');
  const { date, kind, name, source } = entry as Record<string, unknown>;
  if (parseLocalDate(date) === undefined) throw new InvalidInputError(field('date'), `${JSON.stringify(date)} is not a date 'YYYY-MM-DD'`);
  if (!KINDS.includes(kind as HolidayKind)) throw new InvalidInputError(field('kind'), `must be one of ${KINDS.join(', ')}`);
  if (typeof name !== 'string' || name.trim() === '') throw new InvalidInputError(field('name'), 'must be a non-empty text');
  if (!SOURCES.includes(source as HolidaySource)) throw new InvalidInputError(field('source'), `must be one of ${SOURCES.join(', ')}`);
  return Object.freeze({ date: date as string, kind: kind as HolidayKind, name: name.trim(), source: source as HolidaySource });
}

export class HolidayCalendar {
  readonly #entries = new Map<string, HolidayEntry>();

  constructor(entries: Iterable<HolidayEntry> = []) {
    let index = 0;
    for (const entry of entries) this.#put(validateHolidayEntry(entry, `entries[${index++}]`));
  }

  /** The entry of a local date 'YYYY-MM-DD', if any. */
  get(date: string): HolidayEntry | undefined {
    return this.#entries.get(date);
  }

  /** All entries in date order, or those of one year. */
  entries(year?: number): HolidayEntry[] {
    const all = [...this.#entries.values()].sort((a, b) => a.date.localeCompare(b.date));
    return year === undefined ? all : all.filter((entry) => entry.date.startsWith(`${year}-`));
  }

  /** Adds a checked entry; a date that already has one is an error (remove it first). */
  add(entry: HolidayEntry): HolidayEntry {
    return this.#put(validateHolidayEntry(entry));
  }

  /** A substitute day off (nghỉ bù), also the weekday given off in a swap. */
  addSubstituteDayOff(date: string, name: string, source: HolidaySource = 'admin'): HolidayEntry {
    return this.add({ date, kind: 'substitute-day-off', name, source });
  }

  /** A Saturday or Sunday that counts as a working day (ngày làm bù). */
  addSwappedWorkingDay(date: string, name: string, source: HolidaySource = 'admin'): HolidayEntry {
    return this.add({ date, kind: 'swapped-working-day', name, source });
  }

  /** Removes the entry of a date; false when there was none. */
  remove(date: string): boolean {
    return this.#entries.delete(date);
  }

  #put(entry: HolidayEntry): HolidayEntry {
    const existing = this.#entries.get(entry.date);
    if (existing) {
      throw new InvalidInputError('date', `${entry.date} already has an entry (${existing.kind}: ${existing.name}); remove it first`);
    }
    this.#entries.set(entry.date, entry);
    return entry;
  }
}
