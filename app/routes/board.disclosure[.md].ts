import type { LoaderFunctionArgs } from "@remix-run/node";
import { defineAccess } from "~/auth/access";
import { requireAccess } from "~/auth/require.server";
import { db } from "~/db.server";
import { disclosureFor } from "~/disclosure/query.server";
import { disclosureMarkdown } from "~/disclosure/statements";
import { todayIso } from "~/time/today.server";

export const access = defineAccess({ loader: "draft:disclosure" });

/** The governance disclosure draft as Markdown, for counsel to edit; sources link back to the rows. */
export async function loader({ request }: LoaderFunctionArgs) {
  requireAccess(request, access.loader);
  const url = new URL(request.url);
  const { sources, sections } = disclosureFor(db, url, todayIso());
  return new Response(disclosureMarkdown(sources, sections, url.origin), {
    headers: {
      "Content-Type": "text/markdown; charset=utf-8",
      "Content-Disposition": `attachment; filename="governance-disclosure-FY${sources.fiscalYear}-draft.md"`,
      "Cache-Control": "private, no-store",
    },
  });
}
