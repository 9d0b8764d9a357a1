import { daysBetween } from "~/money/fiscal";

export type SlipInput = { baselineDate: string; forecastDate: string | null; actualDate: string | null };

/**
 * Slip in days: actual (or else forecast) minus baseline. A milestone with
 * neither is on its baseline, so 0. Positive is late, negative early.
 */
export function slipDays(m: SlipInput): number {
  const date = m.actualDate ?? m.forecastDate;
  return date ? daysBetween(m.baselineDate, date) : 0;
}

/** The date the milestone is expected: actual if done, else forecast, else baseline. */
export function expectedDate(m: SlipInput): string {
  return m.actualDate ?? m.forecastDate ?? m.baselineDate;
}

const OPEN = new Set(["not_started", "in_progress"]);

/** Open and its forecast (or baseline) date has passed. */
export function isOverdue(m: SlipInput & { status: string }, today: string): boolean {
  return OPEN.has(m.status) && (m.forecastDate ?? m.baselineDate) < today;
}

export function formatSlip(days: number): string {
  if (days === 0) return "on baseline";
  return days > 0 ? `+${days} d late` : `${-days} d early`;
}
