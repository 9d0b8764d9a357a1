import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { riskTrend, trendQuarters } from "~/figures/risks.server";
import { DEFAULT_RISK_MATRIX } from "~/risks/matrix";
import { ensureProgram, makeAssessment, makeRisk } from "#test/support/risk-factories";
import { independentTrend } from "./trend-independent";

describe("risk trend by quarter (factories)", () => {
  beforeAll(() => {
    ensureProgram();
    const a = makeRisk({ cl: 5, ci: 5, assessedOn: "2022-02-10" });
    makeAssessment(a.id, { assessedOn: "2022-06-30", likelihood: 4, impact: 4 });
    // Two assessments on one day: the later row wins.
    makeAssessment(a.id, { assessedOn: "2023-01-05", likelihood: 3, impact: 3 });
    makeAssessment(a.id, { assessedOn: "2023-01-05", likelihood: 2, impact: 3 });
    const b = makeRisk({ cl: 2, ci: 2, assessedOn: "2022-07-01" });
    makeAssessment(b.id, { assessedOn: "2023-03-31", likelihood: 5, impact: 4 });
  });

  it("lists each quarter from the programme's start, the last one ending on the as-of day", () => {
    const q = trendQuarters({ startFiscalYear: 2022, fiscalYearStartMonth: 1 }, "2023-05-10");
    expect(q.map((x) => x.quarter)).toEqual(["FY2022-Q1", "FY2022-Q2", "FY2022-Q3", "FY2022-Q4", "FY2023-Q1", "FY2023-Q2"]);
    expect(q[0]!.end).toBe("2022-03-31");
    expect(q.at(-1)!.end).toBe("2023-05-10");
  });

  it("scores each risk by its latest assessment on or before each quarter end", () => {
    const points = riskTrend(db, { asOf: "2023-05-10", program: { startFiscalYear: 2022, fiscalYearStartMonth: 1 } });
    expect(points.map((p) => [p.quarter, p.risks, p.scoreSum])).toEqual([
      ["FY2022-Q1", 1, 25],
      ["FY2022-Q2", 1, 16],
      ["FY2022-Q3", 2, 20],
      ["FY2022-Q4", 2, 20],
      ["FY2023-Q1", 2, 26],
      ["FY2023-Q2", 2, 26],
    ]);
    expect(points[4]!.byLevel).toEqual({ low: 0, medium: 1, high: 0, critical: 1 });
    for (const p of points) expect({ risks: p.risks, scoreSum: p.scoreSum, byLevel: p.byLevel }).toEqual(independentTrend(DEFAULT_RISK_MATRIX, p.asOf));
  });
});
