import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiJson, parseAsOf } from "~/api/respond.server";
import { defineAccess } from "~/auth/access";
import { requireApiAccess } from "~/auth/api-access.server";
import { workstreamOverview } from "~/dashboard/overview.server";
import { db } from "~/db.server";

export const access = defineAccess({ loader: "read:program", api: true, scope: "workstreams" });

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireApiAccess(request, context, access);
  const asOf = parseAsOf(request);
  return apiJson({ asOf, workstreams: workstreamOverview(db, asOf) });
}
