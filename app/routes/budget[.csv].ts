import type { LoaderFunctionArgs } from "@remix-run/node";
import { writeAudit } from "~/audit/log.server";
import { defineAccess } from "~/auth/access";
import { auditContext } from "~/auth/request-info.server";
import { requireAccess } from "~/auth/require.server";
import { db } from "~/db.server";
import { budgetCsvRowCount, budgetCsvStream } from "~/budget/budget-export.server";
import { parseBudgetQuery } from "~/budget/budget-filters";
import { loadBudget } from "~/budget/budget.server";
import { csvResponse } from "~/utils/csv.server";
import { todayIso } from "~/time/today.server";

export const access = defineAccess({ loader: "export:data" });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireAccess(request, access.loader);
  const { query } = parseBudgetQuery(new URL(request.url).searchParams);
  const data = loadBudget(db, query, todayIso());
  // Recorded before the file streams: the count is of the rows matching when the export began.
  writeAudit(db, auditContext(user.id, context), {
    action: "budget.export",
    entity: "budget",
    after: { format: "csv", query: data.query, level: data.level, rows: budgetCsvRowCount(db, data) },
  });
  return csvResponse(`budget-${data.asOf}.csv`, budgetCsvStream(db, data, request.signal));
}
