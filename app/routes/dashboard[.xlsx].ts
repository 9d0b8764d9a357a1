import type { LoaderFunctionArgs } from "@remix-run/node";
import { writeAudit } from "~/audit/log.server";
import { defineAccess } from "~/auth/access";
import { auditContext } from "~/auth/request-info.server";
import { requireAccess, requirePermission } from "~/auth/require.server";
import { resolveAsOf } from "~/dashboard/as-of.server";
import { loadDashboard } from "~/dashboard/dashboard.server";
import { dashboardWorkbookStream } from "~/dashboard/export.server";
import { xlsxResponse } from "~/exports/stream-xlsx.server";
import { db } from "~/db.server";
import { getProgram } from "~/settings/settings.server";

export const access = defineAccess({ loader: "export:data" });

/** Every dashboard table as one sheet of an XLSX workbook. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireAccess(request, access.loader);
  requirePermission(user, "read:dashboard");
  const period = resolveAsOf(new URL(request.url), getProgram(db));
  const body = dashboardWorkbookStream(loadDashboard(db, period.asOf), period.asOf, request.signal);
  writeAudit(db, auditContext(user.id, context), { action: "dashboard.export", entity: "dashboard", after: { format: "xlsx", asOf: period.asOf } });
  return xlsxResponse(`rampart-dashboard-${period.asOf}.xlsx`, body);
}
