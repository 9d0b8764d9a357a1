import { type FiscalQuarter, quarterBounds } from "~/money/fiscal";

/**
 * The day a quarter's figures are read as of, seen on `today` (a day in the
 * programme's time zone): its last day once it has ended, today while it runs.
 * The dashboard's quarter selector and the board report use this one rule, so
 * `/dashboard?quarter=Q` and the report for Q read the same day.
 */
export function quarterAsOf(q: FiscalQuarter, fyStartMonth: number, today: string): string {
  const { end } = quarterBounds(q, fyStartMonth);
  return end < today ? end : today;
}

/** True once the quarter's last day is over in the programme's time zone (today is later than it). */
export function quarterHasEnded(q: FiscalQuarter, fyStartMonth: number, today: string): boolean {
  return quarterBounds(q, fyStartMonth).end < today;
}
