import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiJson } from "~/api/respond.server";
import { defineAccess } from "~/auth/access";
import { requireApiAccess } from "~/auth/api-access.server";
import { listPublished } from "~/board/reports.server";
import { db } from "~/db.server";

export const access = defineAccess({ loader: "read:board_report:published", api: true, scope: "board-reports" });

/** Published board reports only, oldest first: never a draft, whatever the token owner's role. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  requireApiAccess(request, context, access);
  const reports = listPublished(db).map((r) => ({
    quarter: r.quarter,
    asOfDate: r.asOfDate,
    publishedAt: r.publishedAt,
    publishedBy: r.publisherName,
    approvedAt: r.approvedAt,
    approvedBy: r.approverName,
    contentHash: r.contentHash,
    earlyPublicationReason: r.earlyPublicationReason,
    href: `/api/v1/board-reports/${r.quarter}`,
  }));
  return apiJson({ reports });
}
