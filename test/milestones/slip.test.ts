import { describe, expect, it } from "vitest";
import { expectedDate, formatSlip, isOverdue, slipDays } from "~/milestones/slip";

describe("milestone slip", () => {
  it("is forecast minus baseline while open", () => {
    expect(slipDays({ baselineDate: "2024-06-30", forecastDate: "2024-07-14", actualDate: null })).toBe(14);
    expect(slipDays({ baselineDate: "2024-06-30", forecastDate: "2024-06-20", actualDate: null })).toBe(-10);
  });
  it("is actual minus baseline once done, whatever the forecast said", () => {
    expect(slipDays({ baselineDate: "2024-06-30", forecastDate: "2024-09-30", actualDate: "2024-07-02" })).toBe(2);
  });
  it("is zero with neither forecast nor actual", () => {
    expect(slipDays({ baselineDate: "2024-06-30", forecastDate: null, actualDate: null })).toBe(0);
    expect(expectedDate({ baselineDate: "2024-06-30", forecastDate: null, actualDate: null })).toBe("2024-06-30");
  });
  it("counts across a leap day", () => {
    expect(slipDays({ baselineDate: "2024-02-28", forecastDate: "2024-03-01", actualDate: null })).toBe(2);
  });
  it("is overdue only when open and past its forecast (or baseline)", () => {
    const m = { baselineDate: "2024-06-30", forecastDate: "2024-07-31", actualDate: null };
    expect(isOverdue({ ...m, status: "in_progress" }, "2024-07-15")).toBe(false);
    expect(isOverdue({ ...m, status: "in_progress" }, "2024-08-01")).toBe(true);
    expect(isOverdue({ ...m, status: "done" }, "2024-08-01")).toBe(false);
    expect(isOverdue({ ...m, forecastDate: null, status: "not_started" }, "2024-07-01")).toBe(true);
  });
  it("reads as a phrase", () => {
    expect(formatSlip(0)).toBe("on baseline");
    expect(formatSlip(5)).toBe("+5 d late");
    expect(formatSlip(-3)).toBe("3 d early");
  });
});
