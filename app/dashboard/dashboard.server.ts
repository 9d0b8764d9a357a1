import type { Db } from "#db/connection";
import { fiscalQuarterOf, quarterBounds } from "~/money/fiscal";
import { loadBudget } from "~/budget/budget.server";
import { listObligations } from "~/obligations/obligations.server";
import { expiredAcceptances } from "~/risks/acceptances.server";
import { heatMapCounts, listRisks, topRisks } from "~/risks/register.server";
import { computeProgramStatus } from "~/rollups/status.server";
import { getProgram, getSetting } from "~/settings/settings.server";
import { csfCoverage } from "./coverage.server";
import { milestoneFigures, milestoneFiguresByWorkstream } from "~/figures/milestones.server";

/**
 * Everything the executive dashboard shows, as of a date. Each part comes
 * from the module that owns it (rollup engine, budget cube, risk register,
 * obligations), so the dashboard, the area pages and the API agree.
 *
 * Risk figures are the register's current state: risks keep their score
 * history, but acceptances, links and statuses do not, so a past quarter's
 * heat map is read from its published board report instead.
 */
export function loadDashboard(db: Db, asOf: string) {
  const program = getProgram(db);
  const fy = program.fiscalYearStartMonth;
  const status = computeProgramStatus(db, asOf);
  const budget = loadBudget(db, {}, asOf);
  const quarter = quarterBounds(fiscalQuarterOf(asOf, fy), fy);
  const scope = { asOf, appetite: program.riskAppetite };
  const aboveAppetite = listRisks(db, { above: "1" }, scope);
  return {
    program: { name: program.name, description: program.description, appetite: program.riskAppetite },
    status,
    budget: { totals: budget.totals, burnUp: budget.burnUp },
    milestones: milestoneFigures(db, { asOf, periodStart: quarter.start }),
    milestonesByWorkstream: Object.fromEntries(milestoneFiguresByWorkstream(db, { asOf, periodStart: quarter.start })),
    risks: {
      matrix: getSetting(db, "risk_matrix"),
      heatMap: heatMapCounts(db, {}, scope, "current"),
      top: topRisks(db, scope, 5),
      aboveAppetite: aboveAppetite.length,
      expiredAcceptances: expiredAcceptances(db, asOf),
    },
    obligations: listObligations(db, {}, asOf),
    coverage: csfCoverage(db, getSetting(db, "csf_tiers")),
  };
}

export type DashboardData = ReturnType<typeof loadDashboard>;
