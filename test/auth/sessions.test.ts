import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { sessions } from "#db/schema";
import { requireUser } from "~/auth/require.server";
import { SESSION_COOKIE, SESSION_IDLE_MS, validateSessionToken } from "~/auth/session.server";
import { hashToken } from "~/auth/tokens.server";
import { db } from "~/db.server";
import { action as logoutAction } from "~/routes/logout";
import { signedIn } from "#test/support/factories";
import { args, getRequest, postRequest, settle } from "#test/support/requests";

const asUser = (cookie: string) => settle(() => requireUser(getRequest("/dashboard", cookie)));

describe("sessions", () => {
  it("stores only the SHA-256 of the token", () => {
    const { token, session } = signedIn("executive");
    expect(session.id).toBe(hashToken(token));
    expect(JSON.stringify(db.select().from(sessions).all())).not.toContain(token);
  });

  it("does not accept a stolen database row as a cookie", async () => {
    const { session, cookie } = signedIn("executive");
    expect(await asUser(cookie)).toMatchObject({ id: session.userId });
    const stolen = await asUser(`${SESSION_COOKIE}=${session.id}`);
    expect(stolen).toBeInstanceOf(Response);
    expect((stolen as Response).headers.get("location")).toMatch(/^\/login/);
  });

  it("ends an idle session and one past its absolute cap", async () => {
    const idle = signedIn("executive");
    db.update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000).toISOString() })
      .where(eq(sessions.id, idle.session.id))
      .run();
    expect(await asUser(idle.cookie)).toBeInstanceOf(Response);
    expect(db.select().from(sessions).where(eq(sessions.id, idle.session.id)).get()).toBeUndefined();

    const capped = signedIn("executive");
    db.update(sessions)
      .set({ absoluteExpiresAt: new Date(Date.now() - 1000).toISOString() })
      .where(eq(sessions.id, capped.session.id))
      .run();
    expect(await asUser(capped.cookie)).toBeInstanceOf(Response);
  });

  it("slides the idle expiry with use, never past the absolute cap", () => {
    const s = signedIn("executive");
    const soon = new Date(Date.now() + SESSION_IDLE_MS / 4).toISOString();
    const cap = new Date(Date.now() + SESSION_IDLE_MS / 3).toISOString();
    db.update(sessions).set({ expiresAt: soon, absoluteExpiresAt: cap }).where(eq(sessions.id, s.session.id)).run();
    const found = validateSessionToken(s.token)!;
    expect(found.session.expiresAt).toBe(cap);
  });

  it("revokes the session on log-out", async () => {
    const s = signedIn("executive");
    const res = (await logoutAction(args(postRequest("/logout", {}, s.cookie)) as never)) as Response;
    expect(res.headers.get("set-cookie")).toMatch(/Max-Age=0/);
    expect(await asUser(s.cookie)).toBeInstanceOf(Response);
  });

  it("ignores a malformed cookie", async () => {
    expect(await asUser(`${SESSION_COOKIE}=../../etc/passwd`)).toBeInstanceOf(Response);
  });
});
