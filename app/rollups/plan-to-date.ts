import { daysBetween, type FiscalQuarter, quarterBounds } from "~/money/fiscal";

/**
 * Plan to date from quarterly plan amounts: whole quarters that have ended,
 * plus the elapsed share of the quarter in progress (by days, rounded down
 * to the cent with integer arithmetic). A quarterly plan is spent across the
 * quarter, so counting the whole quarter on its first day would show an
 * underspend every quarter start.
 */
export function planToDateCents(quarterPlan: Array<FiscalQuarter & { cents: number }>, asOf: string, fyStartMonth: number): number {
  let total = 0;
  for (const q of quarterPlan) {
    const { start, end } = quarterBounds(q, fyStartMonth);
    if (end <= asOf) total += q.cents;
    else if (start <= asOf) {
      const elapsed = daysBetween(start, asOf) + 1;
      const length = daysBetween(start, end) + 1;
      total += Math.floor((q.cents * elapsed) / length);
    }
  }
  return total;
}
