import { describe, expect, it } from "vitest";
import { DEFAULT_RISK_MATRIX, isAboveAppetite, levelFor, levelsAbove, RiskMatrixSchema } from "~/risks/matrix";

// The default matrix written out cell by cell (rows: likelihood 1..5, columns: impact 1..5),
// independently of the score bands that generate it.
const EXPECTED = [
  ["low", "low", "low", "medium", "medium"],
  ["low", "medium", "medium", "medium", "high"],
  ["low", "medium", "medium", "high", "high"],
  ["medium", "medium", "high", "high", "critical"],
  ["medium", "high", "high", "critical", "critical"],
] as const;

describe("default risk matrix", () => {
  for (let l = 1; l <= 5; l++) {
    for (let i = 1; i <= 5; i++) {
      it(`likelihood ${l} × impact ${i} is ${EXPECTED[l - 1]![i - 1]}`, () => {
        expect(levelFor(DEFAULT_RISK_MATRIX, l, i)).toBe(EXPECTED[l - 1]![i - 1]);
      });
    }
  }

  it("is a valid settings document with labels for every step", () => {
    expect(RiskMatrixSchema.safeParse(DEFAULT_RISK_MATRIX).success).toBe(true);
    expect(DEFAULT_RISK_MATRIX.likelihoodLabels).toEqual(["Rare", "Unlikely", "Possible", "Likely", "Almost certain"]);
    expect(DEFAULT_RISK_MATRIX.impactLabels[4]).toBe("Severe");
  });

  it("has no cell off the scale", () => {
    expect(() => levelFor(DEFAULT_RISK_MATRIX, 0, 3)).toThrow(RangeError);
    expect(() => levelFor(DEFAULT_RISK_MATRIX, 6, 3)).toThrow(RangeError);
    expect(() => levelFor(DEFAULT_RISK_MATRIX, 3, 6)).toThrow(RangeError);
  });
});

describe("appetite", () => {
  it("counts only levels strictly above the appetite", () => {
    expect(isAboveAppetite("medium", "medium")).toBe(false);
    expect(isAboveAppetite("high", "medium")).toBe(true);
    expect(isAboveAppetite("critical", "critical")).toBe(false);
    expect(levelsAbove("medium")).toEqual(["critical", "high"]);
    expect(levelsAbove("low")).toEqual(["critical", "high", "medium"]);
  });
});
