import type { Db } from "#db/connection";
import { getProgram, getSetting } from "~/settings/settings.server";
import type { RiskFilters } from "./filters";
import { filterOptions, heatMapCounts, listRisks, overdueReviews, topRisks } from "./register.server";
import { riskTrend, trendQuarters } from "./trend.server";

/** Everything the /risks page shows, for one set of filters on one day. */
export function registerPage(db: Db, filters: RiskFilters, asOf: string) {
  const program = getProgram(db);
  const matrix = getSetting(db, "risk_matrix");
  const scope = { asOf, appetite: program.riskAppetite };
  return {
    asOf,
    appetite: program.riskAppetite,
    matrix,
    filters,
    rows: listRisks(db, filters, scope),
    heat: { inherent: heatMapCounts(db, filters, scope, "inherent"), current: heatMapCounts(db, filters, scope, "current") },
    top: topRisks(db, scope),
    overdue: overdueReviews(db, scope),
    trend: riskTrend(db, matrix, trendQuarters(program, asOf)),
    options: filterOptions(db),
  };
}
