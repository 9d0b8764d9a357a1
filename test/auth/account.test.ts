import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, sessions, users } from "#db/schema";
import { hashPassword, verifyPassword } from "~/auth/password.server";
import { createSession, SESSION_COOKIE } from "~/auth/session.server";
import { db } from "~/db.server";
import * as accountPage from "~/routes/account._index";
import { signedIn } from "#test/support/factories";
import { args, getRequest, postRequest, settle } from "#test/support/requests";

const PASSWORD = "correct horse battery staple";
const NEW_PASSWORD = "umbrella lantern quietly orbit";

type Outcome = { status: number; location: string | null; body: any; setCookies: string[] };

/** A loader's or action's answer, whether a Response, a data() value or plain data. */
async function outcome(run: () => unknown): Promise<Outcome> {
  const res = await settle(async () => run());
  if (res instanceof Response) {
    return { status: res.status, location: res.headers.get("Location"), body: await res.text(), setCookies: res.headers.getSetCookie() };
  }
  if (res && typeof res === "object" && (res as { type?: string }).type === "DataWithResponseInit") {
    const d = res as unknown as { data: unknown; init: { status?: number } | null };
    return { status: d.init?.status ?? 200, location: null, body: d.data, setCookies: [] };
  }
  return { status: 200, location: null, body: res, setCookies: [] };
}

const post = (fields: Record<string, string>, cookie: string) => outcome(() => accountPage.action(args(postRequest("/account", fields, cookie))));

/** A signed-in user with a real password and two more sessions elsewhere. */
async function userWithSessions(role: "executive" | "board" = "executive") {
  const me = signedIn(role, { passwordHash: await hashPassword(PASSWORD) });
  const others = [createSession(me.user.id, { mfaVerified: true, ip: "203.0.113.7" }), createSession(me.user.id, { mfaVerified: true })];
  return { ...me, others };
}

const sessionIdsOf = (userId: number) =>
  db
    .select({ id: sessions.id })
    .from(sessions)
    .where(eq(sessions.userId, userId))
    .all()
    .map((s) => s.id);
const auditOf = (action: string, userId: number) =>
  db
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.action, action))
    .all()
    .filter((e) => e.entityId === String(userId));

describe("the account page", () => {
  it("shows the user, their MFA status and their live sessions, marking this one", async () => {
    const { user, session, token, cookie, others } = await userWithSessions("board");
    const page = await outcome(() => accountPage.loader(args(getRequest("/account", cookie))));
    expect(page.status).toBe(200);
    expect(page.body.account).toEqual({ name: user.name, email: user.email, role: "board" });
    expect(page.body.mfa).toEqual({ enabled: false, required: false });
    expect(page.body.sessions).toHaveLength(3);
    expect(page.body.sessions.filter((s: { current: boolean }) => s.current).map((s: { id: string }) => s.id)).toEqual([session.id]);
    expect(page.body.sessions.map((s: { ip: string | null }) => s.ip)).toContain("203.0.113.7");
    // Only hashes are listed: no cookie token of this or any other session.
    const text = JSON.stringify(page.body);
    for (const t of [token, ...others.map((o) => o.token)]) expect(text).not.toContain(t);
  });

  it("sends anonymous visitors to log in", async () => {
    const res = await outcome(() => accountPage.loader(args(getRequest("/account"))));
    expect(res.status).toBe(302);
    expect(res.location).toBe("/login?redirectTo=%2Faccount");
  });

  it("refuses an unknown form intent", async () => {
    const { cookie } = signedIn("executive");
    expect((await post({ intent: "nope" }, cookie)).status).toBe(400);
  });
});

describe("changing the password", () => {
  const change = (cookie: string, currentPassword: string, newPassword: string, confirmPassword = newPassword) =>
    post({ intent: "change-password", currentPassword, newPassword, confirmPassword }, cookie);

  it("refuses a wrong current password and keeps the old one", async () => {
    const { user, cookie } = await userWithSessions();
    const res = await change(cookie, "not my password at all", NEW_PASSWORD);
    expect(res.status).toBe(400);
    expect(res.body.result.error.currentPassword[0]).toMatch(/not your current password/);
    const row = db.select().from(users).where(eq(users.id, user.id)).get()!;
    expect(await verifyPassword(row.passwordHash!, PASSWORD)).toBe(true);
    expect(sessionIdsOf(user.id)).toHaveLength(3);
    expect(auditOf("auth.password_change_failed", user.id)).toHaveLength(1);
  });

  it("refuses a common password with an error on the field", async () => {
    const { cookie } = await userWithSessions();
    const res = await change(cookie, PASSWORD, "Password2024!");
    expect(res.status).toBe(400);
    expect(res.body.result.error.newPassword[0]).toMatch(/too common/);
  });

  it("refuses a confirmation that differs, and the current password reused", async () => {
    const { cookie } = await userWithSessions();
    const differs = await change(cookie, PASSWORD, NEW_PASSWORD, `${NEW_PASSWORD}!`);
    expect(differs.body.result.error.confirmPassword[0]).toMatch(/differ/);
    const same = await change(cookie, PASSWORD, PASSWORD);
    expect(same.status).toBe(400);
    expect(same.body.result.error.newPassword[0]).toMatch(/different/);
  });

  it("changes it, ends every other session, keeps this one, and audits without the password", async () => {
    const { user, session, cookie, others } = await userWithSessions();
    const bystander = signedIn("executive");
    const before = db.select().from(users).where(eq(users.id, user.id)).get()!;
    const res = await change(cookie, PASSWORD, NEW_PASSWORD);
    expect(res).toMatchObject({ status: 302, location: "/account" });

    expect(sessionIdsOf(user.id)).toEqual([session.id]);
    expect(others.every((o) => !sessionIdsOf(user.id).includes(o.session.id))).toBe(true);
    expect(sessionIdsOf(bystander.user.id)).toEqual([bystander.session.id]);
    expect((await outcome(() => accountPage.loader(args(getRequest("/account", cookie))))).status).toBe(200);
    expect((await outcome(() => accountPage.loader(args(getRequest("/account", `${SESSION_COOKIE}=${others[0]!.token}`))))).status).toBe(302);

    const after = db.select().from(users).where(eq(users.id, user.id)).get()!;
    expect(await verifyPassword(after.passwordHash!, NEW_PASSWORD)).toBe(true);
    expect(await verifyPassword(after.passwordHash!, PASSWORD)).toBe(false);
    expect(after.passwordChangedAt).not.toBe(before.passwordChangedAt);
    expect(after.version).toBe(before.version + 1);

    const events = auditOf("user.password_change", user.id);
    expect(events).toHaveLength(1);
    const trail = JSON.stringify(db.select().from(auditEvents).all());
    for (const secret of [PASSWORD, NEW_PASSWORD, after.passwordHash!]) expect(trail).not.toContain(secret);
  });

  it("locks after five wrong current passwords: the sixth gets 429 with Retry-After", async () => {
    const { cookie } = await userWithSessions();
    for (let i = 0; i < 5; i++) expect((await change(cookie, `wrong password number ${i}`, NEW_PASSWORD)).status).toBe(400);
    const locked = await settle(() =>
      accountPage.action(
        args(
          postRequest("/account", { intent: "change-password", currentPassword: PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }, cookie),
        ),
      ),
    );
    expect((locked as Response).status).toBe(429);
    expect(Number((locked as Response).headers.get("Retry-After"))).toBeGreaterThan(0);
  });
});

describe("signing sessions out", () => {
  it("signs out one of the user's other sessions", async () => {
    const { user, session, cookie, others } = await userWithSessions();
    const res = await post({ intent: "revoke-session", sessionId: others[0]!.session.id }, cookie);
    expect(res).toMatchObject({ status: 302, location: "/account" });
    expect(sessionIdsOf(user.id).sort()).toEqual([session.id, others[1]!.session.id].sort());
    expect(auditOf("auth.session_revoked", user.id)).toHaveLength(1);
  });

  it("never touches another user's session: 404, and the session lives on", async () => {
    const { cookie } = await userWithSessions();
    const victim = signedIn("admin");
    const res = await post({ intent: "revoke-session", sessionId: victim.session.id }, cookie);
    expect(res.status).toBe(404);
    expect(sessionIdsOf(victim.user.id)).toEqual([victim.session.id]);
    expect((await post({ intent: "revoke-session", sessionId: "not-a-session" }, cookie)).status).toBe(404);
  });

  it("signing out this session from the list ends it and clears the cookie", async () => {
    const { user, session, cookie } = await userWithSessions();
    const res = await post({ intent: "revoke-session", sessionId: session.id }, cookie);
    expect(res).toMatchObject({ status: 302, location: "/login" });
    expect(res.setCookies.some((c) => c.startsWith(`${SESSION_COOKIE}=;`) && c.includes("Max-Age=0"))).toBe(true);
    expect(sessionIdsOf(user.id)).not.toContain(session.id);
  });

  it("signs out everywhere, this session included, and audits it", async () => {
    const { user, cookie } = await userWithSessions();
    const bystander = signedIn("executive");
    const res = await post({ intent: "revoke-all-sessions" }, cookie);
    expect(res).toMatchObject({ status: 302, location: "/login" });
    expect(res.setCookies.some((c) => c.startsWith(`${SESSION_COOKIE}=;`))).toBe(true);
    expect(sessionIdsOf(user.id)).toHaveLength(0);
    expect(sessionIdsOf(bystander.user.id)).toHaveLength(1);
    const [event] = auditOf("auth.sessions_revoked_all", user.id);
    expect(JSON.parse(event!.after!)).toEqual({ sessionsEnded: 3, apiKeysRevoked: 0 });
    expect((await outcome(() => accountPage.loader(args(getRequest("/account", cookie))))).location).toMatch(/^\/login/);
  });
});
