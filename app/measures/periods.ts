import type { MeasureCadence } from "#db/schema/measures";

/** A reporting period is a calendar month, YYYY-MM. */
export const PERIOD_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

export function isPeriod(value: string): boolean {
  return PERIOD_PATTERN.test(value);
}

/** Months since year 0: makes month arithmetic integer arithmetic. */
export function monthIndex(period: string): number {
  return Number(period.slice(0, 4)) * 12 + Number(period.slice(5, 7)) - 1;
}

export function periodOf(index: number): string {
  return `${String(Math.floor(index / 12)).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}`;
}

export function addMonths(period: string, n: number): string {
  return periodOf(monthIndex(period) + n);
}

export function periodRange(from: string, to: string): string[] {
  const out: string[] = [];
  for (let i = monthIndex(from); i <= monthIndex(to); i++) out.push(periodOf(i));
  return out;
}

/** Last calendar day of the period. */
export function periodEnd(period: string): string {
  const [y, m] = period.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** "March 2026". */
export function periodLabel(period: string): string {
  return `${MONTHS[Number(period.slice(5, 7)) - 1]} ${period.slice(0, 4)}`;
}

/** "Mar 26", for chart axes and grid headers. */
export function shortPeriodLabel(period: string): string {
  return `${MONTHS[Number(period.slice(5, 7)) - 1]!.slice(0, 3)} ${period.slice(2, 4)}`;
}

/**
 * Whether a measure of this cadence reports for the period: every month, or
 * (quarterly) the last month of each fiscal quarter.
 */
export function reportsIn(period: string, cadence: MeasureCadence, fyStartMonth: number): boolean {
  if (cadence === "monthly") return true;
  const month = Number(period.slice(5, 7));
  return ((((month - fyStartMonth) % 12) + 12) % 12) % 3 === 2;
}
