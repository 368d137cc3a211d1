/**
 * Converts what feelin returns into plain JSON-like values that process variables can hold.
 *
 * - Temporal values become their ISO-8601 text, as Zeebe stores FEEL results: a date
 *   '2020-04-06', a time '10:30:00' (with its zone if it has one), a date and time
 *   '2020-04-06T10:30:00Z' (a local one has no zone suffix; a named zone keeps '@Europe/Paris'),
 *   a duration 'P1DT2H' or 'P1Y2M'. A JavaScript Date put into the context reaches FEEL as a
 *   zoned date and time (feelin converts it) and so comes back as ISO text.
 * - A range becomes { start, end, 'start included', 'end included' } (FEEL's own property names).
 * - Lists and contexts are converted element by element.
 * - A function cannot be stored as a variable: it is an error.
 */
import { FeelDate, FeelDateTime, FeelDuration, FeelTime, isFunction, isRange } from 'feelin';

/** The FEEL value has no plain equivalent; feel.ts reports it as an evaluation error. */
export class FeelValueError extends Error {}

export function fromFeel(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object' && typeof value !== 'function') return value;
  if (value instanceof FeelDate || value instanceof FeelTime || value instanceof FeelDateTime || value instanceof FeelDuration) {
    return value.toString();
  }
  if (typeof value === 'function' || isFunction(value)) {
    throw new FeelValueError('The expression evaluates to a function, which cannot be used as a value');
  }
  if (isRange(value)) {
    return {
      start: fromFeel(value.start),
      end: fromFeel(value.end),
      'start included': value['start included'],
      'end included': value['end included'],
    };
  }
  if (Array.isArray(value)) return value.map(fromFeel);
  return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, fromFeel(entry)]));
}
