import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, fiscalQuarterLabel, fiscalQuarterOf, fiscalYearBounds, isIsoDate, parseQuarter, quarterBounds, quarterRange } from "~/money/fiscal";

describe("fiscal calendar, January start (fiscal = calendar year)", () => {
  it.each([
    ["2022-12-31", "FY2022-Q4"],
    ["2023-01-01", "FY2023-Q1"],
    ["2023-03-31", "FY2023-Q1"],
    ["2023-04-01", "FY2023-Q2"],
    ["2023-06-30", "FY2023-Q2"],
    ["2023-07-01", "FY2023-Q3"],
    ["2023-09-30", "FY2023-Q3"],
    ["2023-10-01", "FY2023-Q4"],
  ])("%s is %s", (date, label) => expect(fiscalQuarterLabel(date, 1)).toBe(label));

  it("bounds FY2024 (a leap year) and its quarters", () => {
    expect(fiscalYearBounds(2024, 1)).toEqual({ start: "2024-01-01", end: "2024-12-31" });
    expect(quarterBounds({ fiscalYear: 2024, quarter: 1 }, 1)).toEqual({ start: "2024-01-01", end: "2024-03-31" });
    expect(quarterBounds({ fiscalYear: 2024, quarter: 4 }, 1)).toEqual({ start: "2024-10-01", end: "2024-12-31" });
  });
});

describe("fiscal calendar, July start (FY named for the year it ends)", () => {
  it.each([
    ["2022-06-30", "FY2022-Q4"],
    ["2022-07-01", "FY2023-Q1"],
    ["2022-09-30", "FY2023-Q1"],
    ["2022-10-01", "FY2023-Q2"],
    ["2022-12-31", "FY2023-Q2"],
    ["2023-01-01", "FY2023-Q3"],
    ["2023-03-31", "FY2023-Q3"],
    ["2023-04-01", "FY2023-Q4"],
    ["2023-06-30", "FY2023-Q4"],
    ["2023-07-01", "FY2024-Q1"],
  ])("%s is %s", (date, label) => expect(fiscalQuarterLabel(date, 7)).toBe(label));

  it("bounds FY2023 across the calendar year end, including a leap February", () => {
    expect(fiscalYearBounds(2023, 7)).toEqual({ start: "2022-07-01", end: "2023-06-30" });
    expect(quarterBounds({ fiscalYear: 2024, quarter: 3 }, 7)).toEqual({ start: "2024-01-01", end: "2024-03-31" });
    expect(quarterBounds({ fiscalYear: 2024, quarter: 2 }, 7)).toEqual({ start: "2023-10-01", end: "2023-12-31" });
  });
});

describe("fiscal calendar, October start (US federal style)", () => {
  it.each([
    ["2022-09-30", "FY2022-Q4"],
    ["2022-10-01", "FY2023-Q1"],
    ["2022-12-31", "FY2023-Q1"],
    ["2023-01-01", "FY2023-Q2"],
    ["2023-07-01", "FY2023-Q4"],
    ["2023-09-30", "FY2023-Q4"],
  ])("%s is %s", (date, label) => expect(fiscalQuarterLabel(date, 10)).toBe(label));

  it("bounds FY2023", () => expect(fiscalYearBounds(2023, 10)).toEqual({ start: "2022-10-01", end: "2023-09-30" }));
});

describe("fiscal calendar properties, every start month", () => {
  const date = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 11, 31) }).map((t) => new Date(t).toISOString().slice(0, 10));
  const month = fc.integer({ min: 1, max: 12 });

  it("every date lies inside the bounds of its own quarter", () => {
    fc.assert(
      fc.property(date, month, (d, m) => {
        const { start, end } = quarterBounds(fiscalQuarterOf(d, m), m);
        return start <= d && d <= end;
      }),
    );
  });

  it("the day after a quarter's end starts the next quarter; quarters tile the year", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2040 }), month, (fy, m) => {
        const quarters = quarterRange({ fiscalYear: fy, quarter: 1 }, { fiscalYear: fy, quarter: 4 }).map((q) => quarterBounds(q, m));
        for (let i = 1; i < 4; i++) expect(addDays(quarters[i - 1]!.end, 1)).toBe(quarters[i]!.start);
        expect(addDays(fiscalYearBounds(fy - 1, m).end, 1)).toBe(fiscalYearBounds(fy, m).start);
        expect(fiscalQuarterLabel(fiscalYearBounds(fy, m).start, m)).toBe(`FY${fy}-Q1`);
        expect(fiscalQuarterLabel(fiscalYearBounds(fy, m).end, m)).toBe(`FY${fy}-Q4`);
      }),
    );
  });

  it("labels parse back", () => {
    fc.assert(
      fc.property(date, month, (d, m) => {
        expect(parseQuarter(fiscalQuarterLabel(d, m))).toEqual(fiscalQuarterOf(d, m));
      }),
    );
  });
});

describe("isIsoDate", () => {
  it("accepts real dates and refuses impossible ones", () => {
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("2023-02-29")).toBe(false);
    expect(isIsoDate("2023-13-01")).toBe(false);
    expect(isIsoDate("01/02/2023")).toBe(false);
  });
});
