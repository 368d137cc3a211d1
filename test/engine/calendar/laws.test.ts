/**
 * Property-based laws of the working-time arithmetic (fast-check), on the default configuration and
 * the pre-filled tables of 2025–2028. Instants are drawn at random and also on and around the period
 * boundaries (07:00, 11:30, 13:30, 17:00 ± 1 ms); amounts are whole milliseconds, sometimes exact
 * period lengths. Runs are limited to keep the suite fast.
 */
import * as fc from 'fast-check';
import { at, defaultCalendar, local } from './helpers.js';

const calendar = defaultCalendar();
const HOUR = 3_600_000;
const FROM = at('2025-01-01 00:00').getTime();
const TO = at('2028-10-01 00:00').getTime(); // leaves room for additions inside the tabled years
const RUNS = { numRuns: 200 };

const anyInstant = fc.integer({ min: FROM, max: TO }).map((ms) => new Date(ms));
const boundaryInstant = fc
  .tuple(
    fc.integer({ min: 0, max: Math.floor((TO - FROM) / (24 * HOUR)) }),
    fc.constantFrom('07:00', '11:30', '13:30', '17:00'),
    fc.constantFrom(-1, 0, 1),
  )
  .map(([day, clock, nudge]) => new Date(at(`2025-01-01 ${clock}`).getTime() + day * 24 * HOUR + nudge));
const instant = fc.oneof(anyInstant, boundaryInstant);
const workingInstant = instant.map((t) => calendar.nextWorkingInstant(t));
const millis = fc.oneof(
  fc.integer({ min: 0, max: 300 * HOUR }),
  fc.constantFrom(0, 1, 3.5 * HOUR, 4.5 * HOUR, 8 * HOUR, 16 * HOUR),
);

/** Up to 60 calendar days, sometimes to a period boundary's exact multiple of half hours. */
const gap = fc.oneof(fc.integer({ min: 0, max: 60 * 24 * HOUR }), fc.integer({ min: 0, max: 60 * 48 }).map((n) => n * HOUR / 2));

function atPeriodEnd(t: Date): boolean {
  const clock = local(t).slice(11);
  return calendar.isWorkingDay(t) && (clock === '11:30' || clock === '17:00');
}

describe('working-time laws', () => {
  test('add(add(t, a), b) = add(t, a + b) for t in working time', () => {
    fc.assert(
      fc.property(workingInstant, millis, millis, (t, a, b) => {
        const stepwise = calendar.addWorkingMillis(calendar.addWorkingMillis(t, a), b);
        expect(stepwise.getTime()).toBe(calendar.addWorkingMillis(t, a + b).getTime());
      }),
      RUNS,
    );
  });

  test('… and for any t, with hours', () => {
    fc.assert(
      fc.property(instant, millis, millis, (t, a, b) => {
        const stepwise = calendar.addWorkingHours(calendar.addWorkingHours(t, a / HOUR), b / HOUR);
        expect(stepwise.getTime()).toBe(calendar.addWorkingHours(t, (a + b) / HOUR).getTime());
      }),
      RUNS,
    );
  });

  test('addWorkingHours lands inside working time or exactly on a period end', () => {
    fc.assert(
      fc.property(instant, millis, (t, h) => {
        const result = calendar.addWorkingHours(t, h / HOUR);
        expect(calendar.isWorkingTime(result) || atPeriodEnd(result)).toBe(true);
        expect(result.getTime()).toBeGreaterThanOrEqual(t.getTime());
      }),
      RUNS,
    );
  });

  test('workingHoursBetween(t, addWorkingHours(t, h)) = h', () => {
    fc.assert(
      fc.property(instant, millis, (t, h) => {
        const end = calendar.addWorkingHours(t, h / HOUR);
        expect(calendar.workingMillisBetween(t, end)).toBe(h);
        expect(calendar.workingHoursBetween(t, end)).toBe(h / HOUR);
        expect(calendar.workingHoursBetween(end, t)).toBe(h === 0 ? 0 : -h / HOUR);
      }),
      RUNS,
    );
  });

  test('addWorkingMillis is monotonic in the amount', () => {
    fc.assert(
      fc.property(instant, millis, millis, (t, a, b) => {
        expect(calendar.addWorkingMillis(t, a).getTime()).toBeLessThanOrEqual(calendar.addWorkingMillis(t, a + b).getTime());
      }),
      RUNS,
    );
  });

  test('nextWorkingInstant is idempotent, inside working time, not earlier, with no working time skipped', () => {
    fc.assert(
      fc.property(instant, (t) => {
        const next = calendar.nextWorkingInstant(t);
        expect(calendar.isWorkingTime(next)).toBe(true);
        expect(calendar.nextWorkingInstant(next).getTime()).toBe(next.getTime());
        expect(next.getTime()).toBeGreaterThanOrEqual(t.getTime());
        expect(calendar.workingMillisBetween(t, next)).toBe(0);
        expect(calendar.isWorkingTime(t)).toBe(next.getTime() === t.getTime());
      }),
      RUNS,
    );
  });

  test('workingMillisBetween is additive over consecutive intervals', () => {
    fc.assert(
      fc.property(instant, gap, gap, (a, first, second) => {
        const b = new Date(a.getTime() + first);
        const c = new Date(b.getTime() + second);
        expect(calendar.workingMillisBetween(a, c)).toBe(calendar.workingMillisBetween(a, b) + calendar.workingMillisBetween(b, c));
      }),
      RUNS,
    );
  });

  test('addWorkingDays(t, d) = addWorkingHours(t, 8d), and receiptStart lands in working time', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 40 }), (t, d) => {
        expect(calendar.addWorkingDays(t, d).getTime()).toBe(calendar.addWorkingHours(t, 8 * d).getTime());
        const start = calendar.receiptStart(t);
        expect(calendar.isWorkingTime(start)).toBe(true);
        expect(start.getTime()).toBeGreaterThanOrEqual(calendar.nextWorkingInstant(t).getTime());
      }),
      RUNS,
    );
  });

  test('calendarDaysDue ends at 17:00 of a working day, never before the plain calendar date', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 60 }), (t, days) => {
        const due = calendar.calendarDaysDue(t, days);
        expect(calendar.isWorkingDay(due)).toBe(true);
        expect(local(due).slice(11)).toBe('17:00');
        const plain = new Date(at(`${local(t).slice(0, 10)} 17:00`).getTime() + days * 24 * HOUR);
        expect(due.getTime()).toBeGreaterThanOrEqual(plain.getTime());
      }),
      RUNS,
    );
  });
});
