import { generateTOTP } from "@epic-web/totp";
import { eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { apiTokens, apiTokenScopes, auditEvents, program, throttles } from "#db/schema";
import { API_SCOPES, type ApiScope } from "#db/schema/enums";
import { scopesForRole } from "~/auth/api-scopes";
import { ApiTokenRefused, createApiToken } from "~/auth/api-tokens.server";
import { beginMfaEnrolment, confirmMfaEnrolment, pendingMfaEnrolment } from "~/auth/mfa.server";
import { hashPassword } from "~/auth/password.server";
import { hashToken } from "~/auth/tokens.server";
import { TOTP } from "~/auth/totp.server";
import { db } from "~/db.server";
import * as accountPage from "~/routes/account._index";
import { outcome } from "#test/admin/outcome";
import { makeApiToken } from "#test/support/api-token-factories";
import { signedIn } from "#test/support/factories";
import { getRequest, postRequest, testContext } from "#test/support/requests";
import { routeModules, sampleParams, samplePath } from "#test/support/routes";

const PASSWORD = "correct horse battery staple";
const DAY_MS = 24 * 60 * 60 * 1000;

async function executive() {
  return signedIn("executive", { passwordHash: await hashPassword(PASSWORD) });
}

function createForm(cookie: string, fields: Record<string, string | string[]>) {
  const form = { intent: "create-api-token", tokenName: "Power BI", expiresInDays: "90", scope: ["budget", "risks"], confirmation: PASSWORD, ...fields };
  return outcome<any>(() => accountPage.action({ request: postRequest("/account", form, cookie), params: {}, context: testContext }));
}

const tokensOf = (userId: number) => db.select().from(apiTokens).where(eq(apiTokens.userId, userId)).all();
const scopesOf = (tokenId: number) =>
  db
    .select({ scope: apiTokenScopes.scope })
    .from(apiTokenScopes)
    .where(eq(apiTokenScopes.tokenId, tokenId))
    .all()
    .map((r) => r.scope)
    .sort();

type Loader = (a: { request: Request; params: Record<string, string>; context: typeof testContext }) => unknown;
const apiRoutes = routeModules.filter((r) => r.module.access?.api);

/** Calls an API route's loader with the token, from the given client address. */
function callApi(id: string, token: string, clientIp = "127.0.0.1") {
  const route = apiRoutes.find((r) => r.id === id)!;
  const request = new Request(`http://localhost:3000${samplePath(id)}`, { headers: { authorization: `Bearer ${token}` } });
  return outcome<any>(() => (route.module.loader as Loader)({ request, params: sampleParams(id), context: { ...testContext, clientIp } }));
}

beforeAll(() => {
  db.insert(program).values({ name: "Token programme", startFiscalYear: 2022, endFiscalYear: 2027 }).run();
});

afterEach(() => {
  vi.useRealTimers();
  // Re-authentication failures in one test must not lock the next test's user out.
  db.delete(throttles).run();
});

describe("creating an API token", () => {
  it("issues a token after the password is entered again: shown once, stored hashed, with its scopes and a 90-day default expiry", async () => {
    const { user, cookie } = await executive();
    const res = await createForm(cookie, {});
    expect(res.status).toBe(200);
    const { token, scopes, expiresAt } = res.body.createdToken;
    expect(token).toMatch(/^rmp_[a-z2-7]+$/);
    expect(scopes).toEqual(["budget", "risks"]);
    const [row] = tokensOf(user.id);
    expect(row!.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(Date.parse(row!.expiresAt) - Date.parse(row!.createdAt)).toBe(90 * DAY_MS);
    expect(row!.expiresAt).toBe(expiresAt);
    expect(scopesOf(row!.id)).toEqual(["budget", "risks"]);
    const events = db.select().from(auditEvents).where(eq(auditEvents.action, "api_token.create")).all();
    expect(events.some((e) => e.entityId === String(row!.id) && JSON.parse(e.after!).scopes.length === 2)).toBe(true);
    expect(JSON.stringify(events)).not.toContain(token);
  });

  it("takes the lifetime chosen at creation, up to a year, and refuses a longer or shorter one", async () => {
    const { user, cookie } = await executive();
    expect((await createForm(cookie, { expiresInDays: "365" })).status).toBe(200);
    const [row] = tokensOf(user.id);
    expect(Date.parse(row!.expiresAt) - Date.parse(row!.createdAt)).toBe(365 * DAY_MS);
    for (const days of ["366", "0", "-5", "1.5", "forever"]) {
      const res = await createForm(cookie, { expiresInDays: days });
      expect(res.status, days).toBe(400);
      expect(res.body.tokenErrors.expiresInDays, days).toBeTruthy();
    }
    expect(tokensOf(user.id)).toHaveLength(1);
  });

  it("refuses a token without the password, with a wrong one, and writes nothing but the failed attempt", async () => {
    const { user, cookie } = await executive();
    const missing = await createForm(cookie, { confirmation: "" });
    expect(missing.status).toBe(400);
    expect(missing.body.tokenErrors.confirmation).toMatch(/password/);
    const wrong = await createForm(cookie, { confirmation: "not my password at all" });
    expect(wrong.status).toBe(400);
    expect(wrong.body.tokenErrors.confirmation).toMatch(/neither your password/);
    expect(tokensOf(user.id)).toHaveLength(0);
    const failed = db.select().from(auditEvents).where(eq(auditEvents.action, "auth.reauth_failed")).all();
    expect(failed.some((e) => e.entityId === String(user.id) && JSON.parse(e.after!).purpose === "create_api_token")).toBe(true);
  });

  it("accepts a current authenticator code instead of the password once two-step verification is on", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
    const { user, cookie, session } = await executive();
    const ctx = { actorId: user.id };
    beginMfaEnrolment(user.id, ctx);
    const secret = pendingMfaEnrolment(user.id)!.secret;
    const code = async () => (await generateTOTP({ secret, ...TOTP })).otp;
    expect(await confirmMfaEnrolment(user.id, await code(), session.id, ctx)).not.toBeNull();
    // A code works once: the next one comes with the next 30-second step.
    vi.setSystemTime(Date.now() + TOTP.period * 1000);
    const res = await outcome<any>(async () =>
      accountPage.action({
        request: postRequest(
          "/account",
          { intent: "create-api-token", tokenName: "BI", expiresInDays: "30", scope: "program", confirmation: await code() },
          cookie,
        ),
        params: {},
        context: testContext,
      }),
    );
    expect(res.status).toBe(200);
    expect(tokensOf(user.id)).toHaveLength(1);
  });

  it("refuses no scope, an unknown scope, and an empty name, beside the field", async () => {
    const { user, cookie } = await executive();
    expect((await createForm(cookie, { scope: [] })).body.tokenErrors.scopes).toMatch(/at least one/);
    expect((await createForm(cookie, { scope: ["budget", "audit"] })).body.tokenErrors.scopes).toBeTruthy();
    expect((await createForm(cookie, { tokenName: "   " })).body.tokenErrors.tokenName).toMatch(/Name the token/);
    expect(tokensOf(user.id)).toHaveLength(0);
  });

  it("lets only roles granted read:api hold tokens: a board member sees no form and is refused", async () => {
    expect(scopesForRole("board")).toEqual([]);
    for (const role of ["admin", "ciso_office", "workstream_lead", "executive"] as const) expect(scopesForRole(role)).toEqual([...API_SCOPES]);
    const board = signedIn("board", { passwordHash: await hashPassword(PASSWORD) });
    const page = await outcome<any>(() => accountPage.loader({ request: getRequest("/account", board.cookie), params: {}, context: testContext }));
    expect(page.body.apiScopes).toEqual([]);
    const res = await createForm(board.cookie, { scope: ["board-reports"] });
    expect(res.status).toBe(403);
    expect(res.body.tokenErrors.form).toMatch(/may not use the API/);
    expect(() => createApiToken(board.user.id, { name: "x", scopes: ["board-reports"], expiresInDays: 90 }, { actorId: board.user.id })).toThrow(
      ApiTokenRefused,
    );
    expect(tokensOf(board.user.id)).toHaveLength(0);
  });
});

describe("using an API token", () => {
  it("every API route declares a scope and refuses a token without it (403 with the reason), and serves one with it", async () => {
    expect(apiRoutes.length).toBeGreaterThanOrEqual(7);
    const { user } = signedIn("executive");
    for (const { id, module } of apiRoutes) {
      const scope = module.access!.scope as ApiScope;
      expect(API_SCOPES, id).toContain(scope);
      const without = makeApiToken(user.id, { scopes: API_SCOPES.filter((s) => s !== scope) });
      const refused = await callApi(id, without.token);
      expect(refused.status, id).toBe(403);
      expect(refused.body.error, id).toContain(`"${scope}"`);
      expect(refused.headers.get("www-authenticate"), id).toContain('error="insufficient_scope"');
      const only = makeApiToken(user.id, { scopes: [scope] });
      const served = await callApi(id, only.token);
      expect([401, 403], id).not.toContain(served.status);
    }
  });

  it("refuses an expired token with 401 and says when it expired", async () => {
    const { user } = signedIn("executive");
    const expired = makeApiToken(user.id, { createdAt: "2026-01-01T00:00:00.000Z", expiresAt: "2026-03-31T12:00:00.000Z" });
    const res = await callApi("api.v1.program", expired.token);
    expect(res.status).toBe(401);
    expect(res.body.error).toMatch(/expired on 2026-03-31 12:00 UTC/);
    expect(res.headers.get("www-authenticate")).toContain('error="invalid_token"');
    const live = makeApiToken(user.id, { expiresAt: new Date(Date.now() + 60_000).toISOString() });
    expect((await callApi("api.v1.program", live.token)).status).toBe(200);
  });

  it("shows on /account when and from which address each token was last used", async () => {
    const { user, cookie } = signedIn("executive");
    const used = makeApiToken(user.id, { name: "used" });
    const unused = makeApiToken(user.id, { name: "unused" });
    const before = new Date().toISOString();
    expect((await callApi("api.v1.workstreams", used.token, "198.51.100.23")).status).toBe(200);
    const page = await outcome<any>(() => accountPage.loader({ request: getRequest("/account", cookie), params: {}, context: testContext }));
    const rows = page.body.apiTokens as Array<{ id: number; lastUsedAt: string | null; lastUsedIp: string | null; expiresAt: string; scopes: string[] }>;
    const usedRow = rows.find((r) => r.id === used.id)!;
    expect(usedRow.lastUsedIp).toBe("198.51.100.23");
    expect(usedRow.lastUsedAt! >= before).toBe(true);
    expect(usedRow.scopes).toEqual([...API_SCOPES]);
    expect(rows.find((r) => r.id === unused.id)).toMatchObject({ lastUsedAt: null, lastUsedIp: null });
    // A use from a new address is recorded at once, even within the minute.
    expect((await callApi("api.v1.workstreams", used.token, "203.0.113.9")).status).toBe(200);
    expect(tokensOf(user.id).find((r) => r.id === used.id)!.lastUsedIp).toBe("203.0.113.9");
  });
});
