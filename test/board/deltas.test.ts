import { describe, expect, it } from "vitest";
import { formatChange, quarterDeltas } from "~/board/deltas";
import type { QuarterSnapshot } from "~/board/snapshot.server";

function snap(
  over: { actual?: number; plan?: number; done?: number; slipped?: number; risks?: number; critical?: number; overall?: "green" | "amber" | "red" } = {},
): QuarterSnapshot {
  return {
    quarter: "FY2026-Q4",
    asOfDate: "2026-12-31",
    programme: { name: "P", currency: "USD", riskAppetite: "medium" },
    spend: {
      planToDateCents: over.plan ?? 1000,
      actualToDateCents: over.actual ?? 900,
      committedToDateCents: 100,
      totalPlanCents: 5000,
      quarterPlanCents: 200,
      quarterActualCents: 150,
    },
    milestones: { total: 10, done: over.done ?? 4, open: 10 - (over.done ?? 4), slipped: over.slipped ?? 2, overdue: 1, doneInQuarter: 1 },
    risks: { count: over.risks ?? 5, byLevel: { low: 1, medium: 2, high: 1, critical: over.critical ?? 1 }, scoreSum: 40, aboveAppetite: 2 },
    obligations: [],
    workstreams: [],
    health: {
      overall: over.overall ?? "amber",
      reasons: [],
      dimensions: { schedule: "amber", cost: "green", risk: "amber", staleness: "green" },
      workstreams: [],
    },
    spendSeries: [],
  };
}

describe("quarter-over-quarter deltas", () => {
  it("subtracts the previous published figures", () => {
    const d = quarterDeltas(snap({ actual: 1500, plan: 1400, done: 7, slipped: 1, risks: 4, critical: 0, overall: "green" }), {
      quarter: "FY2026-Q3",
      snapshot: snap(),
    });
    expect(d.previousQuarter).toBe("FY2026-Q3");
    expect(d.spend.actualToDate).toEqual({ now: 1500, before: 900, change: 600 });
    expect(d.spend.variance).toEqual({ now: 100, before: -100, change: 200 });
    expect(d.milestones.done.change).toBe(3);
    expect(d.milestones.slipped.change).toBe(-1);
    expect(d.risks.count.change).toBe(-1);
    expect(d.risks.byLevel.critical).toEqual({ now: 0, before: 1, change: -1 });
    expect(d.health).toEqual({ now: "green", before: "amber", direction: "better" });
  });

  it("reads worse health as worse and equal as the same", () => {
    expect(quarterDeltas(snap({ overall: "red" }), { quarter: "Q", snapshot: snap() }).health.direction).toBe("worse");
    expect(quarterDeltas(snap(), { quarter: "Q", snapshot: snap() }).health.direction).toBe("same");
  });

  it("has no change without a previous report, or for a figure an older snapshot lacks", () => {
    const none = quarterDeltas(snap(), null);
    expect(none.previousQuarter).toBeNull();
    expect(none.spend.actualToDate).toEqual({ now: 900, before: null, change: null });
    expect(none.health.direction).toBeNull();
    const { health: _h, ...old } = snap();
    expect(quarterDeltas(snap(), { quarter: "FY2020-Q1", snapshot: old }).health).toEqual({ now: "amber", before: null, direction: null });
  });

  it("writes changes with their sign", () => {
    expect(formatChange(3)).toBe("+3");
    expect(formatChange(-2)).toBe("−2");
    expect(formatChange(0)).toBe("no change");
    expect(formatChange(null)).toBe("—");
  });
});
