import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { centsToDecimal, formatBp, mulDivFloor, parseAmountToCents, ratioBp } from "~/money/cents";

describe("parseAmountToCents", () => {
  it.each([
    ["1,234.56", 123456],
    ["1234.56", 123456],
    ["$1,234", 123400],
    ["1234.5", 123450],
    ["0.07", 7],
    ["-12.30", -1230],
    ["1,000,000.01", 100000001],
  ])("%s → %i cents", (text, cents) => expect(parseAmountToCents(text)).toBe(cents));

  it.each(["", "abc", "1,23.00", "12.345", "1.2.3", "1e5", "12,34"])("refuses %j", (text) => expect(parseAmountToCents(text)).toBeNull());

  it("round-trips every integer amount without losing a cent (the classic 0.1 + 0.2 trap included)", () => {
    fc.assert(fc.property(fc.integer({ min: -1e13, max: 1e13 }), (cents) => parseAmountToCents(centsToDecimal(cents)) === cents));
    expect(parseAmountToCents("0.29")).toBe(29); // 0.29 * 100 === 28.999999999999996 in floats
    expect(parseAmountToCents("1,111,111.13")).toBe(111111113);
  });
});

describe("integer ratios", () => {
  it("rounds basis points once, half away from zero", () => {
    expect(ratioBp(1, 3)).toBe(3333);
    expect(ratioBp(2, 3)).toBe(6667);
    expect(ratioBp(-1, 8)).toBe(-1250);
    expect(ratioBp(1, 20000)).toBe(1); // 0.5 bp → 1
    expect(ratioBp(5, 0)).toBeNull();
    expect(formatBp(1234)).toBe("12.34 %");
    expect(formatBp(-5)).toBe("-0.05 %");
  });

  it("pro-rates exactly on large amounts", () => {
    expect(mulDivFloor(9_007_199_254_740, 91, 92)).toBe(Number((9_007_199_254_740n * 91n) / 92n));
  });
});
