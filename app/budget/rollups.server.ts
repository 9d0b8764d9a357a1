import { and, eq, type SQL, sql } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import type { Db } from "#db/connection";
import { actuals, budgetLines, commitments, engagements } from "#db/schema";
import type { CostCategory, CostClass } from "#db/schema/enums";
import type { CubeCell } from "./rollup";

/** Filters every budget view shares; the fiscal year is applied to the cube's cells. */
export type BudgetFilters = {
  fiscalYear?: number;
  workstreamId?: number;
  category?: CostCategory;
  vendorId?: number;
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

function commonFilters(table: { workstreamId: SQLiteColumn; category: SQLiteColumn }, f: BudgetFilters): SQL[] {
  const where: SQL[] = [];
  if (f.workstreamId) where.push(eq(table.workstreamId, f.workstreamId));
  if (f.category) where.push(eq(table.category, f.category));
  if (f.vendorId) where.push(eq(engagements.vendorId, f.vendorId));
  return where;
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
    committedCents: 0,
    actualCents: 0,
    [measure]: Number(r.cents),
  };
}

/** Grouped sums of a dated fact table (actuals or commitments) up to the as-of date. */
function datedCube(db: Pick<Db, "select">, table: typeof actuals | typeof commitments, asOf: string, fyStartMonth: number, f: BudgetFilters): Raw[] {
  const { fiscalYear, quarter } = fiscalSql(table.date, fyStartMonth);
  return db
    .select({
      fiscalYear: sql<number>`${fiscalYear}`,
      quarter: sql<number>`${quarter}`,
      workstreamId: table.workstreamId,
      engagementId: table.engagementId,
      vendorId: engagements.vendorId,
      category: table.category,
      costClass: table.costClass,
      cents: sql<number>`sum(${table.amountCents})`,
    })
    .from(table)
    .leftJoin(engagements, eq(engagements.id, table.engagementId))
    .where(and(sql`${table.date} <= ${asOf}`, ...commonFilters(table, f)))
    .groupBy(fiscalYear, quarter, table.workstreamId, table.engagementId, engagements.vendorId, table.category, table.costClass)
    .all() as Raw[];
}

/**
 * The budget cube: plan (the whole plan), commitments and actuals (dated on
 * or before `asOf`) grouped by fiscal quarter × workstream × engagement ×
 * category × cost class. Its size is bounded by those combinations, not by
 * the number of invoices.
 */
export function budgetCube(db: Pick<Db, "select">, opts: { asOf: string; fyStartMonth: number; filters?: BudgetFilters }): CubeCell[] {
  const f = opts.filters ?? {};
  const plan = db
    .select({
      fiscalYear: budgetLines.fiscalYear,
      quarter: budgetLines.quarter,
      workstreamId: budgetLines.workstreamId,
      engagementId: budgetLines.engagementId,
      vendorId: engagements.vendorId,
      category: budgetLines.category,
      costClass: budgetLines.costClass,
      cents: sql<number>`sum(${budgetLines.amountCents})`,
    })
    .from(budgetLines)
    .leftJoin(engagements, eq(engagements.id, budgetLines.engagementId))
    .where(and(...commonFilters(budgetLines, f)))
    .groupBy(
      budgetLines.fiscalYear,
      budgetLines.quarter,
      budgetLines.workstreamId,
      budgetLines.engagementId,
      engagements.vendorId,
      budgetLines.category,
      budgetLines.costClass,
    )
    .all() as Raw[];
  const cells = [
    ...plan.map((r) => toCell(r, "planCents")),
    ...datedCube(db, commitments, opts.asOf, opts.fyStartMonth, f).map((r) => toCell(r, "committedCents")),
    ...datedCube(db, actuals, opts.asOf, opts.fyStartMonth, f).map((r) => toCell(r, "actualCents")),
  ];
  return f.fiscalYear ? cells.filter((c) => c.fiscalYear === f.fiscalYear) : cells;
}
