import { and, desc, eq, gt, sql } from "drizzle-orm";
import { sessions, users } from "#db/schema";
import { type AuditContext, writeAudit } from "~/audit/log.server";
import { db } from "~/db.server";
import { dummyPasswordHash, hashPassword, verifyPassword } from "./password.server";
import type { CurrentUser } from "./require.server";
import { MFA_PENDING_MS } from "./pending-session.server";
import { revokeAllCredentials } from "./credentials.server";
import { invalidateSession } from "./session.server";
import { assertNotLocked, clearThrottle, POLICIES, recordFailure, sleep } from "./throttle.server";

export const passwordChangeThrottleKey = (userId: number) => `password-change:user:${userId}`;

/**
 * The user's live sessions, newest first, including log-ins still waiting for
 * their second factor (someone who has the password). The id shown is the
 * SHA-256 of the cookie token (what the table stores), so it cannot be
 * replayed as a cookie.
 */
export function listAccountSessions(user: CurrentUser) {
  const now = new Date().toISOString();
  const pendingSince = new Date(Date.now() - MFA_PENDING_MS).toISOString();
  return db
    .select({
      id: sessions.id,
      createdAt: sessions.createdAt,
      expiresAt: sessions.expiresAt,
      mfaVerified: sessions.mfaVerified,
      ip: sessions.ip,
      userAgent: sessions.userAgent,
    })
    .from(sessions)
    .where(and(eq(sessions.userId, user.id), gt(sessions.expiresAt, now), gt(sessions.absoluteExpiresAt, now)))
    .orderBy(desc(sessions.createdAt))
    .all()
    .filter((s) => s.mfaVerified || s.createdAt > pendingSince)
    .map((s) => ({ ...s, current: s.id === user.sessionId }));
}

export type PasswordChangeOutcome = "changed" | "wrong-current" | "unchanged";

/**
 * Changes the password after checking the current one (throttled per user,
 * so a borrowed session cannot be used to guess it), and signs out every
 * other session: whoever knew the old password may be holding one.
 * Throws ThrottledError while locked.
 */
export async function changePassword(
  user: CurrentUser,
  input: { currentPassword: string; newPassword: string },
  ctx: AuditContext,
): Promise<PasswordChangeOutcome> {
  const key = passwordChangeThrottleKey(user.id);
  assertNotLocked([key]);
  const stored = db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, user.id)).get()?.hash;
  // An account without a password still pays for one verification, like log-in.
  const ok = await verifyPassword(stored ?? (await dummyPasswordHash()), input.currentPassword);
  if (!stored || !ok) {
    const delay = recordFailure(key, POLICIES.passwordChange);
    writeAudit(db, ctx, { action: "auth.password_change_failed", entity: "user", entityId: user.id });
    await sleep(delay);
    return "wrong-current";
  }
  clearThrottle(key);
  if (input.newPassword === input.currentPassword) return "unchanged";
  const passwordHash = await hashPassword(input.newPassword);
  db.transaction((tx) => {
    const now = new Date().toISOString();
    tx.update(users)
      .set({ passwordHash, passwordChangedAt: now, updatedAt: now, version: sql`${users.version} + 1` })
      .where(eq(users.id, user.id))
      .run();
    const ended = revokeAllCredentials(tx, user.id, "password_change", { keepSessionId: user.sessionId });
    writeAudit(tx, ctx, {
      action: "user.password_change",
      entity: "user",
      entityId: user.id,
      after: { otherSessionsEnded: ended.sessionsEnded, apiKeysRevoked: ended.apiTokensRevoked },
    });
  });
  return "changed";
}

/** Ends one of the user's own sessions; false when the id is not one of theirs (someone else's is never touched). */
export function revokeOwnSession(user: CurrentUser, sessionId: string, ctx: AuditContext): boolean {
  return db.transaction((tx) => {
    const target = tx
      .select({ id: sessions.id, createdAt: sessions.createdAt, ip: sessions.ip, userAgent: sessions.userAgent })
      .from(sessions)
      .where(and(eq(sessions.id, sessionId), eq(sessions.userId, user.id)))
      .get();
    if (!target) return false;
    invalidateSession(target.id);
    const { id: _id, ...described } = target;
    writeAudit(tx, ctx, { action: "auth.session_revoked", entity: "user", entityId: user.id, before: { ...described, current: target.id === user.sessionId } });
    return true;
  });
}

/** Ends every session of the user, this one included, and revokes their API tokens: "sign out everywhere" leaves nothing signed in. */
export function revokeAllSessions(user: CurrentUser, ctx: AuditContext) {
  db.transaction((tx) => {
    const ended = revokeAllCredentials(tx, user.id, "sign_out_everywhere");
    writeAudit(tx, ctx, {
      action: "auth.sessions_revoked_all",
      entity: "user",
      entityId: user.id,
      after: { sessionsEnded: ended.sessionsEnded, apiKeysRevoked: ended.apiTokensRevoked },
    });
  });
}
