import type { LoaderFunctionArgs } from "@remix-run/node";
import { writeAudit } from "~/audit/log.server";
import { defineAccess } from "~/auth/access";
import { auditContext } from "~/auth/request-info.server";
import { requireAccess } from "~/auth/require.server";
import { db } from "~/db.server";
import { measureFigures } from "~/figures/measures.server";
import { measuresWorkbook } from "~/measures/export.server";
import { MeasureListQuerySchema } from "~/measures/schemas";
import { todayIso } from "~/time/today.server";

export const access = defineAccess({ loader: "export:data" });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireAccess(request, access.loader);
  const q = MeasureListQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const asOf = todayIso();
  const figures = measureFigures(db, asOf, { kind: q.kind, csf: q.csf, status: q.status, workstream: q.ws, q: q.q });
  const body = await measuresWorkbook(figures, asOf);
  writeAudit(db, auditContext(user.id, context), {
    action: "measures.export",
    entity: "measure",
    after: { format: "xlsx", query: q, measures: figures.length },
  });
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="measures-${asOf}.xlsx"`,
      "Cache-Control": "no-store",
    },
  });
}
