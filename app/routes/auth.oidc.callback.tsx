import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { defineAccess } from "~/auth/access";
import { clearFlowCookie, completeSignIn } from "~/auth/oidc/flow.server";
import { linkCookie } from "~/auth/oidc/link-cookie.server";
import { SsoRefused } from "~/auth/oidc/refusal";
import { startSsoSession } from "~/auth/oidc/session.server";
import { oidcSettings } from "~/auth/oidc/settings.server";
import { auditContext } from "~/auth/request-info.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";

// Public: the provider sends the browser here; the flow checks state, nonce and the code itself.
export const access = defineAccess({ loader: "public" });

export const meta: MetaFunction = () => [{ title: "Signing in · Rampart" }];

export const headers = () => ({ "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const settings = oidcSettings();
  if (!settings) throw new Response("Single sign-on is not configured on this server.", { status: 404 });
  const ctx = auditContext(null, context);
  try {
    const result = await completeSignIn(request, settings, ctx);
    if (result.kind === "link") {
      const headers = new Headers();
      headers.append("Set-Cookie", clearFlowCookie(request));
      headers.append("Set-Cookie", linkCookie(request, result.token));
      return redirect("/auth/oidc/link", { headers });
    }
    return startSsoSession(
      request,
      result.user,
      {
        providerMfa: result.identity.providerMfa,
        endsBy: result.identity.expiresAt,
        redirectTo: result.redirectTo,
        ip: ctx.ip ?? null,
        userAgent: request.headers.get("user-agent"),
      },
      ctx,
    );
  } catch (error) {
    if (!(error instanceof SsoRefused)) throw error;
    const status = error.reason === "provider_unavailable" ? 502 : error.reason === "no_role" || error.reason === "inactive" ? 403 : 400;
    return Response.json({ message: error.message, provider: settings.name }, { status, headers: { "Set-Cookie": clearFlowCookie(request) } });
  }
}

/** Shown only when the sign-in was refused: what happened, in words, and the way back. */
export default function OidcCallback() {
  const { message, provider } = useLoaderData<typeof loader>() as { message: string; provider: string };
  return (
    <section role="alert" className="mx-auto mt-10 max-w-lg rounded border border-amber-300 bg-white p-6 shadow-sm">
      <h1 className="text-xl font-semibold">You were not signed in</h1>
      <p className="mt-2 text-slate-700">{message}</p>
      <p className="mt-4">
        <a href="/login" className="underline">
          Back to sign-in
        </a>{" "}
        <span className="text-slate-500">(to try again with {provider})</span>
      </p>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
