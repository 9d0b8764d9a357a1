import { and, eq, type SQL, sql } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import type { Db } from "#db/connection";
import { actuals, budgetLineHistory, commitments, engagements } from "#db/schema";
import type { CostCategory, CostClass } from "#db/schema/enums";
import { asOfInstant } from "~/history/as-of.server";
import { inForceAt } from "~/history/versions.server";
import { daysBetween, fiscalQuarterOf, quarterBounds } from "~/money/fiscal";
import type { CubeCell } from "./rollup";

/** Filters every money view shares; time (fiscal year, quarter) is applied by the pure rollup, not here. */
export type MoneyFilters = {
  workstreamId?: number;
  category?: CostCategory;
  vendorId?: number;
  engagementId?: number;
};

/**
 * Fiscal year and quarter of a date column, in portable SQL (substr, cast,
 * integer division, %): the same mapping as fiscalQuarterOf(). The start
 * month is inlined as a literal, after checking it is 1..12, so the
 * expression reads identically in SELECT and GROUP BY.
 */
export function fiscalSql(dateColumn: SQLiteColumn, fyStartMonth: number) {
  if (!Number.isInteger(fyStartMonth) || fyStartMonth < 1 || fyStartMonth > 12) throw new RangeError("fiscal-year start month must be 1..12");
  const s = sql.raw(String(fyStartMonth));
  const month = sql`cast(substr(${dateColumn}, 6, 2) as integer)`;
  const year = sql`cast(substr(${dateColumn}, 1, 4) as integer)`;
  const fiscalYear = fyStartMonth === 1 ? year : sql`(${year} + case when ${month} >= ${s} then 1 else 0 end)`;
  const quarter = sql`(((${month} - ${s} + 12) % 12) / 3 + 1)`;
  return { fiscalYear, quarter };
}

const int = (n: number) => sql.raw(String(Math.trunc(n)));

/**
 * Plan to date of one plan line, in SQL: quarters before the as-of quarter in
 * full, the as-of quarter pro rata by days elapsed including D (so a quarter
 * ending on D counts in full, the same rule as the burn rate), later quarters
 * nothing. Integer division floors each line (amounts are never negative);
 * summing floored lines is the one rounding rule, so every grouping adds up
 * to the cent.
 */
export function planToDateSql(line: { fiscalYear: SQLiteColumn; quarter: SQLiteColumn; amountCents: SQLiteColumn }, asOf: string, fyStartMonth: number): SQL {
  const cur = fiscalQuarterOf(asOf, fyStartMonth);
  const { start, end } = quarterBounds(cur, fyStartMonth);
  const key = int(cur.fiscalYear * 4 + cur.quarter);
  const elapsed = int(daysBetween(start, asOf) + 1);
  const length = int(daysBetween(start, end) + 1);
  const lineKey = sql`(${line.fiscalYear} * 4 + ${line.quarter})`;
  return sql`(case when ${lineKey} < ${key} then ${line.amountCents} when ${lineKey} = ${key} then ${line.amountCents} * ${elapsed} / ${length} else 0 end)`;
}

function commonFilters(table: { workstreamId: SQLiteColumn; category: SQLiteColumn; engagementId: SQLiteColumn }, f: MoneyFilters): SQL[] {
  const where: SQL[] = [];
  if (f.workstreamId) where.push(eq(table.workstreamId, f.workstreamId));
  if (f.category) where.push(eq(table.category, f.category));
  if (f.vendorId) where.push(eq(engagements.vendorId, f.vendorId));
  if (f.engagementId) where.push(eq(table.engagementId, f.engagementId));
  return where;
}

/**
 * How finely the cube is grouped besides fiscal quarter: "full" keeps every
 * dimension (the /budget views); a coarser grain sums the same rows into
 * fewer cells for a page that reads only totals and the burn-up ("time") or
 * one rollup ("workstream", "engagement"). Every figure is a sum over cells
 * plus per-quarter actuals, so it is the same at any grain that keeps the
 * dimensions it is read by; collapsed dimensions read 0 / null / "".
 */
export type CubeGrain = "full" | "time" | "workstream" | "engagement";

function grouped(grain: CubeGrain, columns: { workstreamId: SQLiteColumn; engagementId: SQLiteColumn; category: SQLiteColumn; costClass: SQLiteColumn }) {
  const keep = (dimension: "workstreamId" | "engagementId" | "rest") =>
    grain === "full" || (grain === "workstream" && dimension === "workstreamId") || (grain === "engagement" && dimension === "engagementId");
  const select = {
    workstreamId: keep("workstreamId") ? sql<number>`${columns.workstreamId}` : sql<number>`0`,
    engagementId: keep("engagementId") ? sql<number | null>`${columns.engagementId}` : sql<null>`null`,
    vendorId: keep("rest") ? sql<number | null>`${engagements.vendorId}` : sql<null>`null`,
    category: keep("rest") ? sql<CostCategory>`${columns.category}` : sql<CostCategory>`''`,
    costClass: keep("rest") ? sql<CostClass>`${columns.costClass}` : sql<CostClass>`''`,
  };
  const groupBy: Array<SQLiteColumn> = [
    ...(keep("workstreamId") ? [columns.workstreamId] : []),
    ...(keep("engagementId") ? [columns.engagementId] : []),
    ...(keep("rest") ? [engagements.vendorId, columns.category, columns.costClass] : []),
  ];
  return { select, groupBy };
}

type Raw = {
  fiscalYear: number;
  quarter: number;
  workstreamId: number;
  engagementId: number | null;
  vendorId: number | null;
  category: CostCategory;
  costClass: CostClass;
  cents: number;
  toDate?: number;
};

function toCell(r: Raw, measure: "planCents" | "committedCents" | "actualCents"): CubeCell {
  return {
    fiscalYear: Number(r.fiscalYear),
    quarter: Number(r.quarter) as CubeCell["quarter"],
    workstreamId: r.workstreamId,
    engagementId: r.engagementId,
    vendorId: r.vendorId,
    category: r.category,
    costClass: r.costClass,
    planCents: 0,
    planToDateCents: Number(r.toDate ?? 0),
    committedCents: 0,
    actualCents: 0,
    [measure]: Number(r.cents),
  };
}

/** Grouped sums of a dated fact table (actuals or commitments) dated on or before the as-of day. */
function datedCube(
  db: Pick<Db, "select">,
  table: typeof actuals | typeof commitments,
  asOf: string,
  fyStartMonth: number,
  f: MoneyFilters,
  grain: CubeGrain,
): Raw[] {
  const { fiscalYear, quarter } = fiscalSql(table.date, fyStartMonth);
  const g = grouped(grain, table);
  return db
    .select({
      fiscalYear: sql<number>`${fiscalYear}`,
      quarter: sql<number>`${quarter}`,
      ...g.select,
      cents: sql<number>`sum(${table.amountCents})`,
    })
    .from(table)
    .leftJoin(engagements, eq(engagements.id, table.engagementId))
    .where(and(sql`${table.date} <= ${asOf}`, ...commonFilters(table, f)))
    .groupBy(fiscalYear, quarter, ...g.groupBy)
    .all() as Raw[];
}

/**
 * The money cube as of a day: the plan lines in force at the end of that day
 * (budget_line_history) with their plan to date, and the commitments and
 * actuals dated on or before it, grouped by fiscal quarter × workstream ×
 * engagement × category × cost class. Its size is bounded by those
 * combinations, not by the number of invoices.
 */
export function moneyCube(db: Pick<Db, "select">, opts: { asOf: string; fyStartMonth: number; filters?: MoneyFilters; grain?: CubeGrain }): CubeCell[] {
  const f = opts.filters ?? {};
  const grain = opts.grain ?? "full";
  const h = budgetLineHistory;
  const g = grouped(grain, h);
  const plan = db
    .select({
      fiscalYear: h.fiscalYear,
      quarter: h.quarter,
      ...g.select,
      cents: sql<number>`sum(${h.amountCents})`,
      toDate: sql<number>`sum(${planToDateSql(h, opts.asOf, opts.fyStartMonth)})`,
    })
    .from(h)
    .leftJoin(engagements, eq(engagements.id, h.engagementId))
    .where(and(inForceAt(h, asOfInstant(db, opts.asOf)), ...commonFilters(h, f)))
    .groupBy(h.fiscalYear, h.quarter, ...g.groupBy)
    .all() as Raw[];
  return [
    ...plan.map((r) => toCell(r, "planCents")),
    ...datedCube(db, commitments, opts.asOf, opts.fyStartMonth, f, grain).map((r) => toCell(r, "committedCents")),
    ...datedCube(db, actuals, opts.asOf, opts.fyStartMonth, f, grain).map((r) => toCell(r, "actualCents")),
  ];
}
