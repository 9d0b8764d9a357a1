import { describe, expect, it } from "vitest";
import { describeCycle, findAnyCycle, findDependencyCycle } from "~/milestones/dependency-cycle";

const e = (milestoneId: number, dependsOnId: number) => ({ milestoneId, dependsOnId });

describe("milestone dependency cycles", () => {
  it("accepts a chain and a diamond", () => {
    expect(findDependencyCycle([e(2, 1), e(3, 2)], 4, [3, 1])).toBeNull();
    expect(findDependencyCycle([e(2, 1), e(3, 1), e(4, 2), e(4, 3)], 5, [4])).toBeNull();
  });

  it("refuses a direct cycle and names it", () => {
    expect(findDependencyCycle([e(2, 1)], 1, [2])).toEqual([1, 2, 1]);
  });

  it("refuses a self-dependency", () => {
    expect(findDependencyCycle([], 7, [7])).toEqual([7, 7]);
  });

  it("names every milestone along a longer cycle, in order", () => {
    expect(findDependencyCycle([e(2, 3), e(3, 4), e(5, 1)], 1, [2])).toBeNull();
    expect(findDependencyCycle([e(2, 3), e(3, 4), e(4, 1)], 1, [2])).toEqual([1, 2, 3, 4, 1]);
  });

  it("replaces the milestone's own existing edges rather than adding to them", () => {
    // 1 used to depend on 2 and 2 depends on 3; making 3 depend on 1 is fine once 1 drops 2.
    expect(findDependencyCycle([e(1, 2), e(2, 3), e(3, 1)], 1, [])).toBeNull();
  });

  it("finds any cycle in a whole graph (import)", () => {
    expect(findAnyCycle([e(1, 2), e(2, 3)])).toBeNull();
    const cycle = findAnyCycle([e(1, 2), e(2, 3), e(3, 2)]);
    expect(cycle).toEqual([2, 3, 2]);
  });

  it("describes a cycle with codes", () => {
    const codes: Record<number, string> = { 1: "M-A", 2: "M-B" };
    expect(describeCycle([1, 2, 1], (id) => codes[id]!)).toBe("M-A → M-B → M-A");
  });
});
