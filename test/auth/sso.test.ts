import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { apiTokens, auditEvents, oidcSignIns, sessions, settingHistory, users } from "#db/schema";
import { validateSessionToken } from "~/auth/session.server";
import { db } from "~/db.server";
import { loader as startLoader } from "~/routes/auth.oidc.login";
import { loader as callbackLoader } from "~/routes/auth.oidc.callback";
import { action as linkAction, loader as linkLoader } from "~/routes/auth.oidc.link";
import { action as logoutAction } from "~/routes/logout";
import { loader as loginLoader } from "~/routes/login";
import { getSettingWithVersion } from "~/settings/settings.server";
import { saveSsoRoleMap } from "~/settings/sso-role-map.server";
import { createUser } from "~/users/create-user.server";
import { makeApiToken } from "#test/support/api-token-factories";
import { makeUser } from "#test/support/factories";
import { startTestProvider, type Login } from "#test/support/oidc-provider";
import { args, getRequest, postRequest, settle } from "#test/support/requests";

// The app's public origin in tests is http://localhost:3000 (no APP_ORIGIN, PORT 3000): that is what the provider has registered.
const provider = await startTestProvider({
  redirectUris: ["http://localhost:3000/auth/oidc/callback"],
  postLogoutRedirectUris: ["http://localhost:3000/login"],
});
Object.assign(process.env, {
  OIDC_ISSUER: provider.issuer,
  OIDC_CLIENT_ID: provider.clientId,
  OIDC_CLIENT_SECRET: provider.clientSecret,
  OIDC_NAME: "Contoso Entra ID",
});
afterAll(() => provider.stop());

function mapGroups(rules: Array<{ group: string; role: "admin" | "ciso_office" | "workstream_lead" | "executive" | "board" }>) {
  saveSsoRoleMap(db, { actorId: null }, { rules }, getSettingWithVersion(db, "sso_role_map").version);
}

const cookiePair = (setCookie: string) => setCookie.split(";")[0]!;
const setCookies = (res: Response) => res.headers.getSetCookie();
const sessionCookieOf = (res: Response) =>
  setCookies(res)
    .map(cookiePair)
    .find((c) => c.startsWith("rampart_session=") && c.length > 20) ?? null;

/** Starts at /auth/oidc/login as a browser would, lets the provider sign `login` in, and returns the callback's request and answer. */
async function signIn(login: Login, path = "/auth/oidc/login") {
  provider.signInAs(login);
  const start = (await settle(() => startLoader(args(getRequest(path)) as never))) as Response;
  expect(start.status).toBe(302);
  const flowCookie = cookiePair(setCookies(start).find((c) => c.startsWith("rampart_oidc="))!);
  const callbackUrl = await provider.authorize(start.headers.get("location")!);
  const request = () => new Request(callbackUrl.href, { headers: { cookie: flowCookie } });
  const response = (await settle(() => callbackLoader(args(request()) as never))) as Response;
  return { start, callbackUrl, flowCookie, request, response };
}

const lastAudit = (action: string) => db.select().from(auditEvents).where(eq(auditEvents.action, action)).orderBy(desc(auditEvents.id)).limit(1).get();
const userByEmail = (email: string) => db.select().from(users).where(eq(users.email, email)).get();

beforeEach(() => {
  mapGroups([
    { group: "rampart-admins", role: "admin" },
    { group: "rampart-ciso", role: "ciso_office" },
    { group: "rampart-exec", role: "executive" },
  ]);
});

describe("the sign-in page", () => {
  it("offers the provider first, and keeps the password form for everyone by default", async () => {
    const data = (await loginLoader(args(getRequest("/login")) as never)) as { sso: { name: string } | null; localLogin: string };
    expect(data.sso).toEqual({ name: "Contoso Entra ID" });
    expect(data.localLogin).toBe("all");
  });

  it("asks the provider for the code flow with PKCE (S256), state and nonce, and only for the registered redirect URI", async () => {
    const start = (await settle(() => startLoader(args(getRequest("/auth/oidc/login")) as never))) as Response;
    const url = new URL(start.headers.get("location")!);
    expect(url.origin).toBe(provider.issuer);
    expect(url.searchParams.get("response_type")).toBe("code");
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    expect(url.searchParams.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get("state")).toMatch(/^[A-Za-z0-9_-]{43,}$/);
    expect(url.searchParams.get("nonce")).toMatch(/^[A-Za-z0-9_-]{43,}$/);
    expect(url.searchParams.get("redirect_uri")).toBe("http://localhost:3000/auth/oidc/callback");
    expect(url.searchParams.get("scope")).toBe("openid email profile");
    const cookie = setCookies(start).find((c) => c.startsWith("rampart_oidc="))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Path=\/auth\/oidc/);
    // The database holds the state's hash, never the state or the PKCE verifier.
    const stored = db.select().from(oidcSignIns).all();
    expect(stored.some((r) => r.stateHash === url.searchParams.get("state"))).toBe(false);
    expect(JSON.stringify(stored)).not.toContain(cookiePair(cookie).split(".")[1]);
  });
});

describe("first sign-in", () => {
  it("provisions the account with the role its group maps to, and audits it", async () => {
    provider.accounts.set("sub-alice", { email: "Alice@Corp.example", name: "Alice Ng", groups: ["staff", "rampart-exec"] });
    const { response } = await signIn({ accountId: "sub-alice", amr: ["pwd", "mfa"] }, "/auth/oidc/login?redirectTo=%2Frisks");
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/risks");
    const alice = userByEmail("alice@corp.example")!;
    expect(alice).toMatchObject({ name: "Alice Ng", role: "executive", oidcIssuer: provider.issuer, oidcSubject: "sub-alice", passwordHash: null });
    const token = sessionCookieOf(response)!.split("=")[1]!;
    const found = validateSessionToken(token)!;
    expect(found.user.id).toBe(alice.id);
    expect(found.session).toMatchObject({ authMethod: "oidc", providerMfa: true, mfaVerified: true });
    // The session ends no later than the provider's ID token (an hour here), not after our own seven days.
    expect(Date.parse(found.session.absoluteExpiresAt)).toBeLessThanOrEqual(Date.now() + 3600_000 + 5_000);
    expect(JSON.parse(lastAudit("user.create")!.after!)).toMatchObject({ email: "alice@corp.example", role: "executive", source: "sso" });
    expect(lastAudit("auth.login")!.entityId).toBe(String(alice.id));
    // The flow cookie is cleared once used.
    expect(setCookies(response).some((c) => /^rampart_oidc=;.*Max-Age=0/.test(c))).toBe(true);
  });

  it("refuses someone whose groups map to no role, with a clear page and an audit event, and creates nothing", async () => {
    provider.accounts.set("sub-visitor", { email: "visitor@corp.example", groups: ["staff"] });
    const { response } = await signIn({ accountId: "sub-visitor" });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { message: string }).message).toMatch(/not in a group that gives access to Rampart/);
    expect(userByEmail("visitor@corp.example")).toBeUndefined();
    expect(JSON.parse(lastAudit("auth.sso_refused")!.after!)).toMatchObject({ reason: "no_role", subject: "sub-visitor" });
  });
});

describe("later sign-ins follow the directory", () => {
  it("a changed group changes the role at the next sign-in and ends what the old role was granted", async () => {
    provider.accounts.set("sub-bob", { email: "bob@corp.example", name: "Bob", groups: ["rampart-exec"] });
    const first = await signIn({ accountId: "sub-bob", amr: ["mfa"] });
    const oldToken = sessionCookieOf(first.response)!.split("=")[1]!;
    const bob = userByEmail("bob@corp.example")!;
    const apiToken = makeApiToken(bob.id);
    provider.accounts.set("sub-bob", { email: "bob@corp.example", name: "Bob", groups: ["rampart-ciso", "rampart-exec"] });
    const second = await signIn({ accountId: "sub-bob", amr: ["mfa"] });
    expect(second.response.status).toBe(302);
    expect(userByEmail("bob@corp.example")!.role).toBe("ciso_office");
    expect(validateSessionToken(oldToken)).toBeNull();
    expect(db.select().from(apiTokens).where(eq(apiTokens.id, apiToken.id)).get()!.revokedReason).toBe("role_change");
    expect(JSON.parse(lastAudit("user.role_change")!.after!)).toMatchObject({ role: "ciso_office", source: "sso" });
    expect(validateSessionToken(sessionCookieOf(second.response)!.split("=")[1]!)!.user.role).toBe("ciso_office");
  });

  it("a removed group refuses the sign-in and revokes the user's sessions and API tokens", async () => {
    provider.accounts.set("sub-carol", { email: "carol@corp.example", groups: ["rampart-exec"] });
    const first = await signIn({ accountId: "sub-carol", amr: ["mfa"] });
    const carol = userByEmail("carol@corp.example")!;
    const apiToken = makeApiToken(carol.id);
    provider.accounts.set("sub-carol", { email: "carol@corp.example", groups: [] });
    const second = await signIn({ accountId: "sub-carol", amr: ["mfa"] });
    expect(second.response.status).toBe(403);
    expect(validateSessionToken(sessionCookieOf(first.response)!.split("=")[1]!)).toBeNull();
    expect(db.select().from(sessions).where(eq(sessions.userId, carol.id)).all()).toHaveLength(0);
    expect(db.select().from(apiTokens).where(eq(apiTokens.id, apiToken.id)).get()).toMatchObject({ revokedReason: "sso_access_removed" });
    expect(lastAudit("auth.sso_access_removed")!.entityId).toBe(String(carol.id));
    expect(JSON.parse(lastAudit("auth.sso_refused")!.after!)).toMatchObject({ reason: "no_role" });
  });

  it("a deactivated account is refused even with the right group", async () => {
    provider.accounts.set("sub-dave", { email: "dave@corp.example", groups: ["rampart-exec"] });
    await signIn({ accountId: "sub-dave", amr: ["mfa"] });
    db.update(users).set({ active: false }).where(eq(users.email, "dave@corp.example")).run();
    const { response } = await signIn({ accountId: "sub-dave", amr: ["mfa"] });
    expect(response.status).toBe(403);
    expect(JSON.parse(lastAudit("auth.sso_refused")!.after!)).toMatchObject({ reason: "inactive" });
  });
});

describe("second factor", () => {
  it("without the provider asserting MFA, a user who enrolled Rampart's TOTP is asked for it next", async () => {
    makeUser({ email: "erin@corp.example", role: "executive", oidcIssuer: provider.issuer, oidcSubject: "sub-erin", mfaEnabledAt: new Date().toISOString() });
    provider.accounts.set("sub-erin", { email: "erin@corp.example", groups: ["rampart-exec"] });
    const { response } = await signIn({ accountId: "sub-erin", amr: ["pwd"] });
    expect(response.headers.get("location")).toMatch(/^\/login\/mfa\?redirectTo=/);
    const session = validateSessionToken(sessionCookieOf(response)!.split("=")[1]!)!.session;
    expect(session).toMatchObject({ mfaVerified: false, providerMfa: false, authMethod: "oidc" });
  });
});

describe("existing accounts", () => {
  it("an account with a password is linked only after that password is given once, keeping the same account", async () => {
    const password = "tidal orchard lantern 2291";
    const frank = await createUser(db, { email: "frank@corp.example", name: "Frank", role: "workstream_lead", password }, { actorId: null });
    provider.accounts.set("sub-frank", { email: "frank@corp.example", groups: ["rampart-exec"] });
    const { response } = await signIn({ accountId: "sub-frank", amr: ["mfa"] });
    expect(response.headers.get("location")).toBe("/auth/oidc/link");
    const linkCookie = cookiePair(setCookies(response).find((c) => c.startsWith("rampart_oidc_link="))!);
    expect(userByEmail("frank@corp.example")!.oidcSubject).toBeNull();
    const page = (await linkLoader(args(getRequest("/auth/oidc/link", linkCookie)) as never)) as { email: string };
    expect(page.email).toBe("frank@corp.example");

    const wrong = (await settle(() => linkAction(args(postRequest("/auth/oidc/link", { password: "not it at all 1234" }, linkCookie)) as never))) as Response;
    expect(wrong.status).toBe(400);
    expect(userByEmail("frank@corp.example")!.oidcSubject).toBeNull();

    const right = (await settle(() => linkAction(args(postRequest("/auth/oidc/link", { password }, linkCookie)) as never))) as Response;
    expect(right.status).toBe(302);
    const linked = userByEmail("frank@corp.example")!;
    expect(linked).toMatchObject({ id: frank.id, oidcSubject: "sub-frank", role: "executive" });
    expect(sessionCookieOf(right)).not.toBeNull();
    expect(lastAudit("auth.sso_linked")!.entityId).toBe(String(frank.id));
    // The pending link is used up.
    const again = (await settle(() => linkLoader(args(getRequest("/auth/oidc/link", linkCookie)) as never))) as Response;
    expect(again.status).toBe(400);
  });

  it("an invited account that never set a password is linked at once", async () => {
    const grace = makeUser({ email: "grace@corp.example", role: "board" });
    provider.accounts.set("sub-grace", { email: "grace@corp.example", groups: ["rampart-exec"] });
    const { response } = await signIn({ accountId: "sub-grace", amr: ["mfa"] });
    expect(response.status).toBe(302);
    expect(userByEmail("grace@corp.example")).toMatchObject({ id: grace.id, oidcSubject: "sub-grace", role: "executive" });
  });
});

describe("forged and replayed answers", () => {
  it("refuses a forged state with a clear page and an audit event", async () => {
    provider.accounts.set("sub-henry", { email: "henry@corp.example", groups: ["rampart-exec"] });
    provider.signInAs({ accountId: "sub-henry", amr: ["mfa"] });
    const start = (await settle(() => startLoader(args(getRequest("/auth/oidc/login")) as never))) as Response;
    const flowCookie = cookiePair(setCookies(start).find((c) => c.startsWith("rampart_oidc="))!);
    const callbackUrl = await provider.authorize(start.headers.get("location")!);
    callbackUrl.searchParams.set("state", "forged-state-forged-state-forged-state-0000");
    const res = (await settle(() => callbackLoader(args(new Request(callbackUrl.href, { headers: { cookie: flowCookie } })) as never))) as Response;
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toMatch(/did not start in this browser/);
    expect(JSON.parse(lastAudit("auth.sso_refused")!.after!)).toMatchObject({ reason: "state" });
    expect(userByEmail("henry@corp.example")).toBeUndefined();
  });

  it("refuses a callback arriving in a browser that did not start the sign-in (no cookie)", async () => {
    provider.accounts.set("sub-ivy", { email: "ivy@corp.example", groups: ["rampart-exec"] });
    const { callbackUrl } = await signIn({ accountId: "sub-ivy", amr: ["mfa"] });
    const res = (await settle(() => callbackLoader(args(new Request(callbackUrl.href)) as never))) as Response;
    expect(res.status).toBe(400);
    expect(JSON.parse(lastAudit("auth.sso_refused")!.after!)).toMatchObject({ reason: "state" });
  });

  it("refuses a replayed code", async () => {
    provider.accounts.set("sub-jack", { email: "jack@corp.example", groups: ["rampart-exec"] });
    const { request, response } = await signIn({ accountId: "sub-jack", amr: ["mfa"] });
    expect(response.status).toBe(302);
    const sessionsBefore = db.select().from(sessions).all().length;
    const replay = (await settle(() => callbackLoader(args(request()) as never))) as Response;
    expect(replay.status).toBe(400);
    expect(((await replay.json()) as { message: string }).message).toMatch(/already used or has expired/);
    expect(JSON.parse(lastAudit("auth.sso_refused")!.after!)).toMatchObject({ reason: "replayed_or_expired" });
    expect(db.select().from(sessions).all()).toHaveLength(sessionsBefore);
  });

  it("refuses an ID token whose nonce is not the one this sign-in sent", async () => {
    provider.accounts.set("sub-kim", { email: "kim@corp.example", groups: ["rampart-exec"] });
    provider.signInAs({ accountId: "sub-kim", amr: ["mfa"] });
    const start = (await settle(() => startLoader(args(getRequest("/auth/oidc/login")) as never))) as Response;
    const flowCookie = cookiePair(setCookies(start).find((c) => c.startsWith("rampart_oidc="))!);
    // The stored expectation changes; the provider still puts the original nonce in the token.
    db.update(oidcSignIns).set({ nonce: "a-different-nonce-than-the-one-sent-00000000" }).run();
    const callbackUrl = await provider.authorize(start.headers.get("location")!);
    const res = (await settle(() => callbackLoader(args(new Request(callbackUrl.href, { headers: { cookie: flowCookie } })) as never))) as Response;
    expect(res.status).toBe(400);
    const refusal = JSON.parse(lastAudit("auth.sso_refused")!.after!);
    expect(refusal.reason).toBe("token");
    expect(refusal.detail).toMatch(/nonce/i);
    expect(userByEmail("kim@corp.example")).toBeUndefined();
  });

  it("refuses the provider's error answer (the user cancelled) with the provider's reason in the audit trail", async () => {
    const start = (await settle(() => startLoader(args(getRequest("/auth/oidc/login")) as never))) as Response;
    const flowCookie = cookiePair(setCookies(start).find((c) => c.startsWith("rampart_oidc="))!);
    const state = new URL(start.headers.get("location")!).searchParams.get("state")!;
    const url = `http://localhost:3000/auth/oidc/callback?error=access_denied&error_description=User+cancelled&state=${state}`;
    const res = (await settle(() => callbackLoader(args(new Request(url, { headers: { cookie: flowCookie } })) as never))) as Response;
    expect(res.status).toBe(400);
    expect(JSON.parse(lastAudit("auth.sso_refused")!.after!)).toMatchObject({ reason: "provider_error", detail: "access_denied: User cancelled" });
  });
});

describe("signing out", () => {
  it("ends the Rampart session and sends the browser to the provider's end-session endpoint", async () => {
    provider.accounts.set("sub-lee", { email: "lee@corp.example", groups: ["rampart-exec"] });
    const { response } = await signIn({ accountId: "sub-lee", amr: ["mfa"] });
    const cookie = sessionCookieOf(response)!;
    const out = (await settle(() => logoutAction(args(postRequest("/logout", {}, cookie)) as never))) as Response;
    const target = new URL(out.headers.get("location")!);
    expect(target.origin).toBe(provider.issuer);
    expect(target.searchParams.get("post_logout_redirect_uri")).toBe("http://localhost:3000/login");
    expect(target.searchParams.get("client_id")).toBe(provider.clientId);
    expect(validateSessionToken(cookie.split("=")[1]!)).toBeNull();
  });
});

describe("the group mapping", () => {
  it("keeps its history in setting_history", () => {
    mapGroups([{ group: "rampart-board", role: "board" }]);
    const versions = db
      .select()
      .from(settingHistory)
      .where(and(eq(settingHistory.key, "sso_role_map")))
      .all();
    expect(versions.length).toBeGreaterThanOrEqual(2);
    expect(versions.filter((v) => v.validTo === null)).toHaveLength(1);
    expect(JSON.parse(versions.find((v) => v.validTo === null)!.value)).toEqual({ rules: [{ group: "rampart-board", role: "board" }] });
  });
});
