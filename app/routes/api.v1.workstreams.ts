import type { LoaderFunctionArgs } from "@remix-run/node";
import { pageOf, parsePaging } from "~/api/paging.server";
import { apiJson, parseAsOf } from "~/api/respond.server";
import { defineAccess } from "~/auth/access";
import { requireApiAccess } from "~/auth/api-access.server";
import { workstreamOverview } from "~/dashboard/overview.server";
import { db } from "~/db.server";

export const access = defineAccess({ loader: "read:program", api: true, scope: "workstreams" });

/**
 * Workstreams with their figures as of `asOf`, paged like the other API
 * lists (`limit`, `cursor`, `nextCursor`, `total`, in id order). The
 * figures come from the cache of the figures layer, so paging here bounds
 * the response rather than the work.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  requireApiAccess(request, context, access);
  const asOf = parseAsOf(request);
  const paging = parsePaging(new URL(request.url));
  const all = workstreamOverview(db, asOf);
  const after = paging.after ?? 0;
  const page = pageOf(
    all
      .filter((w) => w.id > after)
      .sort((a, b) => a.id - b.id)
      .slice(0, paging.limit + 1),
    paging,
  );
  return apiJson({ asOf, limit: paging.limit, total: all.length, count: page.rows.length, nextCursor: page.nextCursor, workstreams: page.rows });
}
