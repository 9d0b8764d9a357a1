import type { LoaderFunctionArgs } from "@remix-run/node";
import { writeAudit } from "~/audit/log.server";
import { defineAccess } from "~/auth/access";
import { auditContext } from "~/auth/request-info.server";
import { requireAccess } from "~/auth/require.server";
import { db } from "~/db.server";
import { countActualsByWindows } from "~/budget/actuals.server";
import { budgetWorkbookStream } from "~/budget/budget-export.server";
import { parseBudgetQuery } from "~/budget/budget-filters";
import { loadBudget } from "~/budget/budget.server";
import { xlsxResponse } from "~/exports/stream-xlsx.server";
import { todayIso } from "~/time/today.server";

export const access = defineAccess({ loader: "export:data" });

// The workbook carries every view of the filtered scope (one sheet each) and every invoice behind it, streamed.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireAccess(request, access.loader);
  const { query } = parseBudgetQuery(new URL(request.url).searchParams);
  const asOf = todayIso();
  const data = loadBudget(db, query, asOf);
  writeAudit(db, auditContext(user.id, context), {
    action: "budget.export",
    entity: "budget",
    after: { format: "xlsx", query: data.query, actualRows: await countActualsByWindows(db, data.actualFilters, request.signal) },
  });
  return xlsxResponse(`budget-${asOf}.xlsx`, budgetWorkbookStream(db, data, request.signal));
}
