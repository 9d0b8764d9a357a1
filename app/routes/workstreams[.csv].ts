import type { LoaderFunctionArgs } from "@remix-run/node";
import { defineAccess } from "~/auth/access";
import { auditContext } from "~/auth/request-info.server";
import { requireAccess } from "~/auth/require.server";
import { auditExport } from "~/audit/export-audit.server";
import { parseFilters } from "~/milestones/milestone-schemas";
import { WorkstreamFiltersSchema } from "~/workstreams/workstream-schemas";
import { listWorkstreams } from "~/workstreams/workstreams.server";
import { db } from "~/db.server";
import { inBatches } from "~/exports/batches.server";
import type { CsvColumn } from "~/utils/csv.server";
import { streamedCsvResponse } from "~/exports/stream-csv.server";
import { todayIso } from "~/time/today.server";

export const access = defineAccess({ loader: "export:data" });

type Row = ReturnType<typeof listWorkstreams>[number];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireAccess(request, access.loader);
  const today = todayIso();
  const filters = parseFilters(WorkstreamFiltersSchema, new URL(request.url));
  const rows = listWorkstreams(db, filters, today);
  auditExport(db, auditContext(user.id, context), "workstream", filters, rows.length);
  const columns: CsvColumn<Row>[] = [
    { header: "code", value: (r) => r.code },
    { header: "name", value: (r) => r.name },
    { header: "owner", value: (r) => r.ownerName },
    { header: "sponsor", value: (r) => r.sponsorName },
    { header: "csf_functions", value: (r) => r.csfFunctions.join(" ") },
    { header: "lifecycle_status", value: (r) => r.lifecycleStatus },
    { header: "start_date", value: (r) => r.startDate },
    { header: "end_date", value: (r) => r.endDate },
    { header: "rag", value: (r) => r.rag },
    { header: "rag_source", value: (r) => r.ragSource },
    { header: "milestones_open", value: (r) => r.milestonesOpen },
    { header: "milestones_slipped", value: (r) => r.milestonesSlipped },
  ];
  return streamedCsvResponse(`workstreams-${today}.csv`, columns, inBatches(rows), { signal: request.signal });
}
