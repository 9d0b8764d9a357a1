import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiJson, parseAsOf } from "~/api/respond.server";
import { defineAccess } from "~/auth/access";
import { requireApiAccess } from "~/auth/api-access.server";
import { db } from "~/db.server";
import { parseRiskFilters } from "~/risks/filters";
import { riskRegister } from "~/figures/risks.server";

export const access = defineAccess({ loader: "read:program", api: true, scope: "risks" });

/** The risk register as of `asOf` (default today) with the same filters as /risks (level, above, owner, ws, overdue, status, csf, expired, cells). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  requireApiAccess(request, context, access);
  const asOf = parseAsOf(request);
  const filters = parseRiskFilters(new URL(request.url).searchParams);
  const risks = riskRegister(db, { asOf, filters });
  return apiJson({ asOf, filters, count: risks.length, risks });
}
