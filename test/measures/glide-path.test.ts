import { describe, expect, it } from "vitest";
import { evaluateMeasure, judge, type MeasureRules, targetFor } from "~/measures/glide-path";
import { parseMeasureValue } from "~/measures/units";

// Expected values below are worked out by hand from the rule in docs/figures.md#measures, not by the code's formula.
describe("glide-path target for a period", () => {
  const path = [
    { period: "2024-01", target: 0 },
    { period: "2024-04", target: 1000 },
  ];
  it("is none before the first point, the point's own target on it, and the last target after the last point", () => {
    expect(targetFor(path, "2023-12")).toBeNull();
    expect(targetFor(path, "2024-01")).toBe(0);
    expect(targetFor(path, "2024-04")).toBe(1000);
    expect(targetFor(path, "2030-06")).toBe(1000);
  });
  it("interpolates in months between two points, rounded to the stored unit", () => {
    expect(targetFor(path, "2024-02")).toBe(333); // 1000 / 3 = 333.33
    expect(targetFor(path, "2024-03")).toBe(667); // 2000 / 3 = 666.67
  });
  it("rounds an exact half up, whichever way the path runs", () => {
    expect(
      targetFor(
        [
          { period: "2024-01", target: 0 },
          { period: "2024-03", target: 1 },
        ],
        "2024-02",
      ),
    ).toBe(1); // 0.5
    expect(
      targetFor(
        [
          { period: "2024-01", target: 1 },
          { period: "2024-03", target: 0 },
        ],
        "2024-02",
      ),
    ).toBe(1); // 0.5
    expect(
      targetFor(
        [
          { period: "2024-01", target: -3 },
          { period: "2024-03", target: 0 },
        ],
        "2024-02",
      ),
    ).toBe(-1); // -1.5
  });
  it("crosses a year boundary by months", () => {
    expect(
      targetFor(
        [
          { period: "2023-11", target: 100 },
          { period: "2024-02", target: 400 },
        ],
        "2024-01",
      ),
    ).toBe(300);
  });
});

describe("status against the target, at the tolerances", () => {
  const higher: MeasureRules = { direction: "higher_better", kind: "kpi", cadence: "monthly", amberTolerance: 300, redTolerance: 800, appetite: null };
  const lower: MeasureRules = { direction: "lower_better", kind: "kpi", cadence: "monthly", amberTolerance: 300, redTolerance: 600, appetite: null };
  it("higher is better: at a tolerance stays at the lower colour", () => {
    expect(judge(higher, 9500, 9000)).toBe("on_track");
    expect(judge(higher, 8700, 9000)).toBe("on_track");
    expect(judge(higher, 8699, 9000)).toBe("amber");
    expect(judge(higher, 8200, 9000)).toBe("amber");
    expect(judge(higher, 8199, 9000)).toBe("red");
  });
  it("lower is better: the bad side is above the target", () => {
    expect(judge(lower, 500, 1000)).toBe("on_track");
    expect(judge(lower, 1300, 1000)).toBe("on_track");
    expect(judge(lower, 1301, 1000)).toBe("amber");
    expect(judge(lower, 1600, 1000)).toBe("amber");
    expect(judge(lower, 1601, 1000)).toBe("red");
  });
  it("a KRI beyond its appetite is red whatever its target; at the appetite it is within", () => {
    const kri: MeasureRules = { ...lower, kind: "kri", appetite: 3000 };
    expect(judge(kri, 3000, 9000)).toBe("on_track");
    expect(judge(kri, 3001, 9000)).toBe("red");
    expect(judge(kri, 3001, null)).toBe("red");
  });
  it("is not judged without a target", () => {
    expect(judge(higher, 5, null)).toBeNull();
  });
});

describe("findings of a series", () => {
  const rules: MeasureRules = { direction: "higher_better", kind: "kpi", cadence: "monthly", amberTolerance: 0, redTolerance: 100, appetite: null };
  const points = [{ period: "2026-01", target: 1000 }];
  const values = new Map([
    ["2026-01", 1000],
    ["2026-02", 850],
  ]);
  const opts = { graceDays: 15, fyStartMonth: 1 };
  it("a month's value is missing only once its grace period has passed", () => {
    // March ends on the 31st; due by 15 April.
    expect(evaluateMeasure(rules, points, values, { ...opts, asOf: "2026-04-15" }).missingPeriod).toBeNull();
    expect(evaluateMeasure(rules, points, values, { ...opts, asOf: "2026-04-16" }).missingPeriod).toBe("2026-03");
  });
  it("counts consecutive red months and the change over three months", () => {
    const v = new Map([...values, ["2026-03", 880], ["2026-04", 870]]);
    const e = evaluateMeasure(rules, points, v, { ...opts, asOf: "2026-05-10" });
    expect(e.latest?.period).toBe("2026-04");
    expect(e.redStreak).toBe(3);
    expect(e.quarterChange).toEqual({ fromPeriod: "2026-01", fromValue: 1000, change: -130, improved: false });
  });
  it("a quarterly measure reports in the last month of each fiscal quarter only", () => {
    const q = { ...rules, cadence: "quarterly" as const };
    const e = evaluateMeasure(q, [{ period: "2026-03", target: 10 }], new Map([["2026-03", 10]]), { ...opts, asOf: "2026-10-20", fyStartMonth: 1 });
    expect(e.series.map((p) => p.period)).toEqual(["2026-03", "2026-06", "2026-09"]);
    expect(e.missingPeriod).toBe("2026-09");
  });
});

describe("values typed in a unit", () => {
  it("keeps two decimals for percent and days, whole counts, cents for money", () => {
    expect(parseMeasureValue("97.5", "percent")).toBe(9750);
    expect(parseMeasureValue("97.555", "percent")).toBeNull();
    expect(parseMeasureValue("1,234", "count")).toBe(1234);
    expect(parseMeasureValue("12.5", "count")).toBeNull();
    expect(parseMeasureValue("$1,234.05", "money")).toBe(123405);
    expect(parseMeasureValue("0.25", "days")).toBe(25);
    expect(parseMeasureValue("abc", "days")).toBeNull();
  });
});
