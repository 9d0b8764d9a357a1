import { describe, expect, it } from "vitest";
import { burnUp, type CubeCell, planToDate, type RollupContext, summarize, todayPosition } from "~/budget/rollup";

const cell = (fiscalYear: number, quarter: 1 | 2 | 3 | 4, m: Partial<CubeCell>): CubeCell => ({
  fiscalYear,
  quarter,
  workstreamId: 1,
  engagementId: null,
  vendorId: null,
  category: "vendor",
  costClass: "opex",
  planCents: 0,
  committedCents: 0,
  actualCents: 0,
  ...m,
});

const ctx: RollupContext = { asOf: "2024-05-15", fyStartMonth: 1, horizon: { from: { fiscalYear: 2024, quarter: 1 }, to: { fiscalYear: 2025, quarter: 4 } } };

describe("summarize", () => {
  const cells = [
    cell(2023, 4, { actualCents: 999 }), // before the horizon: counted in actual, not in the burn rate
    cell(2024, 1, { planCents: 100_00, actualCents: 120_00, committedCents: 50_00 }),
    cell(2024, 2, { planCents: 91_00, actualCents: 10_00 }),
    cell(2024, 3, { planCents: 100_00 }),
    cell(2025, 4, { planCents: 100_00 }),
  ];

  it("pro-rates the current quarter's plan by day, rounding down", () => {
    // FY2024-Q2 is 91 days; 2024-05-15 is day 45.
    expect(planToDate(cell(2024, 2, { planCents: 91_00 }), ctx)).toBe(45_00);
    expect(planToDate(cell(2024, 1, { planCents: 7 }), ctx)).toBe(7);
    expect(planToDate(cell(2024, 3, { planCents: 7 }), ctx)).toBe(0);
  });

  it("computes variance, EAC and the trend estimate from integers", () => {
    const f = summarize(cells, ctx);
    expect(f).toMatchObject({
      planCents: 391_00,
      planToDateCents: 145_00,
      actualCents: 130_00 + 999,
      committedCents: 50_00,
      remainingCents: 391_00 - 130_00 - 999,
      varianceCents: 130_00 + 999 - 145_00,
      exposureVarianceCents: 130_00 + 999 + 50_00 - 145_00,
      burnRateCents: 120_00, // one completed quarter in the horizon
      eacCents: 130_00 + 999 + 391_00 - 145_00,
    });
    expect(f.variancePctBp).toBe(Math.round(((130_00 + 999 - 145_00) * 10_000) / 145_00));
    // 110.00 still to burn this quarter, then 6 future quarters at 120.00.
    expect(f.eacTrendCents).toBe(130_00 + 999 + 110_00 + 6 * 120_00);
  });

  it("has no percentage without a plan to date", () => {
    expect(summarize([cell(2025, 1, { actualCents: 5 })], ctx).variancePctBp).toBeNull();
  });
});

describe("burn-up", () => {
  it("accumulates by quarter and stops actuals at the as-of quarter", () => {
    const points = burnUp([cell(2024, 1, { planCents: 10, actualCents: 4 }), cell(2024, 3, { planCents: 5, actualCents: 99 })], ctx);
    expect(points).toHaveLength(8);
    expect(points.slice(0, 3)).toEqual([
      { label: "FY2024-Q1", planCents: 10, actualCents: 4, committedCents: 0 },
      { label: "FY2024-Q2", planCents: 10, actualCents: 4, committedCents: 0 },
      { label: "FY2024-Q3", planCents: 15, actualCents: null, committedCents: null },
    ]);
    expect(todayPosition(ctx)).toBeCloseTo(1 + 45 / 91, 5);
  });
});
