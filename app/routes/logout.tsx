import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { writeAudit } from "~/audit/log.server";
import { defineAccess } from "~/auth/access";
import { afterSsoLogout } from "~/auth/oidc/logout.server";
import { auditContext } from "~/auth/request-info.server";
import { clearSessionCookie, invalidateSession, readSessionToken, validateSessionToken } from "~/auth/session.server";
import { db } from "~/db.server";

// Log-out is a POST only: a GET must never change state (a link or an <img> could sign people out).
export const access = defineAccess({ loader: "public", action: "public" });

export async function loader() {
  throw redirect("/");
}

export async function action({ request, context }: ActionFunctionArgs) {
  const token = readSessionToken(request);
  const found = token ? validateSessionToken(token) : null;
  if (found) {
    invalidateSession(found.session.id);
    writeAudit(db, auditContext(found.user.id, context), { action: "auth.logout", entity: "user", entityId: found.user.id });
  }
  const target = found?.session.authMethod === "oidc" ? await afterSsoLogout() : "/login";
  return redirect(target, { headers: { "Set-Cookie": clearSessionCookie(request) } });
}
