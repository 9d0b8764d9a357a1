import type { LoaderFunctionArgs } from "@remix-run/node";
import { writeAudit } from "~/audit/log.server";
import { defineAccess } from "~/auth/access";
import { auditContext } from "~/auth/request-info.server";
import { requireAccess } from "~/auth/require.server";
import { db } from "~/db.server";
import { listActuals } from "~/budget/actuals.server";
import { budgetCsv } from "~/budget/budget-export.server";
import { parseBudgetQuery } from "~/budget/budget-filters";
import { loadBudget } from "~/budget/budget.server";
import { csvResponse } from "~/utils/csv.server";
import { todayIso } from "~/time/today.server";

export const access = defineAccess({ loader: "export:data" });

const EXPORT_LIMIT = 1_000_000;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireAccess(request, access.loader);
  const { query } = parseBudgetQuery(new URL(request.url).searchParams);
  const data = loadBudget(db, query, todayIso());
  const { csv, rows } = budgetCsv(data, data.level === "actuals" ? listActuals(db, data.actualFilters, EXPORT_LIMIT) : []);
  writeAudit(db, auditContext(user.id, context), {
    action: "budget.export",
    entity: "budget",
    after: { format: "csv", query: data.query, level: data.level, rows },
  });
  return csvResponse(`budget-${data.asOf}.csv`, csv);
}
