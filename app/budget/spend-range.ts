import { fiscalYearBounds } from "~/money/fiscal";

type Programme = { startFiscalYear: number; endFiscalYear: number; fiscalYearStartMonth: number };

/**
 * The dates an actual or a commitment may carry (docs/figures.md#money):
 * an invoice falls inside the programme's fiscal years; a commitment may
 * also precede them by up to one fiscal year (a purchase order signed before
 * the first plan quarter, like the demo's August 2021 incident-response SOW).
 * A date outside would sit in no quarter of any figure, or far from the
 * programme, so it is refused rather than counted silently.
 */
export function spendDateRange(p: Programme, kind: "actual" | "commitment"): { from: string; to: string } {
  const first = kind === "commitment" ? p.startFiscalYear - 1 : p.startFiscalYear;
  return { from: fiscalYearBounds(first, p.fiscalYearStartMonth).start, to: fiscalYearBounds(p.endFiscalYear, p.fiscalYearStartMonth).end };
}

/** The message shown beside the date when it is out of range, or null when it is fine. */
export function spendDateError(date: string, p: Programme, kind: "actual" | "commitment"): string | null {
  const { from, to } = spendDateRange(p, kind);
  if (date >= from && date <= to) return null;
  return `The date must fall between ${from} and ${to}, the programme's range for ${kind === "actual" ? "actuals" : "commitments"}.`;
}
