import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Tx } from "#db/connection";
import { addDays } from "~/money/fiscal";

/** The synchronous transaction every demo writer runs in. */
export type { Tx } from "#db/connection";

/** The day the board approved the programme and its six-year budget. */
export const PLAN_APPROVED = "2021-12-15";
/** First and last day of the programme (FY2022–FY2027, fiscal years = calendar years). */
export const PROGRAMME_START = "2022-01-01";
export const PROGRAMME_END = "2027-12-31";
export const FIRST_FISCAL_YEAR = 2022;
export const LAST_FISCAL_YEAR = 2027;
export const FY_START_MONTH = 1;
/** Headquarters in the Pacific time zone: the demo's days end at midnight in Bellevue, Washington. */
export const DEMO_TIME_ZONE = "America/Los_Angeles";
/** FCC consent decree DA 24-860 (released 30 September 2024); its measures entered the plan a week later. */
export const DECREE_DATE = "2024-09-30";
export const DECREE_PLANNED = "2024-10-07";

/** An instant on a calendar date, so every timestamp derives from the data's own dates. */
export function at(date: string, time = "14:00"): string {
  return `${date}T${time}:00.000Z`;
}

export function stamps(created: string, updated: string = created, time = "14:00") {
  return { createdAt: at(created, time), updatedAt: at(updated < created ? created : updated, time) };
}

export function minDate(...dates: string[]): string {
  return dates.reduce((a, b) => (b < a ? b : a));
}

export function maxDate(...dates: string[]): string {
  return dates.reduce((a, b) => (b > a ? b : a));
}

/** Last calendar day of a YYYY-MM month. */
export function monthEnd(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

export function nextMonth(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
}

/** Every YYYY-MM month from `from` to `to`, inclusive. */
export function monthRange(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to; m = nextMonth(m)) out.push(m);
  return out;
}

/** The month before the one `date` falls in: the last complete reporting month. */
export function previousMonth(date: string): string {
  return addDays(`${date.slice(0, 7)}-01`, -1).slice(0, 7);
}

const MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

export function monthName(month: string): string {
  return `${MONTH_NAMES[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
}

/** 2026-03-20 → "20 March 2026". */
export function longDate(date: string): string {
  return `${Number(date.slice(8, 10))} ${monthName(date.slice(0, 7))}`;
}

/** Integer cents → "$151.8M" (board-style millions; `digits` decimals). */
export function millions(cents: number, digits: 1 | 2 = 1): string {
  const unit = digits === 1 ? 10_000_000 : 1_000_000;
  const scaled = Math.round(cents / unit);
  const base = digits === 1 ? 10 : 100;
  return `$${Math.floor(scaled / base).toLocaleString("en-US")}.${String(scaled % base).padStart(digits, "0")}M`;
}

/** Integer cents → "$151,842,117.25". */
export function dollars(cents: number): string {
  const whole = Math.floor(cents / 100);
  return `$${whole.toLocaleString("en-US")}.${String(cents % 100).padStart(2, "0")}`;
}

/** Inserts rows in chunks that stay under SQLite's bound-variable limit. */
export function insertMany<T extends SQLiteTable>(tx: Tx, table: T, rows: T["$inferInsert"][], size = 200): void {
  for (let i = 0; i < rows.length; i += size) {
    // drizzle's insert typing cannot follow a generic table; the rows are typed by $inferInsert above.
    tx.insert(table)
      .values(rows.slice(i, i + size) as never)
      .run();
  }
}

/** Splits an integer amount into integer parts proportional to `weights`; the remainder goes to the last part. */
export function splitCents(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const parts = weights.map((w) => Math.floor((total * w) / sum));
  const rest = total - parts.reduce((a, b) => a + b, 0);
  parts[parts.length - 1] = (parts[parts.length - 1] ?? 0) + rest;
  return parts;
}
