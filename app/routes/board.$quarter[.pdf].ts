import type { LoaderFunctionArgs } from "@remix-run/node";
import { defineAccess } from "~/auth/access";
import { auditContext } from "~/auth/request-info.server";
import { requireAccess } from "~/auth/require.server";
import { boardPack } from "~/board/pack.server";
import { findReport } from "~/board/reports.server";
import { auditExport } from "~/board/workflow.server";
import { db } from "~/db.server";
import { todayIso } from "~/time/today.server";

export const access = defineAccess({ loader: "read:board_report:published" });

/** The PDF board pack of a report the user may read (board members: published ones only; others get drafts marked DRAFT). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireAccess(request, access.loader);
  const report = findReport(db, params.quarter ?? "", user.role);
  if (!report) throw new Response("No board report for this quarter.", { status: 404 });
  const pdf = await boardPack(db, report, todayIso());
  auditExport(db, { ...auditContext(user.id, context), actorId: user.id }, report, "pdf");
  const name = `board-report-${report.quarter}${report.state === "published" ? "" : "-DRAFT"}.pdf`;
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
