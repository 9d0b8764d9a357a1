import type { LoaderFunctionArgs } from "@remix-run/node";
import { writeAudit } from "~/audit/log.server";
import { defineAccess } from "~/auth/access";
import { auditContext } from "~/auth/request-info.server";
import { requireAccess } from "~/auth/require.server";
import { db } from "~/db.server";
import { centsToDecimal } from "~/money/cents";
import { parseObligationFilters } from "~/obligations/filters";
import { obligationsAsOf, type ObligationSummary } from "~/figures/obligations.server";
import { inBatches } from "~/exports/batches.server";
import type { CsvColumn } from "~/utils/csv.server";
import { streamedCsvResponse } from "~/exports/stream-csv.server";
import { todayIso } from "~/time/today.server";

export const access = defineAccess({ loader: "export:data" });

const money = (c: number | null | undefined) => (c == null ? "" : centsToDecimal(c));

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireAccess(request, access.loader);
  const { filters } = parseObligationFilters(new URL(request.url).searchParams);
  const asOf = todayIso();
  const rows = obligationsAsOf(db, filters, asOf);
  const columns: CsvColumn<ObligationSummary>[] = [
    { header: "code", value: (o) => o.code },
    { header: "source", value: (o) => o.source },
    { header: "source_reference", value: (o) => o.sourceReference },
    { header: "kind", value: (o) => o.kind },
    { header: "title", value: (o) => o.title },
    { header: "status", value: (o) => o.status },
    { header: "assessed_status", value: (o) => o.assessedStatus },
    { header: "due_date", value: (o) => o.dueDate },
    { header: "target", value: (o) => money(o.targetCents) },
    { header: "window_start", value: (o) => o.windowStart },
    { header: "window_end", value: (o) => o.windowEnd },
    { header: "spend_tag", value: (o) => o.spendTag },
    { header: "spent_to_date", value: (o) => money(o.spend?.progressCents) },
    { header: "progress_pct", value: (o) => (o.spend?.progressBp == null ? "" : centsToDecimal(o.spend.progressBp)) },
    { header: "projected_at_window_end", value: (o) => money(o.spend?.projectedCents) },
    { header: "forecast_met", value: (o) => (o.spend ? (o.spend.willMeet == null ? "" : o.spend.willMeet ? "yes" : "no") : "") },
    { header: "milestones_done", value: (o) => o.measure?.done ?? "" },
    { header: "milestones_total", value: (o) => o.measure?.total ?? "" },
    { header: "milestones_slipped", value: (o) => o.measure?.slipped ?? "" },
    { header: "evidence_notes", value: (o) => o.evidenceNotes },
  ];
  writeAudit(db, auditContext(user.id, context), { action: "obligation.export", entity: "obligation", after: { filters, rows: rows.length, asOf } });
  return streamedCsvResponse(`obligations-${asOf}.csv`, columns, inBatches(rows), { signal: request.signal });
}
