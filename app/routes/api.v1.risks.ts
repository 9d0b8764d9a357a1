import type { LoaderFunctionArgs } from "@remix-run/node";
import { parsePaging } from "~/api/paging.server";
import { apiJson, parseAsOf } from "~/api/respond.server";
import { defineAccess } from "~/auth/access";
import { requireApiAccess } from "~/auth/api-access.server";
import { db } from "~/db.server";
import { riskApiPage } from "~/risks/register-api.server";
import { parseRiskFilters } from "~/risks/filters";

export const access = defineAccess({ loader: "read:program", api: true, scope: "risks" });

/**
 * The risk register as of `asOf` (default today) with the same filters as
 * /risks (level, above, owner, ws, overdue, status, csf, expired, cells), a
 * page at a time in id order: `limit` (default 100, at most 500) and
 * `cursor` (the previous page's `nextCursor`); `total` counts every match.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  requireApiAccess(request, context, access);
  const url = new URL(request.url);
  const asOf = parseAsOf(request);
  const paging = parsePaging(url);
  const filters = parseRiskFilters(url.searchParams);
  const page = await riskApiPage(db, { asOf, filters }, paging, request.signal);
  return apiJson({ asOf, filters, limit: paging.limit, total: page.total, count: page.rows.length, nextCursor: page.nextCursor, risks: page.rows });
}
