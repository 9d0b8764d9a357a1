import { describe, expect, it } from "vitest";
import { snapshotDifferences } from "~/board/snapshot-diff";

describe("figures that differ between two snapshots", () => {
  const approved = {
    asOfDate: "2025-03-31",
    spend: { actualToDateCents: 100, planToDateCents: 300 },
    obligations: [
      { code: "OB-01", status: "in_progress", countedCents: 50 },
      { code: "OB-02", status: "met", countedCents: null },
    ],
    health: { reasons: ["a", "b"] },
  };

  it("finds none when nothing moved, whatever the key order", () => {
    const same = {
      health: { reasons: ["a", "b"] },
      obligations: approved.obligations.map((o) => ({ ...o })),
      spend: { planToDateCents: 300, actualToDateCents: 100 },
      asOfDate: "2025-03-31",
    };
    expect(snapshotDifferences(approved, same)).toEqual([]);
  });

  it("names each moved figure by its path, rows by their code, old → new", () => {
    const now = {
      ...approved,
      asOfDate: "2025-04-02",
      spend: { actualToDateCents: 175, planToDateCents: 300 },
      obligations: [
        { code: "OB-02", status: "met", countedCents: null },
        { code: "OB-01", status: "at_risk", countedCents: 50 },
        { code: "OB-03", status: "not_started", countedCents: 0 },
      ],
      health: { reasons: ["a"] },
    };
    expect(snapshotDifferences(approved, now)).toEqual([
      { figure: "asOfDate", before: "2025-03-31", after: "2025-04-02" },
      { figure: "spend.actualToDateCents", before: 100, after: 175 },
      { figure: "obligations[OB-01].status", before: "in_progress", after: "at_risk" },
      { figure: "health.reasons[1]", before: "b", after: null },
      { figure: "obligations[OB-03].code", before: null, after: "OB-03" },
      { figure: "obligations[OB-03].status", before: null, after: "not_started" },
      { figure: "obligations[OB-03].countedCents", before: null, after: 0 },
    ]);
  });

  it("treats a missing approval as every figure changed", () => {
    expect(snapshotDifferences(null, { spend: { actualToDateCents: 1 } })).toEqual([{ figure: "spend.actualToDateCents", before: null, after: 1 }]);
  });
});
