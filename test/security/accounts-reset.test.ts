import { makeApiToken } from "#test/support/api-token-factories";
/**
 * Password reset for active users: a one-time link from an administrator
 * (or the CLI) that sets a new password, ends every session and API token,
 * lifts the user's locks, keeps MFA required, and is audited.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { apiTokens, auditEvents, passwordResets, sessions, throttles, users } from "#db/schema";
import { verifyPassword } from "~/auth/password.server";
import { createSession, SESSION_COOKIE } from "~/auth/session.server";
import { hashToken } from "~/auth/tokens.server";
import { db } from "~/db.server";
import * as userPage from "~/routes/admin.users.$userId";
import * as resetPage from "~/routes/reset-password";
import { createUser } from "~/users/create-user.server";
import { outcome } from "#test/admin/outcome";
import { makeUser, signedIn } from "#test/support/factories";
import { args, getRequest, postRequest } from "#test/support/requests";

const PASSWORD = "quiet harbour lamp 1987";
const NEW_PASSWORD = "copper kettle morning 42";
const root = path.resolve(import.meta.dirname, "../..");

let n = 0;
async function activeUser(overrides: { role?: "executive" | "ciso_office" } = {}) {
  n += 1;
  return createUser(
    db,
    { email: `reset${n}@example.com`, name: `Reset User ${n}`, role: overrides.role ?? "executive", password: PASSWORD },
    { actorId: null },
  );
}
const admin = () => signedIn("admin", { passwordHash: "$argon2id$test-placeholder" });
const userRow = (id: number) => db.select().from(users).where(eq(users.id, id)).get()!;
const eventsFor = (action: string, userId: number) =>
  db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.action, action), eq(auditEvents.entityId, String(userId))))
    .all();

function issue(cookie: string, userId: number) {
  const fields = { intent: "reset-password", version: String(userRow(userId).version) };
  return outcome(() => userPage.action(args(postRequest(`/admin/users/${userId}`, fields, cookie), { userId: String(userId) }) as never));
}
const tokenOf = (link: string) => new URL(link).searchParams.get("token")!;
const open = (token: string) => outcome(() => resetPage.loader(args(getRequest(`/reset-password?token=${token}`)) as never));
const submit = (token: string, password = NEW_PASSWORD, confirmPassword = password) =>
  outcome(() => resetPage.action(args(postRequest("/reset-password", { token, password, confirmPassword })) as never));

afterEach(() => {
  vi.useRealTimers();
  db.delete(throttles).run();
});

describe("issuing a reset link", () => {
  it("shows the link once to the administrator, stores only its hash, audits it, and a newer link revokes the older", async () => {
    const user = await activeUser();
    const boss = admin();
    const first = await issue(boss.cookie, user.id);
    expect(first.status).toBe(200);
    expect(first.body.passwordReset.link).toMatch(/^http:\/\/localhost:3000\/reset-password\?token=[a-z2-7]{32}$/);
    const token = tokenOf(first.body.passwordReset.link);
    const stored = db.select().from(passwordResets).where(eq(passwordResets.userId, user.id)).all();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(Date.parse(stored[0]!.expiresAt) - Date.parse(stored[0]!.createdAt)).toBe(3600_000);
    const [event] = eventsFor("user.password_reset_issued", user.id);
    expect(event).toMatchObject({ actorId: boss.user.id });
    expect(JSON.stringify(db.select().from(auditEvents).all())).not.toContain(token);

    // The page never shows it again.
    const page = await outcome(() => userPage.loader(args(getRequest(`/admin/users/${user.id}`, boss.cookie), { userId: String(user.id) }) as never));
    expect(JSON.stringify(page.body)).not.toContain(token);

    const second = await issue(boss.cookie, user.id);
    expect((await open(token)).status).toBe(404);
    expect((await open(tokenOf(second.body.passwordReset.link))).status).toBe(200);
  });

  it("refuses an invited user (who needs an invitation), an inactive one, and the administrator's own account", async () => {
    const boss = admin();
    const invited = makeUser({ role: "executive" });
    expect((await issue(boss.cookie, invited.id)).body.message).toMatch(/invitation/);
    const gone = await activeUser();
    db.update(users).set({ active: false }).where(eq(users.id, gone.id)).run();
    expect((await issue(boss.cookie, gone.id)).body.message).toMatch(/inactive/);
    const self = await issue(boss.cookie, boss.user.id);
    expect(self.status).toBe(400);
    expect(self.body.message).toMatch(/your account page/);
    expect(
      db
        .select()
        .from(passwordResets)
        .all()
        .filter((r) => [invited.id, gone.id, boss.user.id].includes(r.userId)),
    ).toEqual([]);
  });
});

describe("using a reset link", () => {
  it("applies the password policy and changes nothing when refused", async () => {
    const user = await activeUser();
    const token = tokenOf((await issue(admin().cookie, user.id)).body.passwordReset.link);
    const common = await submit(token, "password123456");
    expect(common.status).toBe(400);
    expect(JSON.stringify(common.body)).toMatch(/too common/);
    const short = await submit(token, "short");
    expect(short.status).toBe(400);
    const differ = await submit(token, NEW_PASSWORD, "something else entirely");
    expect(differ.status).toBe(400);
    expect(await verifyPassword(userRow(user.id).passwordHash!, PASSWORD)).toBe(true);
    expect((await open(token)).status).toBe(200);
  });

  it("sets the password, ends every session and API token, lifts the user's locks, signs them in, and is audited; the link then gives a clear 404", async () => {
    const user = await activeUser();
    const old = createSession(user.id, { mfaVerified: true });
    makeApiToken(user.id, { name: "laptop" });
    const now = new Date().toISOString();
    db.insert(throttles)
      .values({
        key: `login:account:${user.email}`,
        scope: "login-account",
        subject: user.email,
        failures: 40,
        windowStartedAt: now,
        updatedAt: now,
        lockedUntil: "2999-01-01T00:00:00.000Z",
      })
      .run();
    const token = tokenOf((await issue(admin().cookie, user.id)).body.passwordReset.link);

    const res = await submit(token);
    expect(res.status).toBe(302);
    expect(res.location).toBe("/inbox");
    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toMatch(new RegExp(`^${SESSION_COOKIE}=[a-z2-7]{32};`));
    expect(cookie).toMatch(/HttpOnly/);

    const after = userRow(user.id);
    expect(await verifyPassword(after.passwordHash!, NEW_PASSWORD)).toBe(true);
    expect(await verifyPassword(after.passwordHash!, PASSWORD)).toBe(false);
    const live = db.select().from(sessions).where(eq(sessions.userId, user.id)).all();
    expect(live.map((s) => s.id)).not.toContain(old.session.id);
    expect(live).toHaveLength(1);
    expect(live[0]!.mfaVerified).toBe(true);
    expect(db.select().from(apiTokens).where(eq(apiTokens.userId, user.id)).get()!.revokedAt).not.toBeNull();
    expect(db.select().from(throttles).where(eq(throttles.subject, user.email)).all()).toEqual([]);

    const [event] = eventsFor("user.password_reset", user.id);
    expect(event).toMatchObject({ actorId: user.id });
    expect(JSON.parse(event!.after!)).toMatchObject({ sessionsEnded: 1, apiKeysRevoked: 1, locksCleared: 1 });
    const trail = JSON.stringify(db.select().from(auditEvents).all());
    for (const secret of [NEW_PASSWORD, after.passwordHash!, token]) expect(trail).not.toContain(secret);

    const reopened = await open(token);
    expect(reopened.status).toBe(404);
    expect(reopened.body).toMatch(/invalid, already used or expired/);
    const reused = await submit(token, "another fine passphrase 9");
    expect(reused.status).toBe(404);
    expect(await verifyPassword(userRow(user.id).passwordHash!, NEW_PASSWORD)).toBe(true);
  });

  it("keeps MFA required: the new session still waits for the second factor", async () => {
    const user = await activeUser({ role: "ciso_office" });
    const enrolledAt = "2026-11-01T10:00:00.000Z";
    db.update(users).set({ mfaEnabledAt: enrolledAt }).where(eq(users.id, user.id)).run();
    const token = tokenOf((await issue(admin().cookie, user.id)).body.passwordReset.link);
    const res = await submit(token);
    expect(res.status).toBe(302);
    expect(res.location).toMatch(/^\/login\/mfa\?redirectTo=/);
    const [session] = db.select().from(sessions).where(eq(sessions.userId, user.id)).all();
    expect(session!.mfaVerified).toBe(false);
    expect(userRow(user.id).mfaEnabledAt).toBe(enrolledAt);
  });

  it("answers an expired link and a missing token with a clear page, not a 500", async () => {
    const user = await activeUser();
    const token = tokenOf((await issue(admin().cookie, user.id)).body.passwordReset.link);
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 61 * 60_000);
    const expired = await open(token);
    expect(expired.status).toBe(404);
    expect(expired.body).toMatch(/Ask an administrator for a new one/);
    expect((await submit(token)).status).toBe(404);
    const missing = await outcome(() => resetPage.loader(args(getRequest("/reset-password")) as never));
    expect(missing.status).toBe(400);
    expect(missing.body).toMatch(/needs the password-reset link/);
    const garbage = await outcome(() => resetPage.loader(args(getRequest("/reset-password?token=%00%0a<script>")) as never));
    expect(garbage.status).toBe(404);
  });
});

describe("npm run cli -- user:reset-password", () => {
  const cli = (cliArgs: string[]) =>
    spawnSync(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "bin/cli.ts", ...cliArgs], {
      cwd: root,
      env: { ...process.env, NODE_ENV: "production", APP_ORIGIN: "https://rampart.example.com" },
      encoding: "utf8",
    });

  it("prints the same kind of one-time link, on APP_ORIGIN, that works once", { timeout: 60_000 }, async () => {
    const user = await activeUser();
    const r = cli(["user:reset-password", "--email", user.email.toUpperCase()]);
    expect(r.status).toBe(0);
    const link = /(https:\/\/rampart\.example\.com\/reset-password\?token=[a-z2-7]+)/.exec(r.stdout)?.[1];
    expect(link).toBeDefined();
    const [event] = eventsFor("user.password_reset_issued", user.id);
    expect(event).toMatchObject({ actorId: null, requestId: "cli" });
    expect((await submit(tokenOf(link!))).status).toBe(302);
    expect(await verifyPassword(userRow(user.id).passwordHash!, NEW_PASSWORD)).toBe(true);
  });

  it("exits 2 with a message for an unknown email or a missing option, writing nothing", { timeout: 60_000 }, () => {
    const before = db.select().from(passwordResets).all().length;
    const unknown = cli(["user:reset-password", "--email", "nobody@example.com"]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/No account has the email nobody@example.com/);
    expect(cli(["user:reset-password"]).status).toBe(2);
    expect(db.select().from(passwordResets).all().length).toBe(before);
  });
});
