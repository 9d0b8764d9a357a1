import { parseBudgetQuery } from "~/budget/budget-filters";
import { loadBudget } from "~/budget/budget.server";
import { loadDashboard } from "~/dashboard/dashboard.server";
import { workstreamOverview } from "~/dashboard/overview.server";
import type { Db } from "#db/connection";
import { getDb } from "~/db-connection.server";
import { type FigureEntries, primeFigures } from "~/figures/memo.server";
import { moneyBy } from "~/figures/money.server";
import { parseListParams } from "~/lists/list-params";
import { MILESTONE_LIST, pageMilestones } from "~/milestones/milestone-queries.server";
import { MilestoneFiltersSchema, parseFilters } from "~/milestones/milestone-schemas";
import { parseRiskFilters } from "~/risks/filters";
import { registerPage, RISK_LIST } from "~/risks/register-page.server";

/**
 * Today's most read figures, a step each: the dashboard (which holds the
 * programme's rollup), the workstream overview, the budget, the engagement
 * list's spend, the milestone list and the risk register as they open. The
 * background thread (server/figures-thread.ts) runs them whenever the data or the day
 * changed and hands each step's results to the request thread's cache, so at 100x
 * the demo the seconds these take are not spent on the thread that answers
 * requests (docs/decisions/019-figures-cache.md).
 */
export function warmSteps(db: Db, day: string): Array<() => unknown> {
  // The same arguments as the pages' loaders with no query string, so they find these results. The dashboard first: it
  // is the page most read, and a request waiting for it is answered as soon as its step is handed over.
  const none = new URLSearchParams();
  return [
    () => loadDashboard(db, day),
    () => workstreamOverview(db, day),
    () => loadBudget(db, parseBudgetQuery(none).query, day),
    // The engagement list's spend columns: a grouped sum over every invoice (a quarter of a second at 100x).
    () => moneyBy(db, "engagement", { asOf: day }),
    () =>
      pageMilestones(
        db,
        { ...parseFilters(MilestoneFiltersSchema, new URL("http://localhost/milestones")), q: undefined },
        day,
        parseListParams(none, MILESTONE_LIST),
      ),
    () => registerPage(db, { ...parseRiskFilters(none), q: undefined }, day, parseListParams(none, RISK_LIST)),
  ];
}

/** The request thread's side: adds the background thread's figures to the cache the app's connection reads. */
export function primeFiguresCache(changes: number, entries: FigureEntries): number {
  return primeFigures(getDb(), changes, entries);
}
