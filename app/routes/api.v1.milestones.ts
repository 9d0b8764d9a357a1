import type { LoaderFunctionArgs } from "@remix-run/node";
import { pageOf, parsePaging } from "~/api/paging.server";
import { apiJson, parseAsOf } from "~/api/respond.server";
import { defineAccess } from "~/auth/access";
import { requireApiAccess } from "~/auth/api-access.server";
import { db } from "~/db.server";
import { countMilestonesByWindows, milestonesAfterId } from "~/milestones/milestone-queries.server";
import { MilestoneFiltersSchema, parseFilters } from "~/milestones/milestone-schemas";

export const access = defineAccess({ loader: "read:program", api: true, scope: "milestones" });

/**
 * Milestones with their slip, filtered like /milestones (workstream, status,
 * due, slipped, q), a page at a time in id order: `limit` (default 100, at
 * most 500) and `cursor` (the previous page's `nextCursor`); `total` counts
 * every match.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  requireApiAccess(request, context, access);
  const url = new URL(request.url);
  const asOf = parseAsOf(request);
  const paging = parsePaging(url);
  const filters = parseFilters(MilestoneFiltersSchema, url);
  const page = pageOf(milestonesAfterId(db, filters, asOf, paging), paging);
  const total = await countMilestonesByWindows(db, filters, asOf, request.signal);
  return apiJson({ asOf, filters, limit: paging.limit, total, count: page.rows.length, nextCursor: page.nextCursor, milestones: page.rows });
}
