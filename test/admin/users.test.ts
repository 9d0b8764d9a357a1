import { and, count, eq, ne, type SQL } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import { beforeEach, describe, expect, it } from "vitest";
import { apiTokens, auditEvents, invitations, recoveryCodes, sessions, throttles, users } from "#db/schema";
import { ROLES } from "#db/schema/enums";
import { writeAudit } from "~/audit/log.server";
import { findUsableInvitation, INVITATION_TTL_MS, inviteUser } from "~/admin/invitations.server";
import { deactivateUser, UserChangeRefused } from "~/admin/users.server";
import { verifyPassword } from "~/auth/password.server";
import { hashToken } from "~/auth/tokens.server";
import { db } from "~/db.server";
import * as home from "~/routes/_index";
import * as userPage from "~/routes/admin.users.$userId";
import * as usersPage from "~/routes/admin.users._index";
import * as invitePage from "~/routes/invite";
import * as loginPage from "~/routes/login";
import { makeApiToken } from "#test/support/api-token-factories";
import { makeUser, signedIn } from "#test/support/factories";
import { args, getRequest, postRequest } from "#test/support/requests";
import { outcome } from "./outcome";

// Administrators need a password to count as able to sign in (the last-admin rule); the value is never verified here.
const ADMIN_PASSWORD = { passwordHash: "$argon2id$test-placeholder" };
const signedInAdmin = () => signedIn("admin", ADMIN_PASSWORD);
const STRONG_PASSWORD = "violet tractor harbour spoon";

const eventsFor = (action: string, userId: number) =>
  db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.action, action), eq(auditEvents.entityId, String(userId))))
    .all();
const userRow = (id: number) => db.select().from(users).where(eq(users.id, id)).get()!;
const countRows = (table: SQLiteTable, where?: SQL) => db.select({ n: count() }).from(table).where(where).get()!.n;

function invite(cookie: string, fields: Record<string, string>) {
  return outcome(() => usersPage.action(args(postRequest("/admin/users", { intent: "invite", ...fields }, cookie))));
}

function change(cookie: string, userId: number, fields: Record<string, string | number>) {
  const form = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, String(v)]));
  return outcome(() => userPage.action(args(postRequest(`/admin/users/${userId}`, form, cookie), { userId: String(userId) })));
}

const tokenOf = (link: string) => new URL(link).searchParams.get("token")!;

beforeEach(() => {
  // Failed invitation look-ups in one test must not lock the shared test address out of the next.
  db.delete(throttles).run();
});

describe("the user list", () => {
  it("lists users with role, status, MFA and last sign-in, filtered from the URL", async () => {
    const admin = signedInAdmin();
    const lead = makeUser({ role: "workstream_lead", name: "Lena Lead", ...ADMIN_PASSWORD, mfaEnabledAt: new Date().toISOString() });
    const gone = makeUser({ role: "workstream_lead", name: "Gus Gone", active: false });
    writeAudit(db, { actorId: lead.id }, { action: "auth.login", entity: "user", entityId: lead.id });
    const signIn = writeAudit(db, { actorId: lead.id }, { action: "auth.login", entity: "user", entityId: lead.id });
    const signedInAt = db.select({ at: auditEvents.at }).from(auditEvents).where(eq(auditEvents.id, signIn.id)).get()!.at;

    const all = await outcome(() => usersPage.loader(args(getRequest("/admin/users", admin.cookie))));
    expect(all.status).toBe(200);
    const row = all.body.users.find((u: { id: number }) => u.id === lead.id);
    expect(row).toMatchObject({ role: "workstream_lead", active: true, mfaEnabled: true, hasPassword: true, lastSignInAt: signedInAt });
    expect(row).not.toHaveProperty("passwordHash");
    expect(row).not.toHaveProperty("mfaSecret");

    const leads = await outcome(() => usersPage.loader(args(getRequest("/admin/users?role=workstream_lead&status=active", admin.cookie))));
    expect(leads.body.users.map((u: { id: number }) => u.id)).toContain(lead.id);
    expect(leads.body.users.map((u: { id: number }) => u.id)).not.toContain(gone.id);
    expect(leads.body.users.every((u: { role: string }) => u.role === "workstream_lead")).toBe(true);

    const inactive = await outcome(() => usersPage.loader(args(getRequest("/admin/users?status=inactive&q=gus", admin.cookie))));
    expect(inactive.body.users.map((u: { id: number }) => u.id)).toEqual([gone.id]);
  });

  it("ignores a bad filter value with a message instead of failing", async () => {
    const admin = signedInAdmin();
    const res = await outcome(() => usersPage.loader(args(getRequest("/admin/users?role=overlord&status=active", admin.cookie))));
    expect(res.status).toBe(200);
    expect(res.body.filter).toEqual({ status: "active" });
    expect(res.body.notices).toEqual([expect.stringMatching(/^Ignored role="overlord": use one of admin/)]);
  });
});

describe("inviting a user", () => {
  it("creates the account without a password, stores only the link's hash, and audits both", async () => {
    const admin = signedInAdmin();
    const res = await invite(admin.cookie, { email: "  New.Person@Example.COM ", name: "New Person", role: "executive" });
    expect(res.status).toBe(200);
    const { invitation } = res.body;
    expect(invitation.link).toMatch(/^http:\/\/localhost:3000\/invite\?token=[a-z2-7]{32}$/);

    const user = db.select().from(users).where(eq(users.email, "new.person@example.com")).get()!;
    expect(user).toMatchObject({ name: "New Person", role: "executive", active: true, passwordHash: null, version: 1 });
    const token = tokenOf(invitation.link);
    const stored = db.select().from(invitations).where(eq(invitations.userId, user.id)).all();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.tokenHash).toBe(hashToken(token));
    expect(stored[0]!.createdById).toBe(admin.user.id);
    expect(Date.parse(stored[0]!.expiresAt) - Date.now()).toBeGreaterThan(INVITATION_TTL_MS - 60_000);

    const [created] = eventsFor("user.create", user.id);
    const [invited] = eventsFor("user.invite", user.id);
    expect(created).toMatchObject({ actorId: admin.user.id, entity: "user", ip: "127.0.0.1", requestId: "test-request" });
    expect(JSON.parse(created!.after!)).toMatchObject({ email: "new.person@example.com", role: "executive" });
    expect(invited).toMatchObject({ actorId: admin.user.id });
    const trail = JSON.stringify(db.select().from(auditEvents).all());
    expect(trail).not.toContain(token);
    expect(trail).not.toContain(hashToken(token));
  });

  it("refuses invalid input with errors beside each field and stores nothing", async () => {
    const admin = signedInAdmin();
    const before = { users: countRows(users), events: countRows(auditEvents) };
    const res = await invite(admin.cookie, { email: "not-an-email", name: "   ", role: "overlord" });
    expect(res.status).toBe(400);
    expect(res.body.invitation).toBeNull();
    expect(Object.keys(res.body.result.error)).toEqual(expect.arrayContaining(["email", "name", "role"]));
    expect(res.body.result.error.email).toEqual(["Enter a valid email address."]);
    expect({ users: countRows(users), events: countRows(auditEvents) }).toEqual(before);
  });

  it("refuses an address that already has an account", async () => {
    const admin = signedInAdmin();
    const existing = makeUser();
    const before = countRows(users);
    const res = await invite(admin.cookie, { email: existing.email.toUpperCase(), name: "Twin", role: "board" });
    expect(res.status).toBe(400);
    expect(res.body.result.error.email).toEqual([`An account for ${existing.email} already exists.`]);
    expect(countRows(users)).toBe(before);
  });
});

describe("the invitation link", () => {
  async function invited(email: string) {
    const admin = signedInAdmin();
    const res = await invite(admin.cookie, { email, name: "Ivy Invitee", role: "executive" });
    const user = db.select().from(users).where(eq(users.email, email)).get()!;
    return { admin, user, token: tokenOf(res.body.invitation.link) };
  }
  const open = (token: string) => outcome(() => invitePage.loader(args(getRequest(`/invite?token=${token}`))));
  const accept = (token: string, password = STRONG_PASSWORD, confirmPassword = password) =>
    outcome(() => invitePage.action(args(postRequest(`/invite?token=${token}`, { token, password, confirmPassword }))));

  it("lets the invitee set a password once, then sign in through the log-in form", async () => {
    const { user, token } = await invited("ivy@test.example");
    const page = await open(token);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ email: "ivy@test.example", name: "Ivy Invitee" });

    const set = await accept(token);
    expect(set.status).toBe(302);
    expect(set.location).toBe("/login");
    const after = userRow(user.id);
    expect(await verifyPassword(after.passwordHash!, STRONG_PASSWORD)).toBe(true);
    expect(after.version).toBe(user.version + 1);
    const [accepted] = eventsFor("user.invite_accept", user.id);
    expect(accepted).toMatchObject({ actorId: user.id, ip: "127.0.0.1" });
    expect(accepted!.after).not.toContain(STRONG_PASSWORD);

    // Spent: neither the page nor a second submission works.
    expect((await open(token)).status).toBe(404);
    expect((await accept(token, "another long passphrase here")).status).toBe(404);
    expect(await verifyPassword(userRow(user.id).passwordHash!, STRONG_PASSWORD)).toBe(true);

    const login = await outcome(() => loginPage.action(args(postRequest("/login", { email: "ivy@test.example", password: STRONG_PASSWORD }))));
    expect(login.status).toBe(302);
    // An executive lands on the inbox (role homes).
    expect(login.location).toBe("/inbox");
    expect(login.headers.get("set-cookie")).toMatch(/^rampart_session=[a-z2-7]+;/);
  });

  it("expires after 72 hours", async () => {
    const admin = signedInAdmin();
    const issuedAt = new Date(Date.now() - INVITATION_TTL_MS - 60_000);
    const { token, userId } = inviteUser(db, { email: "late@test.example", name: "Late", role: "board" }, { actorId: admin.user.id }, issuedAt);
    expect(findUsableInvitation(db, token, new Date(issuedAt.getTime() + INVITATION_TTL_MS - 1000))).not.toBeNull();
    expect((await open(token)).status).toBe(404);
    expect((await accept(token)).status).toBe(404);
    expect(userRow(userId).passwordHash).toBeNull();
  });

  it("refuses a weak or mistyped password with field errors, and the link still works", async () => {
    const { user, token } = await invited("weak@test.example");
    const common = await accept(token, "password1234");
    expect(common.status).toBe(400);
    expect(common.body.error.password).toEqual([expect.stringMatching(/too common/)]);
    const mismatch = await accept(token, STRONG_PASSWORD, `${STRONG_PASSWORD}!`);
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.error.confirmPassword).toEqual(["The two passwords differ."]);
    expect(userRow(user.id).passwordHash).toBeNull();
    expect((await open(token)).status).toBe(200);
  });

  it("stops working when a new link is issued or the account is deactivated", async () => {
    const { admin, user, token } = await invited("twice@test.example");
    const reissued = await change(admin.cookie, user.id, { intent: "reinvite", version: user.version });
    expect(reissued.status).toBe(200);
    const second = tokenOf(reissued.body.invitation.link);
    expect((await open(token)).status).toBe(404);
    expect((await open(second)).status).toBe(200);

    const deactivated = await change(admin.cookie, user.id, { intent: "deactivate", version: userRow(user.id).version });
    expect(deactivated.status).toBe(302);
    expect((await open(second)).status).toBe(404);
  });

  it("throttles guessing per address", async () => {
    for (let i = 0; i < 10; i++) await open("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    const locked = await open("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
    expect(locked.status).toBe(429);
  });
});

describe("changing a user", () => {
  it("changes the role and audits before and after", async () => {
    const admin = signedInAdmin();
    const target = makeUser({ role: "ciso_office" });
    const res = await change(admin.cookie, target.id, { intent: "change-role", version: 1, role: "executive" });
    expect(res.status).toBe(302);
    expect(res.location).toBe(`/admin/users/${target.id}`);
    expect(userRow(target.id)).toMatchObject({ role: "executive", version: 2 });
    const [event] = eventsFor("user.role_change", target.id);
    expect(event).toMatchObject({ actorId: admin.user.id, entity: "user" });
    expect(JSON.parse(event!.before!)).toEqual({ role: "ciso_office", version: 1 });
    expect(JSON.parse(event!.after!)).toEqual({ role: "executive", version: 2, sessionsEnded: 0, apiKeysRevoked: 0 });
  });

  it("refuses an edit made against an old version with 409, says what changed, and changes nothing", async () => {
    const admin = signedInAdmin();
    const target = makeUser({ role: "ciso_office", name: "Stale Sam" });
    const seen = { seenRole: "ciso_office", seenActive: "true", seenMfa: "off" };
    expect((await change(admin.cookie, target.id, { intent: "change-role", version: 1, role: "executive", ...seen })).status).toBe(302);

    const stale = await change(admin.cookie, target.id, { intent: "deactivate", version: 1, ...seen });
    expect(stale.status).toBe(409);
    expect(stale.body.conflict).toMatch(/Someone else changed Stale Sam/);
    expect(stale.body.conflict).toMatch(/role CISO office → Executive/);
    expect(stale.body.conflict).toMatch(/version 2/);
    expect(userRow(target.id)).toMatchObject({ role: "executive", active: true, version: 2 });
    expect(eventsFor("user.deactivate", target.id)).toHaveLength(0);

    const staleRole = await change(admin.cookie, target.id, { intent: "change-role", version: 1, role: "board", ...seen });
    expect(staleRole.status).toBe(409);
    expect(userRow(target.id).role).toBe("executive");
  });

  it("deactivation ends the user's open sessions and API tokens at once, and reactivation is audited", async () => {
    const admin = signedInAdmin();
    const target = signedIn("ciso_office");
    makeApiToken(target.user.id, { name: "laptop" });
    const asTarget = () => outcome(() => home.loader(args(getRequest("/", target.cookie))));
    expect((await asTarget()).location).toBe("/waiting");

    const res = await change(admin.cookie, target.user.id, { intent: "deactivate", version: 1 });
    expect(res.status).toBe(302);
    expect(userRow(target.user.id)).toMatchObject({ active: false, version: 2 });
    expect(countRows(sessions, eq(sessions.userId, target.user.id))).toBe(0);
    const refused = await asTarget();
    expect(refused.status).toBe(302);
    expect(refused.location).toMatch(/^\/login\?redirectTo=/);
    const [event] = eventsFor("user.deactivate", target.user.id);
    expect(JSON.parse(event!.after!)).toMatchObject({ active: false, sessionsEnded: 1, apiKeysRevoked: 1 });
    expect(db.select().from(apiTokens).where(eq(apiTokens.userId, target.user.id)).get()!.revokedAt).not.toBeNull();

    const back = await change(admin.cookie, target.user.id, { intent: "reactivate", version: 2 });
    expect(back.status).toBe(302);
    expect(userRow(target.user.id)).toMatchObject({ active: true, version: 3 });
    expect(eventsFor("user.reactivate", target.user.id)).toHaveLength(1);
    // Their old cookie stays dead: the session itself was deleted, not just refused.
    expect((await asTarget()).location).toMatch(/^\/login/);
  });

  it("resets MFA: clears the secret and backup codes, ends sessions, never logs the secret", async () => {
    const admin = signedInAdmin();
    const secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
    const target = signedIn("ciso_office", { mfaSecret: secret, mfaEnabledAt: "2026-01-01T00:00:00.000Z" });
    db.insert(recoveryCodes)
      .values([
        { userId: target.user.id, codeHash: "h1" },
        { userId: target.user.id, codeHash: "h2" },
      ])
      .run();

    const res = await change(admin.cookie, target.user.id, { intent: "reset-mfa", version: 1 });
    expect(res.status).toBe(302);
    expect(userRow(target.user.id)).toMatchObject({ mfaSecret: null, mfaEnabledAt: null, version: 2 });
    expect(countRows(recoveryCodes, eq(recoveryCodes.userId, target.user.id))).toBe(0);
    expect(countRows(sessions, eq(sessions.userId, target.user.id))).toBe(0);
    const [event] = eventsFor("user.mfa_reset", target.user.id);
    expect(JSON.parse(event!.before!)).toMatchObject({ mfaEnabledAt: "2026-01-01T00:00:00.000Z", backupCodes: 2 });
    expect(JSON.stringify(event)).not.toContain(secret);

    const again = await change(admin.cookie, target.user.id, { intent: "reset-mfa", version: 2 });
    expect(again.status).toBe(400);
    expect(again.body.message).toMatch(/no second factor/);
  });

  it("refuses an administrator deactivating or resetting the MFA of their own account", async () => {
    const admin = signedInAdmin();
    const self = await change(admin.cookie, admin.user.id, { intent: "deactivate", version: 1 });
    expect(self.status).toBe(400);
    expect(self.body.message).toBe("You cannot deactivate your own account; ask another administrator.");
    expect(userRow(admin.user.id).active).toBe(true);
    expect((await change(admin.cookie, admin.user.id, { intent: "reset-mfa", version: 1 })).status).toBe(400);
  });

  it("refuses an unknown intent or a missing version with 400", async () => {
    const admin = signedInAdmin();
    const target = makeUser();
    expect((await change(admin.cookie, target.id, { intent: "delete", version: 1 })).status).toBe(400);
    expect((await change(admin.cookie, target.id, { intent: "deactivate" })).status).toBe(400);
    expect(userRow(target.id)).toMatchObject({ active: true, version: 1 });
  });

  it("answers 404 for a user that does not exist", async () => {
    const admin = signedInAdmin();
    expect((await outcome(() => userPage.loader(args(getRequest("/admin/users/999999", admin.cookie), { userId: "999999" })))).status).toBe(404);
    expect((await outcome(() => userPage.loader(args(getRequest("/admin/users/abc", admin.cookie), { userId: "abc" })))).status).toBe(404);
    expect((await change(admin.cookie, 999999, { intent: "deactivate", version: 1 })).status).toBe(404);
  });
});

describe("the last active administrator", () => {
  // Leaves `admin` as the only active administrator who can sign in.
  function soleAdmin() {
    const admin = signedInAdmin();
    db.update(users)
      .set({ active: false })
      .where(and(eq(users.role, "admin"), ne(users.id, admin.user.id)))
      .run();
    return admin;
  }

  it("cannot be demoted", async () => {
    const admin = soleAdmin();
    const res = await change(admin.cookie, admin.user.id, { intent: "change-role", version: 1, role: "ciso_office" });
    expect(res.status).toBe(400);
    expect(res.body.message).toBe(`${admin.user.name} is the last active administrator and cannot be demoted. Make another user an administrator first.`);
    expect(userRow(admin.user.id)).toMatchObject({ role: "admin", version: 1 });
    expect(eventsFor("user.role_change", admin.user.id)).toHaveLength(0);
  });

  it("cannot be deactivated, even by an administrator who has not set a password yet or by the CLI", async () => {
    const admin = soleAdmin();
    // An invited administrator has a role but cannot sign in, so does not count.
    const invitedAdmin = signedIn("admin");
    const res = await change(invitedAdmin.cookie, admin.user.id, { intent: "deactivate", version: 1 });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/is the last active administrator and cannot be deactivated/);
    expect(() => deactivateUser(db, { userId: admin.user.id, version: 1 }, { actorId: null, requestId: "cli" })).toThrow(UserChangeRefused);
    expect(userRow(admin.user.id)).toMatchObject({ active: true, version: 1 });
  });

  it("can be demoted once another administrator can sign in", async () => {
    const admin = soleAdmin();
    makeUser({ role: "admin", ...ADMIN_PASSWORD });
    const res = await change(admin.cookie, admin.user.id, { intent: "change-role", version: 1, role: "ciso_office" });
    expect(res.status).toBe(302);
    expect(userRow(admin.user.id).role).toBe("ciso_office");
  });
});

describe("access", () => {
  const nonAdmins = ROLES.filter((r) => r !== "admin");
  for (const role of nonAdmins) {
    it(`refuses ${role} with 403 on every handler`, async () => {
      const { cookie } = signedIn(role);
      const target = makeUser();
      const params = { userId: String(target.id) };
      expect((await outcome(() => usersPage.loader(args(getRequest("/admin/users", cookie))))).status).toBe(403);
      expect((await invite(cookie, { email: `x-${role}@test.example`, name: "X", role: "admin" })).status).toBe(403);
      expect((await outcome(() => userPage.loader(args(getRequest(`/admin/users/${target.id}`, cookie), params)))).status).toBe(403);
      expect((await change(cookie, target.id, { intent: "change-role", version: 1, role: "admin" })).status).toBe(403);
      expect(userRow(target.id).role).toBe("ciso_office");
    });
  }
});
