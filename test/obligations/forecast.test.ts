import { describe, expect, it } from "vitest";
import { forecastSpend } from "~/figures/obligations/forecast";

const o = { targetCents: 150_000_000_00, windowStart: "2022-01-01", windowEnd: "2023-12-31" }; // 730 days

describe("forecastSpend", () => {
  it("projects the run rate since the window opened to its end", () => {
    const f = forecastSpend(o, 50_000_000_00, "2022-12-31"); // 365 of 730 days
    expect(f.phase).toBe("open");
    expect(f.projectedCents).toBe(100_000_000_00);
    expect(f.willMeet).toBe(false);
    expect(f.progressBp).toBe(3333);
    expect(f.neededPer30DaysCents).toBe(Math.floor((100_000_000_00 * 30) / 365));
  });

  it("says on track when the pace is enough", () => {
    expect(forecastSpend(o, 76_000_000_00, "2022-12-31").willMeet).toBe(true);
  });

  it("judges a closed window by what was spent", () => {
    expect(forecastSpend(o, 150_000_000_00, "2024-05-01")).toMatchObject({ phase: "closed", willMeet: true, projectedCents: 150_000_000_00 });
    expect(forecastSpend(o, 149_999_999_99, "2023-12-31")).toMatchObject({ phase: "closed", willMeet: false });
  });

  it("does not guess before the window opens", () => {
    expect(forecastSpend(o, 0, "2021-06-01")).toMatchObject({ phase: "before", willMeet: null, projectedCents: null });
  });
});
