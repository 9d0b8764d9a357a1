import type { LoaderFunctionArgs } from "@remix-run/node";
import { writeAudit } from "~/audit/log.server";
import { defineAccess } from "~/auth/access";
import { auditContext } from "~/auth/request-info.server";
import { requireAccess } from "~/auth/require.server";
import { db } from "~/db.server";
import { registerExportOrder, risksCsvStream } from "~/risks/export.server";
import { parseRiskFilters } from "~/risks/filters";
import { csvResponse } from "~/utils/csv.server";
import { todayIso } from "~/time/today.server";

export const access = defineAccess({ loader: "export:data" });

/** The register as CSV, with the same filters as /risks. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireAccess(request, access.loader);
  const filters = parseRiskFilters(new URL(request.url).searchParams);
  const asOf = todayIso();
  const order = await registerExportOrder(db, { asOf, filters });
  writeAudit(db, auditContext(user.id, context), { action: "risk.export", entity: "risk", after: { filters, rows: order.length } });
  return csvResponse(`risks-${asOf}.csv`, risksCsvStream(db, { asOf, filters }, order, request.signal));
}
