import { describe, expect, it } from "vitest";
import { burnUp, type CubeCell, quarterComplete, type RollupContext, rollupBy, summarize, todayPosition } from "~/figures/money/rollup";

const cell = (fiscalYear: number, quarter: 1 | 2 | 3 | 4, m: Partial<CubeCell>): CubeCell => ({
  fiscalYear,
  quarter,
  workstreamId: 1,
  engagementId: null,
  vendorId: null,
  category: "vendor",
  costClass: "opex",
  planCents: 0,
  planToDateCents: 0,
  committedCents: 0,
  actualCents: 0,
  ...m,
});

const ctx: RollupContext = { asOf: "2024-05-15", fyStartMonth: 1, horizon: { from: { fiscalYear: 2024, quarter: 1 }, to: { fiscalYear: 2025, quarter: 4 } } };

describe("summarize", () => {
  const cells = [
    cell(2023, 4, { actualCents: 999 }), // before the horizon: counted in actual, not in the burn rate
    cell(2024, 1, { planCents: 100_00, planToDateCents: 100_00, actualCents: 120_00, committedCents: 50_00 }),
    cell(2024, 2, { planCents: 91_00, planToDateCents: 45_00, actualCents: 10_00 }),
    cell(2024, 3, { planCents: 100_00 }),
    cell(2025, 4, { planCents: 100_00 }),
  ];

  it("computes variance, exposure, EAC and the trend estimate from integers", () => {
    const f = summarize(cells, ctx);
    const actual = 130_00 + 999;
    expect(f).toMatchObject({
      planCents: 391_00,
      planToDateCents: 145_00,
      actualCents: actual,
      committedCents: 50_00,
      remainingCents: 391_00 - actual,
      planNotYetDueCents: 391_00 - 145_00,
      varianceCents: actual - 145_00,
      // the larger of actual and committed, not their sum (decision 007)
      exposureCents: actual,
      exposureVarianceCents: actual - 145_00,
      burnRateCents: 120_00, // one completed quarter in the horizon
      eacCents: actual + 391_00 - 145_00,
    });
    expect(f.eacCents).toBe(f.actualCents + f.planNotYetDueCents);
    expect(f.variancePctBp).toBe(Math.round(((actual - 145_00) * 10_000) / 145_00));
    // 110.00 still to burn this quarter, then 6 future quarters at 120.00.
    expect(f.eacTrendCents).toBe(actual + 110_00 + 6 * 120_00);
  });

  it("projects a year's trend over that year's quarters only: a closed year is its actual, a future one four quarters at the rate", () => {
    const byYear = new Map(rollupBy(cells, "fiscalYear", ctx).map((r) => [r.key, r.figures]));
    expect(byYear.get("FY2023")!.eacTrendCents).toBe(999);
    expect(byYear.get("FY2024")!.eacTrendCents).toBe(130_00 + 110_00 + 2 * 120_00);
    expect(byYear.get("FY2025")!.eacTrendCents).toBe(4 * 120_00);
    expect(summarize(cells, ctx, { fiscalYear: 2025 }).eacTrendCents).toBe(4 * 120_00);
    // The years add up to the programme's trend.
    expect([...byYear.values()].reduce((s, f) => s + f.eacTrendCents, 0)).toBe(summarize(cells, ctx).eacTrendCents);
  });

  it("treats the quarter that ends on the as-of day as complete", () => {
    const end: RollupContext = { ...ctx, asOf: "2024-03-31" };
    expect(quarterComplete({ fiscalYear: 2024, quarter: 1 }, end)).toBe(true);
    expect(quarterComplete({ fiscalYear: 2024, quarter: 1 }, { ...ctx, asOf: "2024-03-30" })).toBe(false);
    const f = summarize([cell(2024, 1, { actualCents: 400_00 })], end);
    expect(f.burnRateCents).toBe(400_00);
    expect(f.eacTrendCents).toBe(400_00 + 7 * 400_00);
  });

  it("has no percentage without a plan to date", () => {
    expect(summarize([cell(2025, 1, { actualCents: 5 })], ctx).variancePctBp).toBeNull();
  });
});

describe("burn-up", () => {
  it("accumulates by quarter, opens with what was dated before the first quarter, and stops actuals at the as-of quarter", () => {
    const points = burnUp(
      [cell(2023, 3, { committedCents: 7 }), cell(2024, 1, { planCents: 10, actualCents: 4 }), cell(2024, 3, { planCents: 5, actualCents: 99 })],
      ctx,
    );
    expect(points).toHaveLength(8);
    expect(points.slice(0, 3)).toEqual([
      { label: "FY2024-Q1", planCents: 10, actualCents: 4, committedCents: 7 },
      { label: "FY2024-Q2", planCents: 10, actualCents: 4, committedCents: 7 },
      { label: "FY2024-Q3", planCents: 15, actualCents: null, committedCents: null },
    ]);
    expect(todayPosition(ctx)).toBeCloseTo(1 + 45 / 91, 5);
  });
});
