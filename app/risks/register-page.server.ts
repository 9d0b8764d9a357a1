import { asc, eq } from "drizzle-orm";
import type { Db } from "#db/connection";
import { risks, users, workstreams } from "#db/schema";
import {
  overdueReviews,
  REGISTER_ORDERS,
  type RegisterSort,
  riskHeatMap,
  riskRegisterPage,
  riskSettingsAsOf,
  riskTrend,
  topRisks,
} from "~/figures/risks.server";
import type { ListParams, ListSpec } from "~/lists/list-params";
import { getProgram } from "~/settings/settings.server";
import type { RiskFilters } from "./filters";
import { memoFigure } from "~/figures/memo.server";

/** Owners and workstreams for the filter form (choices, not figures). */
function filterOptions(db: Pick<Db, "select" | "selectDistinct">) {
  const owners = db.selectDistinct({ id: users.id, name: users.name }).from(risks).innerJoin(users, eq(users.id, risks.ownerId)).orderBy(asc(users.name)).all();
  const streams = db.select({ code: workstreams.code, name: workstreams.name }).from(workstreams).orderBy(asc(workstreams.code)).all();
  return { owners, workstreams: streams };
}

/** Overdue reviews the register page lists (longest overdue first). */
export const OVERDUE_SHOWN = 10;

export const RISK_LIST: ListSpec<RegisterSort> = {
  sorts: Object.keys(REGISTER_ORDERS) as [RegisterSort, ...RegisterSort[]],
  defaultSort: "score",
  defaultDir: "desc",
};

/** Everything the /risks page shows, for one set of filters on one day: every figure from app/figures/risks.server.ts, the register one page at a time. */
function registerPageUncached(db: Db, filters: RiskFilters, asOf: string, list: ListParams<RegisterSort>) {
  const program = getProgram(db);
  const { matrix, appetite } = riskSettingsAsOf(db, asOf);
  const overdue = overdueReviews(db, { asOf });
  return {
    asOf,
    appetite,
    matrix,
    filters,
    register: riskRegisterPage(db, { asOf, filters }, list),
    heat: { inherent: riskHeatMap(db, { asOf, filters, which: "inherent" }), current: riskHeatMap(db, { asOf, filters, which: "current" }) },
    top: topRisks(db, { asOf, limit: 10 }),
    // The page lists the longest overdue; the register filtered on "review overdue" has them all.
    overdue: overdue.slice(0, OVERDUE_SHOWN),
    overdueTotal: overdue.length,
    trend: riskTrend(db, { asOf, program }),
    options: filterOptions(db),
  };
}

export const registerPage = memoFigure("registerPage", registerPageUncached);
