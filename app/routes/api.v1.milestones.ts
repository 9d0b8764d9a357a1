import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiJson, parseAsOf } from "~/api/respond.server";
import { defineAccess } from "~/auth/access";
import { requireApiPermission, requireApiUser } from "~/auth/api-tokens.server";
import { db } from "~/db.server";
import { listMilestones } from "~/milestones/milestone-queries.server";
import { MilestoneFiltersSchema, parseFilters } from "~/milestones/milestone-schemas";

export const access = defineAccess({ loader: "read:program", api: true });

/** Milestones with their slip, filtered like /milestones (workstream, status, due, slipped, q). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireApiUser(request);
  requireApiPermission(user, access.loader);
  const asOf = parseAsOf(request);
  const filters = parseFilters(MilestoneFiltersSchema, new URL(request.url));
  const milestones = listMilestones(db, filters, asOf);
  return apiJson({ asOf, filters, count: milestones.length, milestones });
}
