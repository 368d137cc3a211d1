/**
 * The dossier's clock (DOMAIN.md, "Supplement during processing"): while the dossier waits for the
 * applicant — status 5 (supplement requested) or 6 (waiting for financial obligations) — the clock
 * stops; when it moves on to another status, the due date moves later by the working time it was
 * paused. The original legal due date stays as it was, for statistics.
 */
import type { WorkingCalendar } from '../calendar/index.js';
import type { InstanceRow } from '../store/rows.js';

export const PAUSED_STATUSES: ReadonlySet<number> = new Set([5, 6]);

/** The instance's clock fields after its dossier status changes to `status` at `now`. */
export function clockAfterStatus(
  row: Pick<InstanceRow, 'dossierStatus' | 'dueDate' | 'pausedAt'>,
  status: number,
  now: Date,
  calendar: WorkingCalendar,
): Pick<InstanceRow, 'dueDate' | 'pausedAt'> {
  const wasPaused = row.pausedAt !== null;
  const pauses = PAUSED_STATUSES.has(status);
  if (pauses && !wasPaused) return { dueDate: row.dueDate, pausedAt: now };
  if (!pauses && wasPaused) {
    const paused = calendar.workingMillisBetween(row.pausedAt!, now);
    return { dueDate: row.dueDate && calendar.addWorkingMillis(row.dueDate, paused), pausedAt: null };
  }
  return { dueDate: row.dueDate, pausedAt: row.pausedAt };
}
