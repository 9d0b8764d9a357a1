import type { CostCategory, CostClass } from "#db/schema/enums";
import { mulDivRound, ratioBp } from "~/money/cents";
import { compareQuarters, daysBetween, type FiscalQuarter, fiscalQuarterOf, formatQuarter, quarterBounds, quarterRange } from "~/money/fiscal";

/**
 * The money figures as pure functions over a "cube" of grouped sums that SQL
 * computes (./cube.server.ts). Every cell is one combination of fiscal
 * quarter × workstream × engagement × category × cost class, so any view (by
 * year, quarter, workstream, vendor, category) is a regrouping of the same
 * cells, and the views reconcile by construction. Definitions: docs/figures.md#money.
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
  /** Computed by SQL, floored per plan line (the one rounding rule), so it sums to the cent across any grouping. */
  planToDateCents: number;
  committedCents: number;
  actualCents: number;
};

export type RollupContext = {
  asOf: string;
  fyStartMonth: number;
  /** The programme's span: the burn rate looks back within it, the trend estimate projects to its end. */
  horizon: { from: FiscalQuarter; to: FiscalQuarter };
};

/** A restriction in time: a fiscal year, or one quarter of it. Other scopes (workstream, vendor…) select cells. */
export type TimeScope = { fiscalYear?: number; quarter?: 1 | 2 | 3 | 4 };

export type Totals = { planCents: number; planToDateCents: number; committedCents: number; actualCents: number };

export type Figures = Totals & {
  /** plan − actual: what is left of the budget. */
  remainingCents: number;
  /** plan − plan to date: the plan not yet due. */
  planNotYetDueCents: number;
  /** actual − plan to date: positive means spending ahead of plan. */
  varianceCents: number;
  variancePctBp: number | null;
  /** The larger of actual and committed (invoices draw purchase orders down; their sum would double count). */
  exposureCents: number;
  /** exposure − plan to date (decision 007's cost rule). */
  exposureVarianceCents: number;
  exposureVariancePctBp: number | null;
  /** Average actual spend per completed quarter over the last (up to) four completed programme quarters. */
  burnRateCents: number;
  /** Estimate at completion: actual + plan not yet due. */
  eacCents: number;
  /** Trend estimate: actual + the burn rate carried over the scope's quarters not yet completed. */
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

/** Exposure: the larger of actual and committed, never their sum (decision 007). The rollup engine's cost rule uses it too. */
export function exposureOf(actualCents: number, committedCents: number): number {
  return Math.max(actualCents, committedCents);
}

/**
 * One rule for "finished": a quarter is complete as of D when its last day is
 * on or before D (D is read to its end). Plan to date counts it in full, and
 * the burn rate averages it; the quarter containing D is otherwise in progress.
 */
export function quarterComplete(q: FiscalQuarter, ctx: Pick<RollupContext, "asOf" | "fyStartMonth">): boolean {
  return quarterBounds(q, ctx.fyStartMonth).end <= ctx.asOf;
}

export function inTime(c: Pick<CubeCell, "fiscalYear" | "quarter">, t: TimeScope): boolean {
  return (t.fiscalYear == null || c.fiscalYear === t.fiscalYear) && (t.quarter == null || c.quarter === t.quarter);
}

export function sumTotals(cells: readonly CubeCell[]): Totals {
  const t: Totals = { planCents: 0, planToDateCents: 0, committedCents: 0, actualCents: 0 };
  for (const c of cells) {
    t.planCents += c.planCents;
    t.planToDateCents += c.planToDateCents;
    t.committedCents += c.committedCents;
    t.actualCents += c.actualCents;
  }
  return t;
}

function actualIn(cells: readonly CubeCell[], q: FiscalQuarter): number {
  let s = 0;
  for (const c of cells) if (c.fiscalYear === q.fiscalYear && c.quarter === q.quarter) s += c.actualCents;
  return s;
}

/** Average actual of the last (up to) four complete programme quarters, over all of the cells' time. */
export function burnRate(cells: readonly CubeCell[], ctx: RollupContext): number {
  const trailing = quarterRange(ctx.horizon.from, ctx.horizon.to)
    .filter((q) => quarterComplete(q, ctx))
    .slice(-4);
  if (!trailing.length) return 0;
  return mulDivRound(
    trailing.reduce((s, q) => s + actualIn(cells, q), 0),
    1,
    trailing.length,
  );
}

/** The programme quarters a time scope covers (a closed year has none left to project). */
function scopeQuarters(t: TimeScope, ctx: RollupContext): FiscalQuarter[] {
  return quarterRange(ctx.horizon.from, ctx.horizon.to).filter((q) => inTime(q, t));
}

/**
 * The figures of a scope. `cells` are the scope's cells over all time (the
 * non-time filters applied); `time` restricts the totals to a year or a
 * quarter. The burn rate is the scope's recent rate whatever the time
 * restriction, so a year's trend estimate is its actual plus that rate over
 * its quarters not yet complete: a closed year's trend is its actual, a
 * future year's is four quarters at the rate, and the years add up to the
 * programme's trend.
 */
export function summarize(cells: readonly CubeCell[], ctx: RollupContext, time: TimeScope = {}): Figures {
  const scoped = time.fiscalYear == null && time.quarter == null ? cells : cells.filter((c) => inTime(c, time));
  return figuresOf(sumTotals(scoped), (q) => actualIn(scoped, q), burnRate(cells, ctx), ctx, time);
}

/**
 * The figures from their inputs: the scope's totals, its actual in a
 * quarter, and the burn rate (of the scope over all time). summarize() and
 * the time rollups share it, so a row by year or quarter is the same
 * arithmetic whether its inputs were summed once per row or once per rollup.
 */
function figuresOf(t: Totals, actualInQuarter: (q: FiscalQuarter) => number, burnRateCents: number, ctx: RollupContext, time: TimeScope): Figures {
  const current = fiscalQuarterOf(ctx.asOf, ctx.fyStartMonth);
  let projected = 0;
  for (const q of scopeQuarters(time, ctx)) {
    if (quarterComplete(q, ctx)) continue;
    if (compareQuarters(q, current) === 0) projected += Math.max(0, burnRateCents - actualInQuarter(q));
    else projected += burnRateCents;
  }
  const variance = t.actualCents - t.planToDateCents;
  const exposure = exposureOf(t.actualCents, t.committedCents);
  const exposureVariance = exposure - t.planToDateCents;
  return {
    ...t,
    remainingCents: t.planCents - t.actualCents,
    planNotYetDueCents: t.planCents - t.planToDateCents,
    varianceCents: variance,
    variancePctBp: ratioBp(variance, t.planToDateCents),
    exposureCents: exposure,
    exposureVarianceCents: exposureVariance,
    exposureVariancePctBp: ratioBp(exposureVariance, t.planToDateCents),
    burnRateCents,
    eacCents: t.actualCents + t.planCents - t.planToDateCents,
    eacTrendCents: t.actualCents + projected,
  };
}

export type RollupRow = { key: string; figures: Figures };

const TIME_DIMENSIONS = new Set<Dimension>(["fiscalYear", "quarter"]);

/**
 * One row per value of the dimension within the time scope, sorted by key
 * (quarters and years sort as text). A year or quarter row is the scope
 * restricted to that period; any other row is a subset of the cells.
 */
export function rollupBy(cells: readonly CubeCell[], dimension: Dimension, ctx: RollupContext, time: TimeScope = {}): RollupRow[] {
  const keys = new Map<string, CubeCell>();
  for (const c of cells) if (inTime(c, time) && !keys.has(dimensionKey(c, dimension))) keys.set(dimensionKey(c, dimension), c);
  const sorted = [...keys.entries()].sort(([a], [b]) => a.localeCompare(b, "en", { numeric: true }));
  if (TIME_DIMENSIONS.has(dimension)) {
    // The cells summed once per quarter, and the burn rate once: every row reads the same inputs
    // summarize() would compute from all the cells (a pass over them per row was seconds at 100×).
    const byQuarter = new Map<string, Totals>();
    for (const c of cells) {
      const k = `${c.fiscalYear}:${c.quarter}`;
      const t = byQuarter.get(k) ?? { planCents: 0, planToDateCents: 0, committedCents: 0, actualCents: 0 };
      t.planCents += c.planCents;
      t.planToDateCents += c.planToDateCents;
      t.committedCents += c.committedCents;
      t.actualCents += c.actualCents;
      byQuarter.set(k, t);
    }
    const rate = burnRate(cells, ctx);
    return sorted.map(([key, c]) => {
      const scope: TimeScope = dimension === "fiscalYear" ? { ...time, fiscalYear: c.fiscalYear } : { fiscalYear: c.fiscalYear, quarter: c.quarter };
      const totals: Totals = { planCents: 0, planToDateCents: 0, committedCents: 0, actualCents: 0 };
      for (const [k, t] of byQuarter) {
        const [fiscalYear, quarter] = k.split(":").map(Number) as [number, number];
        if (!inTime({ fiscalYear, quarter: quarter as CubeCell["quarter"] }, scope)) continue;
        totals.planCents += t.planCents;
        totals.planToDateCents += t.planToDateCents;
        totals.committedCents += t.committedCents;
        totals.actualCents += t.actualCents;
      }
      const actualInQuarter = (q: FiscalQuarter) => (inTime(q, scope) ? (byQuarter.get(`${q.fiscalYear}:${q.quarter}`)?.actualCents ?? 0) : 0);
      return { key, figures: figuresOf(totals, actualInQuarter, rate, ctx, scope) };
    });
  }
  // One pass to group the cells (a filter per key was keys × cells: seconds at 100×).
  const groups = new Map<string, CubeCell[]>();
  for (const c of cells) {
    const key = dimensionKey(c, dimension);
    const group = groups.get(key);
    if (group) group.push(c);
    else groups.set(key, [c]);
  }
  return sorted.map(([key]) => ({ key, figures: summarize(groups.get(key) ?? [], ctx, time) }));
}

export type BurnUpPoint = { label: string; planCents: number; actualCents: number | null; committedCents: number | null };

/**
 * Cumulative plan, actual and commitments at the end of each quarter of the
 * horizon. Whatever is dated before the first quarter (commitments signed
 * before the programme's first plan quarter) opens the first point, so the
 * last point equals the totals; actual and commitments stop at the as-of
 * quarter (the future has none).
 */
export function burnUp(cells: readonly CubeCell[], ctx: RollupContext): BurnUpPoint[] {
  const per = new Map<string, { plan: number; actual: number; committed: number }>();
  const opening = { plan: 0, actual: 0, committed: 0 };
  for (const c of cells) {
    const p = compareQuarters(c, ctx.horizon.from) < 0 ? opening : (per.get(formatQuarter(c)) ?? { plan: 0, actual: 0, committed: 0 });
    p.plan += c.planCents;
    p.actual += c.actualCents;
    p.committed += c.committedCents;
    if (p !== opening) per.set(formatQuarter(c), p);
  }
  const current = fiscalQuarterOf(ctx.asOf, ctx.fyStartMonth);
  let { plan, actual, committed } = opening;
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
