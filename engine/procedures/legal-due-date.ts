/**
 * The legal due date of a dossier (ngày hẹn trả, DOMAIN.md "Deadlines: working time"): counting
 * starts at receipt — at the next working period when received outside working hours, on the next
 * working day when received after the receipt cut-off (15:00). A limit in working days adds that
 * many working days (8 working hours each, by configuration; fractions count in hours); a limit of
 * 0 working days is the end of the day counting starts on (same-day procedures). A limit in
 * calendar days ends on the date so many days later, moved to the next working day when that is
 * not one, at the end of its last working period.
 */
import type { WorkingCalendar } from '../calendar/index.js';
import type { ProcedureInfo } from '../model/graph.js';

export function legalDueDate(procedure: ProcedureInfo | undefined, receivedAt: Date, calendar: WorkingCalendar): Date | null {
  if (procedure?.legalTimeLimit === undefined) return null;
  const limit = procedure.legalTimeLimit;
  const start = calendar.receiptStart(receivedAt);
  if (procedure.legalTimeUnit === 'calendarDays') return calendar.calendarDaysDue(start, Math.ceil(limit));
  if (limit === 0) return calendar.calendarDaysDue(start, 0);
  return calendar.addWorkingHours(start, limit * calendar.config.workingDayHours);
}
