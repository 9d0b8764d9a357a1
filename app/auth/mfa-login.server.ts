import { type AuditContext, writeAudit } from "~/audit/log.server";
import { db } from "~/db.server";
import { claimSecondFactor, matchSecondFactor, mfaThrottleKey, type SecondFactorMethod, secondFactorMethod } from "./mfa.server";
import type { MfaSessionState } from "./pending-session.server";
import { createSession, invalidateSession, type Session } from "./session.server";
import { assertNotLocked, clearThrottle, POLICIES, recordFailure, sleep } from "./throttle.server";

type Pending = Extract<MfaSessionState, { state: "pending" }>;
export type MfaLoginResult = { ok: true; method: SecondFactorMethod; token: string; session: Session } | { ok: false; method: SecondFactorMethod };

/**
 * The second step of log-in. On success the pending session is replaced by a
 * new one: a token issued before the second factor (which could have been
 * planted in a victim's browser) never becomes a full session. Failures count
 * per user, whatever address they come from. Throws ThrottledError while locked.
 */
export async function completeMfaLogin(pending: Pending, code: string, ctx: AuditContext, userAgent: string | null): Promise<MfaLoginResult> {
  const userId = pending.user.id;
  const key = mfaThrottleKey(userId);
  assertNotLocked([key]);
  const method = secondFactorMethod(code);
  const match = await matchSecondFactor(userId, code, { allowRecoveryCode: true });
  const created =
    match &&
    db.transaction((tx) => {
      if (!claimSecondFactor(tx, userId, match)) return null;
      invalidateSession(pending.session.id);
      // A single sign-on keeps its provider's deadline through the second step.
      const sso = pending.session.authMethod === "oidc" ? { authMethod: "oidc" as const, endsBy: new Date(pending.session.absoluteExpiresAt) } : {};
      const fresh = createSession(userId, { mfaVerified: true, ip: ctx.ip, userAgent, ...sso });
      writeAudit(tx, ctx, { action: "auth.login", entity: "user", entityId: userId, after: { method } });
      return fresh;
    });
  if (created) {
    clearThrottle(key);
    return { ok: true, method, ...created };
  }
  const delay = recordFailure(key, POLICIES.mfa);
  writeAudit(db, ctx, { action: "auth.mfa_failed", entity: "user", entityId: userId, after: { method } });
  await sleep(delay);
  return { ok: false, method };
}
