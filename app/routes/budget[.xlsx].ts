import type { LoaderFunctionArgs } from "@remix-run/node";
import { writeAudit } from "~/audit/log.server";
import { defineAccess } from "~/auth/access";
import { auditContext } from "~/auth/request-info.server";
import { requireAccess } from "~/auth/require.server";
import { db } from "~/db.server";
import { listActuals } from "~/budget/actuals.server";
import { budgetWorkbook } from "~/budget/budget-export.server";
import { parseBudgetQuery } from "~/budget/budget-filters";
import { loadBudget } from "~/budget/budget.server";
import { todayIso } from "~/time/today.server";

export const access = defineAccess({ loader: "export:data" });

// The workbook carries every view of the filtered scope (one sheet each) and the invoices behind it.
const ACTUALS_SHEET_LIMIT = 1_000_000;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireAccess(request, access.loader);
  const { query } = parseBudgetQuery(new URL(request.url).searchParams);
  const asOf = todayIso();
  const data = loadBudget(db, query, asOf);
  const actualRows = listActuals(db, data.actualFilters, ACTUALS_SHEET_LIMIT);
  const body = await budgetWorkbook(data, actualRows);
  writeAudit(db, auditContext(user.id, context), {
    action: "budget.export",
    entity: "budget",
    after: { format: "xlsx", query: data.query, actualRows: actualRows.length },
  });
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="budget-${asOf}.xlsx"`,
      "Cache-Control": "no-store",
    },
  });
}
