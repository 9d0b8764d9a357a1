import { describe, expect, it } from "vitest";
import { formatSlip } from "~/milestones/slip";

// The slip and overdue rules themselves are tested against the database in test/figures/milestones.test.ts.
describe("milestone slip", () => {
  it("reads as a phrase", () => {
    expect(formatSlip(0)).toBe("on baseline");
    expect(formatSlip(5)).toBe("+5 d late");
    expect(formatSlip(-3)).toBe("3 d early");
  });
});
