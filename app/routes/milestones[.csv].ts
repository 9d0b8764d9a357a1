import type { LoaderFunctionArgs } from "@remix-run/node";
import { defineAccess } from "~/auth/access";
import { auditContext } from "~/auth/request-info.server";
import { requireAccess } from "~/auth/require.server";
import { auditExport } from "~/audit/export-audit.server";
import { milestonesCsvStream } from "~/milestones/milestone-csv.server";
import { countMilestonesByWindows, listAsOf, milestoneBatches } from "~/milestones/milestone-queries.server";
import { MilestoneFiltersSchema, parseFilters } from "~/milestones/milestone-schemas";
import { db } from "~/db.server";
import { csvResponse } from "~/utils/csv.server";

export const access = defineAccess({ loader: "export:data" });

// Half the usual batch: a milestone's as-of row and its dependency codes cost about twice an invoice's.
const MILESTONE_EXPORT_BATCH = 500;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireAccess(request, access.loader);
  const filters = parseFilters(MilestoneFiltersSchema, new URL(request.url));
  const today = listAsOf(new URL(request.url));
  // Counted a window of ids at a time, then streamed a few workstreams at a time: no step reads every milestone at once.
  const rows = await countMilestonesByWindows(db, filters, today, request.signal);
  auditExport(db, auditContext(user.id, context), "milestone", filters, rows);
  return csvResponse(`milestones-${today}.csv`, milestonesCsvStream(db, milestoneBatches(db, filters, today, MILESTONE_EXPORT_BATCH), request.signal));
}
