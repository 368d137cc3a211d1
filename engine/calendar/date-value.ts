/**
 * Turns what a date attribute evaluates to (camunda:dueDate, followUpDate) into an instant:
 * a Date; an ISO 8601 date or date-time text (a date alone means midnight UTC); or an ISO 8601
 * duration (P3D, PT4H, P1W) counted in calendar time from now. Working-time durations come with the
 * working-time calendar.
 */
const DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

export interface IsoDuration {
  readonly years: number;
  readonly months: number;
  readonly weeks: number;
  readonly days: number;
  readonly hours: number;
  readonly minutes: number;
  readonly seconds: number;
}

/** Reads an ISO 8601 duration (PnYnMnWnDTnHnMnS); undefined when the text is no duration. */
export function parseIsoDuration(text: string): IsoDuration | undefined {
  const match = DURATION.exec(text);
  if (!match || text === 'P' || text.endsWith('T')) return undefined;
  const [years, months, weeks, days, hours, minutes, seconds] = match.slice(1).map((part) => (part ? Number(part) : 0)) as [
    number, number, number, number, number, number, number,
  ];
  return { years, months, weeks, days, hours, minutes, seconds };
}

/** Parses an ISO 8601 date or date-time (a date alone is midnight UTC); undefined when it is none. */
export function parseIsoDate(text: string): Date | undefined {
  if (!ISO_DATE.test(text)) return undefined;
  const parsed = new Date(text.length === 10 ? `${text}T00:00:00Z` : text);
  return Number.isNaN(parsed.getTime()) ? undefined : parsed;
}

/** Adds an ISO 8601 duration to an instant in calendar time; undefined when the text is no duration. */
export function addIsoDuration(start: Date, text: string): Date | undefined {
  const duration = parseIsoDuration(text);
  if (!duration) return undefined;
  const { years, months, weeks, days, hours, minutes, seconds } = duration;
  const result = new Date(start.getTime());
  result.setUTCFullYear(result.getUTCFullYear() + years, result.getUTCMonth() + months, result.getUTCDate() + weeks * 7 + days);
  return new Date(result.getTime() + ((hours * 60 + minutes) * 60 + seconds) * 1000);
}

export function toDateValue(value: unknown, now: Date): Date | null {
  if (value === null || value === undefined || value === '') return null;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new Error('is an invalid date');
    return value;
  }
  if (typeof value === 'string') {
    const text = value.trim();
    const later = addIsoDuration(now, text);
    if (later) return later;
    const date = parseIsoDate(text);
    if (date) return date;
    throw new Error(`'${text}' is neither an ISO 8601 date nor a duration`);
  }
  throw new Error(`expected a date, got ${JSON.stringify(value)}`);
}
