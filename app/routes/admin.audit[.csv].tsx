import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportAuditCsv, parseAuditQuery } from "~/admin/audit.server";
import { describeProblems } from "~/utils/query";
import { defineAccess } from "~/auth/access";
import { auditContext } from "~/auth/request-info.server";
import { requireAccess } from "~/auth/require.server";
import { db } from "~/db.server";
import { csvResponse } from "~/utils/csv.server";

export const access = defineAccess({ loader: "read:audit" });

const badRequest = (message: string) => new Response(message, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });

/**
 * `/admin/audit.csv` with the page's filters: every matching event, not one
 * page. Taking the export is itself audited (`audit.export`). Unlike the
 * page, a bad filter is refused rather than dropped, so a file never holds
 * more than the administrator asked for without saying so.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireAccess(request, access.loader);
  const { filter, problems } = parseAuditQuery(new URL(request.url).searchParams);
  if (problems.length) return badRequest(`Nothing exported. ${describeProblems(problems, "Invalid").join(" ")}`);
  const { csv } = await exportAuditCsv(db, filter, auditContext(user.id, context), request.signal);
  return csvResponse(`rampart-audit-${new Date().toISOString().slice(0, 10)}.csv`, csv);
}
