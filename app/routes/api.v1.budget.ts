import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiJson, parseAsOf } from "~/api/respond.server";
import { defineAccess } from "~/auth/access";
import { requireApiAccess } from "~/auth/api-access.server";
import { db } from "~/db.server";
import { loadBudget } from "~/budget/budget.server";
import { parseBudgetQuery } from "~/budget/budget-filters";

export const access = defineAccess({ loader: "read:program", api: true, scope: "budget" });

/** The budget rollup (all money in integer cents) with the same filters and views as /budget. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  requireApiAccess(request, context, access);
  const asOf = parseAsOf(request);
  const { query, ignored } = parseBudgetQuery(new URL(request.url).searchParams);
  const b = loadBudget(db, query, asOf);
  return apiJson({ asOf, query: b.query, ignored: [...ignored, ...b.ignored], scope: b.scopeLabel, totals: b.totals, views: b.views, burnUp: b.burnUp.points });
}
