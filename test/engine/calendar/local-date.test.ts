/**
 * The local-date helpers agree with JavaScript's own UTC calendar: day numbers, weekdays, date and
 * clock texts.
 */
import * as fc from 'fast-check';
import { formatLocalDate, isoWeekday, parseClock, parseLocalDate } from '../../../engine/calendar/local-date.js';

const DAY = 86_400_000;

test('formatLocalDate, parseLocalDate and isoWeekday agree with Date for years 1–9999', () => {
  fc.assert(
    fc.property(fc.integer({ min: -719162, max: 2932896 }), (day) => {
      const date = new Date(day * DAY);
      const text = date.toISOString().slice(0, 10);
      expect(formatLocalDate(day)).toBe(text);
      expect(parseLocalDate(text)).toBe(day);
      expect(isoWeekday(day)).toBe(((date.getUTCDay() + 6) % 7) + 1);
    }),
    { numRuns: 500 },
  );
});

test.each(['2026-02-29', '2026-00-10', '2026-1-10', '20260110', '', undefined])('%j is no date', (text) => {
  expect(parseLocalDate(text)).toBeUndefined();
});

test.each<[string, number | undefined]>([
  ['00:00', 0],
  ['07:00', 25_200_000],
  ['11:30', 41_400_000],
  ['24:00', DAY],
  ['24:01', undefined],
  ['12:60', undefined],
  ['7:00', undefined],
])('clock %s', (text, ms) => {
  expect(parseClock(text)).toBe(ms);
});
