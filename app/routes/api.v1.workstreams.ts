import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiJson, parseAsOf } from "~/api/respond.server";
import { defineAccess } from "~/auth/access";
import { requireApiPermission, requireApiUser } from "~/auth/api-tokens.server";
import { workstreamOverview } from "~/dashboard/overview.server";
import { db } from "~/db.server";

export const access = defineAccess({ loader: "read:program", api: true });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireApiUser(request);
  requireApiPermission(user, access.loader);
  const asOf = parseAsOf(request);
  return apiJson({ asOf, workstreams: workstreamOverview(db, asOf) });
}
