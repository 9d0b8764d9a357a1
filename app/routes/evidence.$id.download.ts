import type { LoaderFunctionArgs } from "@remix-run/node";
import { defineAccess } from "~/auth/access";
import { requireAccess } from "~/auth/require.server";
import { db } from "~/db.server";
import { requireReadableEvidence } from "~/evidence/access.server";
import { evidenceDownload } from "~/evidence/download.server";
import { evidenceStorage } from "~/evidence/storage/index.server";

// Reading evidence takes the parent's read permission (a board member: published reports only), checked per row.
export const access = defineAccess({ loader: "signed-in" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireAccess(request, access.loader);
  const { row } = requireReadableEvidence(db, user, Number(params.id));
  const response = evidenceDownload(evidenceStorage(), row);
  if (!response) throw new Response("The evidence file is missing from storage; run evidence:verify.", { status: 500 });
  return response;
}
