import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiJson } from "~/api/respond.server";
import { defineAccess } from "~/auth/access";
import { requireApiAccess } from "~/auth/api-access.server";
import { findReport, frozenSnapshot } from "~/board/reports.server";
import { verifyContentHash } from "~/board/freeze.server";
import { db } from "~/db.server";

export const access = defineAccess({ loader: "read:board_report:published", api: true, scope: "board-reports" });

/** One published report: its frozen snapshot exactly as stored, the hash, whether it verifies, and the narrative. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  requireApiAccess(request, context, access);
  // The API serves published reports only: a draft is as absent as a missing quarter.
  const report = findReport(db, params.quarter ?? "", "board");
  if (!report || !report.snapshot) return apiJson({ error: "No published board report for this quarter." }, { status: 404 });
  const snapshot = frozenSnapshot(report.snapshot);
  return apiJson({
    quarter: report.quarter,
    asOfDate: report.asOfDate,
    publishedAt: report.publishedAt,
    publishedBy: report.publisherName,
    approvedAt: report.approvedAt,
    approvedBy: report.approverName,
    contentHash: report.contentHash,
    // What the hash covers: `report` (figures, narrative, approver, publisher and dates) or, for reports published before approval froze them, `figures`.
    contentHashScope: report.contentHashScope,
    verified: verifyContentHash(report),
    earlyPublicationReason: report.earlyPublicationReason,
    narrative: { summary: report.summary, highlights: report.highlights, concerns: report.concerns, decisions: report.decisions },
    snapshot,
  });
}
