/**
 * Sessions after the Lucia project's guide: the browser holds a random
 * token; the database holds only its SHA-256, so a leaked sessions table
 * cannot be replayed. Expiry slides with use, up to an absolute cap.
 */
import { eq, lt, or } from "drizzle-orm";
import { sessions, users } from "#db/schema";
import { db } from "~/db.server";
import { getEnv } from "~/env.server";
import { generateToken, hashToken } from "./tokens.server";

export const SESSION_COOKIE = "rampart_session";
/** Idle timeout: a session unused for this long ends. */
export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
/** However active, a session ends this long after sign-in. */
export const SESSION_ABSOLUTE_MS = 7 * 24 * 60 * 60 * 1000;

export type SessionUser = Pick<typeof users.$inferSelect, "id" | "email" | "name" | "role" | "mfaEnabledAt">;
export type Session = typeof sessions.$inferSelect;

type SessionOptions = {
  mfaVerified: boolean;
  ip?: string | null;
  userAgent?: string | null;
  authMethod?: "password" | "oidc";
  providerMfa?: boolean;
  /** A single sign-on session ends when the provider's ID token does, if that is sooner than our own cap. */
  endsBy?: Date;
};

export function createSession(userId: number, options: SessionOptions) {
  const token = generateToken();
  const now = Date.now();
  const absolute = Math.min(now + SESSION_ABSOLUTE_MS, options.endsBy?.getTime() ?? Infinity);
  const session = db
    .insert(sessions)
    .values({
      id: hashToken(token),
      userId,
      createdAt: new Date(now).toISOString(),
      expiresAt: new Date(Math.min(now + SESSION_IDLE_MS, absolute)).toISOString(),
      absoluteExpiresAt: new Date(absolute).toISOString(),
      mfaVerified: options.mfaVerified,
      authMethod: options.authMethod ?? "password",
      providerMfa: options.providerMfa ?? false,
      ip: options.ip ?? null,
      userAgent: options.userAgent?.slice(0, 300) ?? null,
    })
    .returning()
    .get();
  return { token, session };
}

/** The session and its user for a cookie token, sliding its expiry; null when invalid, expired or the user is inactive. */
export function validateSessionToken(token: string): { session: Session; user: SessionUser } | null {
  const row = db
    .select({
      session: sessions,
      user: { id: users.id, email: users.email, name: users.name, role: users.role, mfaEnabledAt: users.mfaEnabledAt, active: users.active },
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, hashToken(token)))
    .get();
  if (!row) return null;
  const now = Date.now();
  const { session, user } = row;
  if (!user.active || Date.parse(session.expiresAt) <= now || Date.parse(session.absoluteExpiresAt) <= now) {
    db.delete(sessions).where(eq(sessions.id, session.id)).run();
    return null;
  }
  // Extend only once half the idle window is used, to avoid a write per request.
  if (Date.parse(session.expiresAt) - now < SESSION_IDLE_MS / 2) {
    const expiresAt = new Date(Math.min(now + SESSION_IDLE_MS, Date.parse(session.absoluteExpiresAt))).toISOString();
    db.update(sessions).set({ expiresAt }).where(eq(sessions.id, session.id)).run();
    session.expiresAt = expiresAt;
  }
  const { active: _active, ...sessionUser } = user;
  return { session, user: sessionUser };
}

export function markSessionMfaVerified(sessionId: string) {
  db.update(sessions).set({ mfaVerified: true }).where(eq(sessions.id, sessionId)).run();
}

export function invalidateSession(sessionId: string) {
  db.delete(sessions).where(eq(sessions.id, sessionId)).run();
}

export function invalidateUserSessions(userId: number, exceptSessionId?: string) {
  const sessionsOfUser = db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, userId)).all();
  for (const s of sessionsOfUser) if (s.id !== exceptSessionId) invalidateSession(s.id);
}

export function listUserSessions(userId: number) {
  return db
    .select({ id: sessions.id, createdAt: sessions.createdAt, expiresAt: sessions.expiresAt, ip: sessions.ip, userAgent: sessions.userAgent })
    .from(sessions)
    .where(eq(sessions.userId, userId))
    .all();
}

export function deleteExpiredSessions(now = new Date()) {
  const iso = now.toISOString();
  db.delete(sessions)
    .where(or(lt(sessions.expiresAt, iso), lt(sessions.absoluteExpiresAt, iso)))
    .run();
}

function secureCookies(request: Request) {
  return getEnv().SECURE_COOKIES || new URL(request.url).protocol === "https:";
}

export function sessionCookie(request: Request, token: string, expiresAt: string): string {
  const parts = [`${SESSION_COOKIE}=${token}`, "Path=/", "HttpOnly", "SameSite=Lax", `Expires=${new Date(expiresAt).toUTCString()}`];
  if (secureCookies(request)) parts.push("Secure");
  return parts.join("; ");
}

export function clearSessionCookie(request: Request): string {
  const parts = [`${SESSION_COOKIE}=`, "Path=/", "HttpOnly", "SameSite=Lax", "Max-Age=0"];
  if (secureCookies(request)) parts.push("Secure");
  return parts.join("; ");
}

export function readSessionToken(request: Request): string | null {
  const header = request.headers.get("cookie");
  if (!header) return null;
  for (const part of header.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === SESSION_COOKIE) {
      const value = rest.join("=");
      return /^[a-z2-7]{16,64}$/.test(value) ? value : null;
    }
  }
  return null;
}
