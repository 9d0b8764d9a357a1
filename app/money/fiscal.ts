/**
 * The fiscal calendar. A fiscal year is named after the calendar year in
 * which it ends (a year starting in July 2022 is FY2023); with a January
 * start, fiscal and calendar years coincide. Dates are ISO YYYY-MM-DD.
 */
export type FiscalQuarter = { fiscalYear: number; quarter: 1 | 2 | 3 | 4 };

export function fiscalQuarterOf(isoDate: string, fyStartMonth: number): FiscalQuarter {
  const year = Number(isoDate.slice(0, 4));
  const month = Number(isoDate.slice(5, 7));
  const offset = (month - fyStartMonth + 12) % 12; // months since the fiscal year began
  const fiscalYear = fyStartMonth === 1 || month < fyStartMonth ? year : year + 1;
  return { fiscalYear, quarter: (Math.floor(offset / 3) + 1) as FiscalQuarter["quarter"] };
}

export function formatQuarter(q: FiscalQuarter): string {
  return `FY${q.fiscalYear}-Q${q.quarter}`;
}

export function parseQuarter(label: string): FiscalQuarter | null {
  const m = /^FY(\d{4})-Q([1-4])$/.exec(label);
  return m ? { fiscalYear: Number(m[1]), quarter: Number(m[2]) as FiscalQuarter["quarter"] } : null;
}

/** First and last calendar day of a fiscal quarter. */
export function quarterBounds(q: FiscalQuarter, fyStartMonth: number): { start: string; end: string } {
  // Month index (0-based, may run past 11) of the quarter's first month in the calendar year the FY starts.
  const fyStartYear = fyStartMonth === 1 ? q.fiscalYear : q.fiscalYear - 1;
  const firstMonth = fyStartMonth - 1 + (q.quarter - 1) * 3;
  const start = new Date(Date.UTC(fyStartYear, firstMonth, 1));
  const end = new Date(Date.UTC(fyStartYear, firstMonth + 3, 0));
  return { start: isoDate(start), end: isoDate(end) };
}

export function nextQuarter(q: FiscalQuarter): FiscalQuarter {
  return q.quarter === 4 ? { fiscalYear: q.fiscalYear + 1, quarter: 1 } : { fiscalYear: q.fiscalYear, quarter: (q.quarter + 1) as FiscalQuarter["quarter"] };
}

export function previousQuarter(q: FiscalQuarter): FiscalQuarter {
  return q.quarter === 1 ? { fiscalYear: q.fiscalYear - 1, quarter: 4 } : { fiscalYear: q.fiscalYear, quarter: (q.quarter - 1) as FiscalQuarter["quarter"] };
}

export function compareQuarters(a: FiscalQuarter, b: FiscalQuarter): number {
  return a.fiscalYear - b.fiscalYear || a.quarter - b.quarter;
}

/** Every quarter from `from` to `to`, inclusive. */
export function quarterRange(from: FiscalQuarter, to: FiscalQuarter): FiscalQuarter[] {
  const out: FiscalQuarter[] = [];
  for (let q = from; compareQuarters(q, to) <= 0; q = nextQuarter(q)) out.push(q);
  return out;
}

export function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** Whole days from a to b (b - a), both ISO dates. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

export function addDays(date: string, days: number): string {
  return isoDate(new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000));
}

export function fiscalYearOf(isoDate: string, fyStartMonth: number): number {
  return fiscalQuarterOf(isoDate, fyStartMonth).fiscalYear;
}

/** The fiscal-quarter label (`FY2023-Q2`) of a date: the one mapping every page and export uses. */
export function fiscalQuarterLabel(isoDate: string, fyStartMonth: number): string {
  return formatQuarter(fiscalQuarterOf(isoDate, fyStartMonth));
}

/** First and last calendar day of a fiscal year. */
export function fiscalYearBounds(fiscalYear: number, fyStartMonth: number): { start: string; end: string } {
  return {
    start: quarterBounds({ fiscalYear, quarter: 1 }, fyStartMonth).start,
    end: quarterBounds({ fiscalYear, quarter: 4 }, fyStartMonth).end,
  };
}

/** True for a real calendar date written YYYY-MM-DD (rejects 2023-02-30). */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const t = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(t) && isoDate(new Date(t)) === value;
}
