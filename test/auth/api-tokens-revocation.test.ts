import { generateTOTP } from "@epic-web/totp";
import { eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { apiTokens, program, sessions, throttles } from "#db/schema";
import { revokeAllCredentials } from "~/auth/credentials.server";
import { beginMfaEnrolment, pendingMfaEnrolment } from "~/auth/mfa.server";
import { hashPassword } from "~/auth/password.server";
import { createSession } from "~/auth/session.server";
import { TOTP } from "~/auth/totp.server";
import { db } from "~/db.server";
import * as accountPage from "~/routes/account._index";
import * as mfaPage from "~/routes/account.mfa";
import * as userPage from "~/routes/admin.users.$userId";
import { loader as programApi } from "~/routes/api.v1.program";
import { outcome } from "#test/admin/outcome";
import { makeApiToken } from "#test/support/api-token-factories";
import { signedIn } from "#test/support/factories";
import { postRequest, testContext } from "#test/support/requests";

const PASSWORD = "correct horse battery staple";
const NEW_PASSWORD = "umbrella lantern quietly orbit";

beforeAll(() => {
  db.insert(program).values({ name: "Revocation programme", startFiscalYear: 2022, endFiscalYear: 2027 }).run();
});
afterEach(() => {
  vi.useRealTimers();
  db.delete(throttles).run();
});

async function callProgram(token: string) {
  const request = new Request("http://localhost:3000/api/v1/program", { headers: { authorization: `Bearer ${token}` } });
  return outcome<any>(() => programApi({ request, params: {}, context: testContext }));
}

/** A user with a password, a second session elsewhere and a live token; and a bystander with a token of their own. */
async function owner(role: "executive" | "ciso_office" = "executive") {
  const me = signedIn(role, { passwordHash: await hashPassword(PASSWORD) });
  const elsewhere = createSession(me.user.id, { mfaVerified: true, ip: "203.0.113.7" });
  const token = makeApiToken(me.user.id);
  const bystander = makeApiToken(signedIn("executive").user.id);
  expect((await callProgram(token.token)).status).toBe(200);
  return { ...me, elsewhere, token, bystander };
}

const sessionCount = (userId: number) => db.select().from(sessions).where(eq(sessions.userId, userId)).all().length;
const tokenRow = (id: number) => db.select().from(apiTokens).where(eq(apiTokens.id, id)).get()!;
const admin = () => signedIn("admin", { passwordHash: "$argon2id$test-placeholder" });

function adminChange(cookie: string, userId: number, fields: Record<string, string>) {
  return outcome(() =>
    userPage.action({ request: postRequest(`/admin/users/${userId}`, fields, cookie), params: { userId: String(userId) }, context: testContext }),
  );
}

/** The token is dead with the reason given, and a bystander's token still works. */
async function expectRevoked(o: Awaited<ReturnType<typeof owner>>, reason: string, words: RegExp) {
  const res = await callProgram(o.token.token);
  expect(res.status).toBe(401);
  expect(res.body.error).toMatch(words);
  expect(tokenRow(o.token.id)).toMatchObject({ revokedReason: reason });
  expect(tokenRow(o.token.id).revokedAt).not.toBeNull();
  expect((await callProgram(o.bystander.token)).status).toBe(200);
}

describe("a token dies with its owner's sessions", () => {
  it("on a password change (the session making it stays signed in)", async () => {
    const o = await owner();
    const res = await outcome(() =>
      accountPage.action({
        request: postRequest(
          "/account",
          { intent: "change-password", currentPassword: PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD },
          o.cookie,
        ),
        params: {},
        context: testContext,
      }),
    );
    expect(res.status).toBe(302);
    await expectRevoked(o, "password_change", /revoked on \d{4}-\d\d-\d\d \(password changed\)/);
    expect(sessionCount(o.user.id)).toBe(1);
  });

  it("not on a failed password change", async () => {
    const o = await owner();
    const res = await outcome(() =>
      accountPage.action({
        request: postRequest(
          "/account",
          { intent: "change-password", currentPassword: "wrong wrong wrong", newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD },
          o.cookie,
        ),
        params: {},
        context: testContext,
      }),
    );
    expect(res.status).toBe(400);
    expect((await callProgram(o.token.token)).status).toBe(200);
    expect(sessionCount(o.user.id)).toBe(2);
  });

  it('on "sign out everywhere"', async () => {
    const o = await owner();
    const res = await outcome(() =>
      accountPage.action({ request: postRequest("/account", { intent: "revoke-all-sessions" }, o.cookie), params: {}, context: testContext }),
    );
    expect(res.status).toBe(302);
    await expectRevoked(o, "sign_out_everywhere", /\(signed out everywhere\)/);
    expect(sessionCount(o.user.id)).toBe(0);
  });

  it("on turning two-step verification on (other sessions end too)", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
    const o = await owner();
    beginMfaEnrolment(o.user.id, { actorId: o.user.id });
    const secret = pendingMfaEnrolment(o.user.id)!.secret;
    const code = (await generateTOTP({ secret, ...TOTP })).otp;
    const res = await outcome(() =>
      mfaPage.action({ request: postRequest("/account/mfa", { intent: "confirm", code }, o.cookie), params: {}, context: testContext }),
    );
    expect(res.status).toBe(200);
    await expectRevoked(o, "mfa_enable", /\(two-step verification turned on\)/);
    expect(sessionCount(o.user.id)).toBe(1);
  });

  it("on an administrator's MFA reset", async () => {
    const o = await owner("ciso_office");
    beginMfaEnrolment(o.user.id, { actorId: o.user.id });
    const res = await adminChange(admin().cookie, o.user.id, { intent: "reset-mfa", version: "2" });
    expect(res.status).toBe(302);
    await expectRevoked(o, "mfa_reset", /\(two-step verification reset\)/);
    expect(sessionCount(o.user.id)).toBe(0);
  });

  it("on a role change", async () => {
    const o = await owner("ciso_office");
    const res = await adminChange(admin().cookie, o.user.id, { intent: "change-role", version: "1", role: "executive" });
    expect(res.status).toBe(302);
    await expectRevoked(o, "role_change", /\(role changed\)/);
    expect(sessionCount(o.user.id)).toBe(0);
  });

  it("not on a role change refused as stale", async () => {
    const o = await owner("ciso_office");
    const res = await adminChange(admin().cookie, o.user.id, { intent: "change-role", version: "7", role: "executive" });
    expect(res.status).toBe(409);
    expect((await callProgram(o.token.token)).status).toBe(200);
    expect(sessionCount(o.user.id)).toBe(2);
  });

  it("on deactivation", async () => {
    const o = await owner();
    const res = await adminChange(admin().cookie, o.user.id, { intent: "deactivate", version: "1" });
    expect(res.status).toBe(302);
    await expectRevoked(o, "deactivation", /\(account deactivated\)/);
    expect(sessionCount(o.user.id)).toBe(0);
  });

  it("through the one function every such event calls, which leaves a revoked token's first reason alone", async () => {
    const o = await owner();
    const result = db.transaction((tx) => revokeAllCredentials(tx, o.user.id, "password_reset", { keepSessionId: o.session.id }));
    expect(result).toEqual({ sessionsEnded: 1, apiTokensRevoked: 1 });
    await expectRevoked(o, "password_reset", /\(password reset\)/);
    expect(db.transaction((tx) => revokeAllCredentials(tx, o.user.id, "sign_out_everywhere"))).toEqual({ sessionsEnded: 1, apiTokensRevoked: 0 });
    expect(tokenRow(o.token.id).revokedReason).toBe("password_reset");
  });
});
