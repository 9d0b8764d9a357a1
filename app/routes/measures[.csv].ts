import type { LoaderFunctionArgs } from "@remix-run/node";
import { writeAudit } from "~/audit/log.server";
import { defineAccess } from "~/auth/access";
import { auditContext } from "~/auth/request-info.server";
import { requireAccess } from "~/auth/require.server";
import { db } from "~/db.server";
import { measureFigures } from "~/figures/measures.server";
import { measuresCsv } from "~/measures/export.server";
import { MeasureListQuerySchema } from "~/measures/schemas";
import { todayIso } from "~/time/today.server";
import { csvResponse } from "~/utils/csv.server";

export const access = defineAccess({ loader: "export:data" });

/** Every recorded value of the measures in scope (the list's filters), with target and status: re-importable as is. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireAccess(request, access.loader);
  const q = MeasureListQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const asOf = todayIso();
  const { csv, rows } = measuresCsv(measureFigures(db, asOf, { kind: q.kind, csf: q.csf, status: q.status, workstream: q.ws, q: q.q }));
  writeAudit(db, auditContext(user.id, context), { action: "measures.export", entity: "measure", after: { format: "csv", query: q, rows } });
  return csvResponse(`measures-${asOf}.csv`, csv);
}
