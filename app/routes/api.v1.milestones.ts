import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiJson, parseAsOf } from "~/api/respond.server";
import { defineAccess } from "~/auth/access";
import { requireApiAccess } from "~/auth/api-access.server";
import { db } from "~/db.server";
import { listMilestones } from "~/milestones/milestone-queries.server";
import { MilestoneFiltersSchema, parseFilters } from "~/milestones/milestone-schemas";

export const access = defineAccess({ loader: "read:program", api: true, scope: "milestones" });

/** Milestones with their slip, filtered like /milestones (workstream, status, due, slipped, q). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  requireApiAccess(request, context, access);
  const asOf = parseAsOf(request);
  const filters = parseFilters(MilestoneFiltersSchema, new URL(request.url));
  const milestones = listMilestones(db, filters, asOf);
  return apiJson({ asOf, filters, count: milestones.length, milestones });
}
