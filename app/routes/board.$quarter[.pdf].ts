import type { LoaderFunctionArgs } from "@remix-run/node";
import { defineAccess } from "~/auth/access";
import { auditContext } from "~/auth/request-info.server";
import { requireAccess } from "~/auth/require.server";
import { quarterDeltas } from "~/board/deltas";
import { renderBoardPack } from "~/board/pdf.server";
import { findReport, previousPublished, reportFigures } from "~/board/reports.server";
import { auditExport } from "~/board/workflow.server";
import { db } from "~/db.server";
import { todayIso } from "~/time/today.server";

export const access = defineAccess({ loader: "read:board_report:published" });

/** The PDF board pack of a report the user may read (board members: published ones only; others get drafts marked DRAFT). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireAccess(request, access.loader);
  const report = findReport(db, params.quarter ?? "", user.role);
  if (!report) throw new Response("No board report for this quarter.", { status: 404 });
  const { snapshot, verified } = reportFigures(db, report, todayIso());
  const previous = previousPublished(db, report.quarter);
  const pdf = await renderBoardPack({
    report,
    snapshot,
    verified,
    deltas: quarterDeltas(snapshot, previous),
    previousByLevel: previous?.snapshot.risks?.byLevel ?? null,
  });
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
