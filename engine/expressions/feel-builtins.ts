/**
 * What the runtime lends FEEL for one evaluation, beyond the variables: the command's instant and the
 * engine's working-time calendar (ARCHITECTURE.md principle 6: nothing here reads a global clock).
 *
 * The runtime attaches them to the evaluation context with withFeelBuiltins(context, { now, calendar }):
 * they travel under a symbol key that is not enumerable, so they are no variable (JUEL and FEEL name
 * lookups never see them) and every wrapper that passes the context on (compileCondition) keeps them.
 *
 * Functions they give FEEL (compiled in feel.ts):
 * - `workingDays(n)`: the instant n working days after now (n × workingDayHours of working time,
 *   counted from the next working instant, by calendar.addWorkingDays), as ISO 8601 UTC text
 *   ('2026-03-05T02:00:00.000Z'), which user-task dueDate/followUpDate and timer timeDate accept.
 * - `workingHours(n)`: the same with n working hours (calendar.addWorkingHours).
 * n is a number ≥ 0 (fractions allowed) and at most MAX_WORKING_DAYS working days; anything else,
 * or a call without a calendar or a clock, fails the evaluation (ExpressionEvaluationError) rather
 * than giving FEEL's null: a deadline that silently disappears is worse than a failed command.
 * - `now()` and `today()` read `now` when it is given (the same instant for the whole command).
 *
 * A process variable of the same name hides a function, as it hides now() and today().
 */
import { FeelFunction } from 'feelin';
import type { WorkingCalendar } from '../calendar/working-time.js';
import { describeValue } from './describe-value.js';
import type { ExpressionContext } from './types.js';

export interface FeelBuiltins {
  /** The command's instant: now(), today(), and what workingDays/workingHours count from. */
  readonly now?: Date;
  /** The engine's working-time calendar (CalendarService.calendar). */
  readonly calendar?: WorkingCalendar;
}

const BUILTINS: unique symbol = Symbol('motcua.feelBuiltins');

/** A ten-year bound, so that a variable cannot make one evaluation walk the calendar for ever. */
export const MAX_WORKING_DAYS = 2_600;

/** A copy of the context carrying the builtins (the context itself is not changed). */
export function withFeelBuiltins(context: ExpressionContext, builtins: FeelBuiltins): ExpressionContext {
  const carrier: Record<string, unknown> = { ...context };
  Object.defineProperty(carrier, BUILTINS, { value: builtins, enumerable: false });
  return carrier;
}

/** The builtins attached to a context, if any. */
export function feelBuiltinsOf(context: ExpressionContext): FeelBuiltins | undefined {
  return (context as { [BUILTINS]?: FeelBuiltins })[BUILTINS];
}

/** workingDays and workingHours over the given clock and calendar (either may be missing). */
export function workingTimeFunctions(
  now: (() => Date) | undefined,
  calendar: WorkingCalendar | undefined,
): Record<'workingDays' | 'workingHours', FeelFunction> {
  const make = (name: 'workingDays' | 'workingHours') =>
    new FeelFunction((n: unknown) => {
      if (calendar === undefined || now === undefined) {
        throw new Error(`${name}() needs the engine's working-time calendar and clock, and this evaluation was given ${calendar ? 'no clock' : 'no calendar'}`);
      }
      const dayHours = calendar.config.workingDayHours;
      const limit = name === 'workingDays' ? MAX_WORKING_DAYS : MAX_WORKING_DAYS * dayHours;
      if (typeof n !== 'number' || !Number.isFinite(n) || n < 0 || n > limit) {
        throw new Error(`${name}(n): n must be a number from 0 to ${limit}, but it is ${describeValue(n)}`);
      }
      const start = now();
      const due = name === 'workingDays' ? calendar.addWorkingDays(start, n) : calendar.addWorkingHours(start, n);
      return due.toISOString();
    }, ['n']);
  return { workingDays: make('workingDays'), workingHours: make('workingHours') };
}
