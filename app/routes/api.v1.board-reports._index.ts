import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiJson } from "~/api/respond.server";
import { defineAccess } from "~/auth/access";
import { requireApiPermission, requireApiUser } from "~/auth/api-tokens.server";
import { listPublished } from "~/board/reports.server";
import { db } from "~/db.server";

export const access = defineAccess({ loader: "read:board_report:published", api: true });

/** Published board reports only, oldest first: never a draft, whatever the token owner's role. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireApiUser(request);
  requireApiPermission(user, access.loader);
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
