import type { CostCategory, CostClass } from "#db/schema/enums";
import { mulDivFloor, mulDivRound, ratioBp } from "~/money/cents";
import { compareQuarters, daysBetween, type FiscalQuarter, fiscalQuarterOf, formatQuarter, quarterBounds, quarterRange } from "~/money/fiscal";

/**
 * The budget rollup engine: pure functions over a "cube" of grouped sums
 * that SQL computes (app/budget/rollups.server.ts). Every cell is one
 * combination of fiscal quarter × workstream × engagement × category × cost
 * class, so any view (by year, quarter, workstream, vendor, category) is a
 * regrouping of the same cells, and the views reconcile by construction.
 */
export type CubeCell = {
  fiscalYear: number;
  quarter: 1 | 2 | 3 | 4;
  workstreamId: number;
  engagementId: number | null;
  vendorId: number | null;
  category: CostCategory;
  costClass: CostClass;
  planCents: number;
  committedCents: number;
  actualCents: number;
};

export type RollupContext = {
  asOf: string;
  fyStartMonth: number;
  /** The programme's span; the trend estimate projects the burn rate to its end. */
  horizon: { from: FiscalQuarter; to: FiscalQuarter };
};

export type Totals = { planCents: number; planToDateCents: number; committedCents: number; actualCents: number };

export type Figures = Totals & {
  /** plan − actual: what is left of the budget. */
  remainingCents: number;
  /** actual − plan to date: positive means spending ahead of plan. */
  varianceCents: number;
  variancePctBp: number | null;
  /** actual + committed − plan to date (design.md's cost rule). */
  exposureVarianceCents: number;
  exposureVariancePctBp: number | null;
  /** Average actual spend per quarter over the last (up to) four completed quarters. */
  burnRateCents: number;
  /** Estimate at completion: actual + plan not yet due. */
  eacCents: number;
  /** Trend estimate: actual + the burn rate carried to the end of the horizon. */
  eacTrendCents: number;
};

export const DIMENSIONS = ["fiscalYear", "quarter", "workstream", "engagement", "vendor", "category", "costClass"] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export function dimensionKey(cell: CubeCell, dimension: Dimension): string {
  switch (dimension) {
    case "fiscalYear":
      return `FY${cell.fiscalYear}`;
    case "quarter":
      return formatQuarter(cell);
    case "workstream":
      return String(cell.workstreamId);
    case "engagement":
      return cell.engagementId == null ? "" : String(cell.engagementId);
    case "vendor":
      return cell.vendorId == null ? "" : String(cell.vendorId);
    case "category":
      return cell.category;
    case "costClass":
      return cell.costClass;
  }
}

/** The part of a cell's plan due by the as-of date: whole past quarters, the current one pro rata by day. */
export function planToDate(cell: Pick<CubeCell, "fiscalYear" | "quarter" | "planCents">, ctx: Pick<RollupContext, "asOf" | "fyStartMonth">): number {
  const { start, end } = quarterBounds(cell, ctx.fyStartMonth);
  if (end <= ctx.asOf) return cell.planCents;
  if (start > ctx.asOf) return 0;
  return mulDivFloor(cell.planCents, daysBetween(start, ctx.asOf) + 1, daysBetween(start, end) + 1);
}

export function sumTotals(cells: readonly CubeCell[], ctx: Pick<RollupContext, "asOf" | "fyStartMonth">): Totals {
  const t: Totals = { planCents: 0, planToDateCents: 0, committedCents: 0, actualCents: 0 };
  for (const c of cells) {
    t.planCents += c.planCents;
    t.planToDateCents += planToDate(c, ctx);
    t.committedCents += c.committedCents;
    t.actualCents += c.actualCents;
  }
  return t;
}

/** Actual per quarter, for the burn rate. */
function actualByQuarter(cells: readonly CubeCell[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const c of cells) if (c.actualCents) m.set(formatQuarter(c), (m.get(formatQuarter(c)) ?? 0) + c.actualCents);
  return m;
}

export function summarize(cells: readonly CubeCell[], ctx: RollupContext): Figures {
  const t = sumTotals(cells, ctx);
  const current = fiscalQuarterOf(ctx.asOf, ctx.fyStartMonth);
  const byQuarter = actualByQuarter(cells);

  const trailing = quarterRange(ctx.horizon.from, ctx.horizon.to)
    .filter((q) => compareQuarters(q, current) < 0)
    .slice(-4);
  const trailingSum = trailing.reduce((s, q) => s + (byQuarter.get(formatQuarter(q)) ?? 0), 0);
  const burnRateCents = trailing.length ? mulDivRound(trailingSum, 1, trailing.length) : 0;

  const inHorizon = compareQuarters(current, ctx.horizon.to) <= 0;
  const futureQuarters = inHorizon ? quarterRange(current, ctx.horizon.to).length - 1 : 0;
  const spentThisQuarter = byQuarter.get(formatQuarter(current)) ?? 0;
  const restOfThisQuarter = inHorizon && compareQuarters(current, ctx.horizon.from) >= 0 ? Math.max(0, burnRateCents - spentThisQuarter) : 0;

  const variance = t.actualCents - t.planToDateCents;
  const exposure = t.actualCents + t.committedCents - t.planToDateCents;
  return {
    ...t,
    remainingCents: t.planCents - t.actualCents,
    varianceCents: variance,
    variancePctBp: ratioBp(variance, t.planToDateCents),
    exposureVarianceCents: exposure,
    exposureVariancePctBp: ratioBp(exposure, t.planToDateCents),
    burnRateCents,
    eacCents: t.actualCents + t.planCents - t.planToDateCents,
    eacTrendCents: t.actualCents + restOfThisQuarter + burnRateCents * futureQuarters,
  };
}

export type RollupRow = { key: string; figures: Figures };

/** One row per value of the dimension, sorted by key (quarters and years sort as text). */
export function rollupBy(cells: readonly CubeCell[], dimension: Dimension, ctx: RollupContext): RollupRow[] {
  const groups = new Map<string, CubeCell[]>();
  for (const c of cells) {
    const k = dimensionKey(c, dimension);
    const g = groups.get(k);
    if (g) g.push(c);
    else groups.set(k, [c]);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b, "en", { numeric: true })).map(([key, g]) => ({ key, figures: summarize(g, ctx) }));
}

export type BurnUpPoint = { label: string; planCents: number; actualCents: number | null; committedCents: number | null };

/**
 * Cumulative plan, actual and commitments at the end of each quarter of the
 * horizon; actual and commitments stop at the as-of quarter (the future has none).
 */
export function burnUp(cells: readonly CubeCell[], ctx: RollupContext): BurnUpPoint[] {
  const per = new Map<string, { plan: number; actual: number; committed: number }>();
  for (const c of cells) {
    const k = formatQuarter(c);
    const p = per.get(k) ?? { plan: 0, actual: 0, committed: 0 };
    p.plan += c.planCents;
    p.actual += c.actualCents;
    p.committed += c.committedCents;
    per.set(k, p);
  }
  const current = fiscalQuarterOf(ctx.asOf, ctx.fyStartMonth);
  let plan = 0;
  let actual = 0;
  let committed = 0;
  return quarterRange(ctx.horizon.from, ctx.horizon.to).map((q) => {
    const label = formatQuarter(q);
    const p = per.get(label);
    plan += p?.plan ?? 0;
    actual += p?.actual ?? 0;
    committed += p?.committed ?? 0;
    const past = compareQuarters(q, current) <= 0;
    return { label, planCents: plan, actualCents: past ? actual : null, committedCents: past ? committed : null };
  });
}

/** Where "today" falls on the burn-up's quarter axis: quarter index + fraction of the quarter elapsed. */
export function todayPosition(ctx: RollupContext): number | null {
  const current = fiscalQuarterOf(ctx.asOf, ctx.fyStartMonth);
  if (compareQuarters(current, ctx.horizon.from) < 0 || compareQuarters(current, ctx.horizon.to) > 0) return null;
  const index = quarterRange(ctx.horizon.from, current).length - 1;
  const { start, end } = quarterBounds(current, ctx.fyStartMonth);
  return index + (daysBetween(start, ctx.asOf) + 1) / (daysBetween(start, end) + 1);
}
