import type { Db } from "#db/connection";
import { fiscalQuarterOf, quarterBounds } from "~/money/fiscal";
import { moneyView } from "~/figures/money.server";
import { obligationsAsOf } from "~/figures/obligations.server";
import { measureEvidenceSummary } from "~/figures/obligations-evidence.server";
import { expiredAcceptances, riskHeatMap, riskSettingsAsOf, riskSummary, topRisks } from "~/figures/risks.server";
import { computeProgramStatus } from "~/rollups/status.server";
import { getProgram } from "~/settings/settings.server";
import { csfProfile } from "~/csf/profile.server";
import { csfGapSummary } from "~/csf/profile.server";
import { milestoneFigures, milestoneFiguresByWorkstream } from "~/figures/milestones.server";
import { memoFigure } from "~/figures/memo.server";

/**
 * Everything the executive dashboard shows, as of a date. Each part comes
 * from the module that owns it (rollup engine, budget cube, risk register,
 * obligations), so the dashboard, the area pages and the API agree.
 *
 * Risk figures come from app/figures/risks.server.ts as of the date (risk
 * history, the matrix and appetite then), so a past quarter's panel equals
 * that quarter's board report.
 */
function loadDashboardUncached(db: Db, asOf: string) {
  const program = getProgram(db);
  const fy = program.fiscalYearStartMonth;
  const status = computeProgramStatus(db, asOf);
  // The dashboard shows the programme's totals and burn-up only: one cube summed by quarter, not the budget page's seven views.
  const money = moneyView(db, { asOf }, "time");
  const quarter = quarterBounds(fiscalQuarterOf(asOf, fy), fy);
  const riskSettings = riskSettingsAsOf(db, asOf);
  const obligations = obligationsAsOf(db, {}, asOf);
  return {
    program: { name: program.name, description: program.description, appetite: riskSettings.appetite },
    status,
    budget: { totals: money.totals(), burnUp: money.burnUp() },
    milestones: milestoneFigures(db, { asOf, periodStart: quarter.start }),
    milestonesByWorkstream: Object.fromEntries(milestoneFiguresByWorkstream(db, { asOf, periodStart: quarter.start })),
    risks: {
      matrix: riskSettings.matrix,
      heatMap: riskHeatMap(db, { asOf, which: "current" }),
      top: topRisks(db, { asOf, limit: 5 }),
      aboveAppetite: riskSummary(db, { asOf }).aboveAppetite,
      expiredAcceptances: expiredAcceptances(db, { asOf }),
    },
    obligations,
    measureEvidence: measureEvidenceSummary(db, obligations, asOf),
    // The dashboard export's coverage table: the CSF 2.0 category profile (the page shows its gaps in one line, `csf`).
    coverage: csfProfile(db, asOf),
    csf: csfGapSummary(db, asOf),
  };
}

export type DashboardData = ReturnType<typeof loadDashboard>;

export const loadDashboard = memoFigure("loadDashboard", loadDashboardUncached);
