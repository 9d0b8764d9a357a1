import type { LoaderFunctionArgs } from "@remix-run/node";
import { defineAccess } from "~/auth/access";
import { beginSignIn } from "~/auth/oidc/flow.server";
import { oidcSettings } from "~/auth/oidc/settings.server";
import { auditContext } from "~/auth/request-info.server";
import { safeRedirect } from "~/utils/redirect";

// Public: this is where signing in starts. Starting a sign-in changes nothing but a short-lived, single-use row.
export const access = defineAccess({ loader: "public" });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const settings = oidcSettings();
  if (!settings) throw new Response("Single sign-on is not configured on this server.", { status: 404 });
  const asked = new URL(request.url).searchParams.get("redirectTo");
  // Judged now, and again after the callback: only a same-origin path is ever kept.
  const redirectTo = asked ? safeRedirect(asked.slice(0, 2048), "/") : null;
  return beginSignIn(request, settings, redirectTo === "/" ? null : redirectTo, auditContext(null, context));
}
