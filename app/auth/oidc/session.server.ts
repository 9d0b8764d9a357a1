import { redirect } from "@remix-run/node";
import type { users } from "#db/schema";
import { type AuditContext, writeAudit } from "~/audit/log.server";
import { db } from "~/db.server";
import { safeRedirect } from "~/utils/redirect";
import { homePathFor } from "../permissions";
import { createSession, sessionCookie } from "../session.server";
import { clearFlowCookie } from "./flow.server";

type SsoSignIn = { providerMfa: boolean; endsBy: Date; redirectTo: string | null; ip: string | null; userAgent: string | null };

/**
 * Opens the session for a single sign-on. The provider's second factor
 * counts (amr/acr); without it a user who enrolled Rampart's TOTP is asked
 * for it next, as after a password.
 */
export function startSsoSession(
  request: Request,
  user: Pick<typeof users.$inferSelect, "id" | "role" | "mfaEnabledAt">,
  sso: SsoSignIn,
  ctx: AuditContext,
): Response {
  const mfaPending = !sso.providerMfa && Boolean(user.mfaEnabledAt);
  const { token, session } = createSession(user.id, {
    mfaVerified: !mfaPending,
    ip: sso.ip,
    userAgent: sso.userAgent,
    authMethod: "oidc",
    providerMfa: sso.providerMfa,
    endsBy: sso.endsBy,
  });
  writeAudit(
    db,
    { ...ctx, actorId: user.id },
    {
      action: mfaPending ? "auth.sso_ok" : "auth.login",
      entity: "user",
      entityId: user.id,
      after: { method: "sso", providerMfa: sso.providerMfa, sessionEndsAt: session.absoluteExpiresAt },
    },
  );
  const home = safeRedirect(sso.redirectTo, homePathFor(user.role));
  const target = mfaPending ? `/login/mfa?redirectTo=${encodeURIComponent(home)}` : home;
  const headers = new Headers();
  headers.append("Set-Cookie", sessionCookie(request, token, session.absoluteExpiresAt));
  headers.append("Set-Cookie", clearFlowCookie(request));
  return redirect(target, { headers });
}
