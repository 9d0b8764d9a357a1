import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { defineAccess } from "~/auth/access";
import { auditContext } from "~/auth/request-info.server";
import { requireAccess } from "~/auth/require.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { db } from "~/db.server";
import { findOwnNotification, markRead } from "~/notifications/centre.server";
import { safeRedirect } from "~/utils/redirect";

export const access = defineAccess({ loader: "signed-in" });

/** Opening a reminder marks it read and goes to the row it is about. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireAccess(request, access.loader);
  const id = Number(params.id);
  const item = Number.isInteger(id) && id > 0 ? findOwnNotification(db, user.id, id) : null;
  if (!item) throw new Response("This reminder is not yours or is no longer open.", { status: 404 });
  if (!item.readAt) markRead(db, auditContext(user.id, context), user.id, item.id);
  return redirect(safeRedirect(item.link, "/notifications"));
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
