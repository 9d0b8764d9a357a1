import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiJson, parseAsOf } from "~/api/respond.server";
import { defineAccess } from "~/auth/access";
import { requireApiAccess } from "~/auth/api-access.server";
import { db } from "~/db.server";
import { moneyFigures } from "~/figures/money.server";
import { computeProgramStatus } from "~/rollups/status.server";

export const access = defineAccess({ loader: "read:dashboard", api: true, scope: "program" });

/**
 * The programme rollup, optionally as of a past date: the same engine and
 * numbers as the dashboard, with the programme's money figures (the same
 * definitions as /api/v1/budget: docs/figures.md#money).
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  requireApiAccess(request, context, access);
  const asOf = parseAsOf(request);
  return apiJson({ asOf, ...computeProgramStatus(db, asOf), money: moneyFigures(db, { asOf }) });
}
