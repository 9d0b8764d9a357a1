import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { writeAudit } from "~/audit/log.server";
import { defineAccess } from "~/auth/access";
import { auditContext } from "~/auth/request-info.server";
import { requireAccess, requirePermission } from "~/auth/require.server";
import { resolveAsOf } from "~/dashboard/as-of.server";
import { loadDashboard } from "~/dashboard/dashboard.server";
import { DASHBOARD_TABLES, dashboardCsvStream } from "~/dashboard/export.server";
import { db } from "~/db.server";
import { getProgram } from "~/settings/settings.server";
import { csvResponse } from "~/utils/csv.server";

export const access = defineAccess({ loader: "export:data" });

const TableSchema = z.enum(DASHBOARD_TABLES).catch("workstreams");

/** One dashboard table as CSV (`?table=workstreams|budget|risks|obligations|coverage`), for the same as-of quarter. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireAccess(request, access.loader);
  requirePermission(user, "read:dashboard");
  const url = new URL(request.url);
  const period = resolveAsOf(url, getProgram(db));
  const table = TableSchema.parse(url.searchParams.get("table") ?? "workstreams");
  const csv = dashboardCsvStream(loadDashboard(db, period.asOf), table, request.signal)!;
  writeAudit(db, auditContext(user.id, context), { action: "dashboard.export", entity: "dashboard", after: { format: "csv", table, asOf: period.asOf } });
  return csvResponse(`rampart-dashboard-${table}-${period.asOf}.csv`, csv);
}
