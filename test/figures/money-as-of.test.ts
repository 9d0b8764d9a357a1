import { beforeAll, describe, expect, it } from "vitest";
import { buildQuarterSnapshot } from "~/board/snapshot.server";
import { savePlan } from "~/budget/plan.server";
import { saveSpend } from "~/budget/spend.server";
import { db } from "~/db.server";
import { moneyBy, moneyFigures, moneyView } from "~/figures/money.server";
import { obligationsAsOf } from "~/figures/obligations.server";
import { fiscalQuarterOf, formatQuarter } from "~/money/fiscal";
import { updateObligation } from "~/obligations/update.server";
import { makeWorkstream, signedIn } from "#test/support/factories";
import { makeActual, makeBudgetLine, makeCommitment, makeObligation, makeProgram } from "#test/support/money-factories";
import { inDays, TODAY } from "#test/support/today";

/**
 * "As of D" is what the data said at the end of day D: every change below is
 * made today (D + 1) through the real mutation functions, and no figure as of
 * D may move.
 */
const D = inDays(-1);
const quarterOfD = formatQuarter(fiscalQuarterOf(D, 1));

function everyFigureAsOf(day: string) {
  const view = moneyView(db, { asOf: day });
  const snapshot = buildQuarterSnapshot(db, quarterOfD, day);
  return {
    totals: view.totals(),
    byYear: view.rollup("fiscalYear"),
    byQuarter: view.rollup("quarter"),
    byCategory: view.rollup("category"),
    burnUp: view.burnUp(),
    byWorkstream: [...moneyBy(db, "workstream", { asOf: day })],
    snapshotSpend: { spend: snapshot.spend, series: snapshot.spendSeries, workstreams: snapshot.workstreams, obligations: snapshot.obligations },
    obligations: obligationsAsOf(db, {}, day).map(({ updatedAt: _u, version: _v, evidenceNotes: _e, ...o }) => o),
  };
}

describe("a change made on D + 1 never changes a figure as of D", () => {
  let ws: { id: number; code: string };
  let line: { id: number; version: number };
  let spendObligation: { id: number; version: number };
  const ctx = () => ({ actorId: signedIn("ciso_office").user.id });

  beforeAll(() => {
    makeProgram({ startFiscalYear: 2022, endFiscalYear: 2028 });
    ws = makeWorkstream({ code: "WS-ASOF" });
    const fy = fiscalQuarterOf(D, 1).fiscalYear;
    line = makeBudgetLine(ws.id, { fiscalYear: fy, quarter: fiscalQuarterOf(D, 1).quarter, amountCents: 910_000_00 });
    makeBudgetLine(ws.id, { fiscalYear: 2023, quarter: 2, amountCents: 400_000_00, category: "labour" });
    makeActual(ws.id, { date: "2023-05-02", amountCents: 123_456_78, tags: ["settlement"] });
    makeCommitment(ws.id, { date: "2023-04-01", amountCents: 300_000_00 });
    spendObligation = makeObligation({
      code: "OB-SPEND",
      kind: "spend",
      status: "in_progress",
      targetCents: 1_000_000_00,
      windowStart: "2023-01-01",
      windowEnd: "2027-12-31",
      spendTag: "settlement",
    });
    makeObligation({ code: "OB-MEASURE", status: "not_started" });
  });

  it("holds for plan edits, new plan lines, actuals and commitments dated D + 1, obligation changes and new obligations", () => {
    const before = everyFigureAsOf(D);
    expect(before.totals.planCents).toBe(1_310_000_00);

    // A plan edit and a new plan line, through the plan grid.
    const fy = fiscalQuarterOf(D, 1).fiscalYear;
    savePlan(db, ctx(), ws.id, fy, [
      {
        id: line.id,
        version: line.version,
        quarter: fiscalQuarterOf(D, 1).quarter,
        costClass: "opex",
        category: "vendor",
        original: 910_000_00,
        amount: 1_500_000_00,
      },
      { quarter: 1, costClass: "capex", category: "tooling", original: 0, amount: 77_000_00 },
    ]);
    // An actual and a commitment dated today, through the spend form's save.
    const spend = {
      reference: "",
      date: TODAY,
      amount: 5_000_00,
      workstream: "WS-ASOF",
      category: "vendor",
      costClass: "opex",
      description: "",
      tags: ["settlement"],
    } as const;
    saveSpend(db, ctx(), { ...spend, kind: "actual", reference: "INV-TODAY", tags: [...spend.tags] });
    saveSpend(db, ctx(), { ...spend, kind: "commitment", reference: "PO-TODAY", tags: [] });
    // An obligation's status changes, and a new obligation is recorded.
    updateObligation(db, ctx(), spendObligation.id, { version: spendObligation.version, status: "at_risk", evidenceNotes: "" });
    makeObligation({ code: "OB-NEW", status: "in_progress", recordedAt: new Date().toISOString() });

    expect(everyFigureAsOf(D)).toEqual(before);

    // …while today sees every change.
    const now = moneyFigures(db, { asOf: TODAY });
    expect(now.planCents).toBe(400_000_00 + 1_500_000_00 + 77_000_00);
    expect(now.actualCents).toBe(123_456_78 + 5_000_00);
    expect(now.committedCents).toBe(300_000_00 + 5_000_00);
    expect(obligationsAsOf(db, {}, TODAY).map((o) => [o.code, o.status])).toEqual([
      ["OB-MEASURE", "not_started"],
      ["OB-NEW", "in_progress"],
      ["OB-SPEND", "at_risk"],
    ]);
  });
});
