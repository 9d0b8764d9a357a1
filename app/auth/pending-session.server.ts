import { readSessionToken, type Session, type SessionUser, invalidateSession, validateSessionToken } from "./session.server";

/** A log-in waits this long for its second factor; after that the password must be entered again. */
export const MFA_PENDING_MS = 10 * 60 * 1000;

export type MfaSessionState =
  { state: "none"; hadCookie: boolean } | { state: "verified"; user: SessionUser } | { state: "pending"; session: Session; user: SessionUser };

/**
 * The session as the second step of log-in sees it. requireUser turns away a
 * session whose second factor is outstanding; this is the one place that
 * accepts it, and only briefly.
 */
export function getMfaSessionState(request: Request): MfaSessionState {
  const token = readSessionToken(request);
  const found = token ? validateSessionToken(token) : null;
  if (!found) return { state: "none", hadCookie: token !== null };
  if (found.session.mfaVerified) return { state: "verified", user: found.user };
  const stale = Date.parse(found.session.createdAt) + MFA_PENDING_MS <= Date.now();
  // MFA turned off (by an administrator) since the password step: start again rather than let the session through.
  if (stale || !found.user.mfaEnabledAt) {
    invalidateSession(found.session.id);
    return { state: "none", hadCookie: true };
  }
  return { state: "pending", session: found.session, user: found.user };
}
