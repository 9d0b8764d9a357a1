import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiJson, parseAsOf } from "~/api/respond.server";
import { defineAccess } from "~/auth/access";
import { requireApiPermission, requireApiUser } from "~/auth/api-tokens.server";
import { db } from "~/db.server";
import { moneyFigures } from "~/figures/money.server";
import { computeProgramStatus } from "~/rollups/status.server";

export const access = defineAccess({ loader: "read:dashboard", api: true });

/**
 * The programme rollup, optionally as of a past date: the same engine and
 * numbers as the dashboard, with the programme's money figures (the same
 * definitions as /api/v1/budget: docs/figures.md#money).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireApiUser(request);
  requireApiPermission(user, access.loader);
  const asOf = parseAsOf(request);
  return apiJson({ asOf, ...computeProgramStatus(db, asOf), money: moneyFigures(db, { asOf }) });
}
