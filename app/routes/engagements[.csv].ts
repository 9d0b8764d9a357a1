import type { LoaderFunctionArgs } from "@remix-run/node";
import { defineAccess } from "~/auth/access";
import { auditContext } from "~/auth/request-info.server";
import { requireAccess } from "~/auth/require.server";
import { EngagementFiltersSchema } from "~/engagements/engagement-schemas";
import { listEngagements } from "~/engagements/engagements.server";
import { auditExport } from "~/audit/export-audit.server";
import { parseFilters } from "~/milestones/milestone-schemas";
import { centsToDecimal } from "~/money/cents";
import { db } from "~/db.server";
import { inBatches } from "~/exports/batches.server";
import type { CsvColumn } from "~/utils/csv.server";
import { streamedCsvResponse } from "~/exports/stream-csv.server";
import { todayIso } from "~/time/today.server";

export const access = defineAccess({ loader: "export:data" });

type Row = ReturnType<typeof listEngagements>[number];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireAccess(request, access.loader);
  const today = todayIso();
  const filters = parseFilters(EngagementFiltersSchema, new URL(request.url));
  const rows = listEngagements(db, filters, today);
  auditExport(db, auditContext(user.id, context), "engagement", filters, rows.length);
  const columns: CsvColumn<Row>[] = [
    { header: "id", value: (r) => r.id },
    { header: "vendor", value: (r) => r.vendor },
    { header: "title", value: (r) => r.title },
    { header: "kind", value: (r) => r.kind },
    { header: "sow_reference", value: (r) => r.sowReference },
    { header: "start_date", value: (r) => r.startDate },
    { header: "end_date", value: (r) => r.endDate },
    { header: "status", value: (r) => r.status },
    { header: "relationship_owner", value: (r) => r.ownerName },
    { header: "workstreams", value: (r) => r.workstreamCodes.join(" ") },
    // Dollars with exact cents, formatted from integers.
    { header: "contract_value_usd", value: (r) => centsToDecimal(r.contractValueCents) },
    { header: "actual_to_date_usd", value: (r) => centsToDecimal(r.actualCents) },
    { header: "committed_to_date_usd", value: (r) => centsToDecimal(r.committedCents) },
  ];
  return streamedCsvResponse(`engagements-${today}.csv`, columns, inBatches(rows), { signal: request.signal });
}
