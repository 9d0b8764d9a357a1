import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, sessions, users } from "#db/schema";
import { db } from "~/db.server";
import { loader as startLoader } from "~/routes/auth.oidc.login";
import { loader as callbackLoader } from "~/routes/auth.oidc.callback";
import { getSettingWithVersion } from "~/settings/settings.server";
import { saveSsoRoleMap } from "~/settings/sso-role-map.server";
import { type CraftToken, startHostileProvider } from "#test/support/hostile-provider";
import { args, getRequest, settle } from "#test/support/requests";

const provider = await startHostileProvider("rampart");
Object.assign(process.env, { OIDC_ISSUER: provider.issuer, OIDC_CLIENT_ID: "rampart", OIDC_CLIENT_SECRET: "hostile-test-secret" });
afterAll(() => provider.stop());

beforeAll(() => {
  saveSsoRoleMap(db, { actorId: null }, { rules: [{ group: "everyone", role: "executive" }] }, getSettingWithVersion(db, "sso_role_map").version);
});

/** A whole sign-in whose token answer is crafted; returns the callback's response and the audited refusal. */
async function signInWith(craft: CraftToken) {
  const start = (await settle(() => startLoader(args(getRequest("/auth/oidc/login")) as never))) as Response;
  const auth = new URL(start.headers.get("location")!);
  provider.expectNonce(auth.searchParams.get("nonce")!);
  provider.answerWith(craft);
  const flowCookie = start.headers.getSetCookie()[0]!.split(";")[0]!;
  const callback = `http://localhost:3000/auth/oidc/callback?code=code-123&state=${auth.searchParams.get("state")}`;
  const response = (await settle(() => callbackLoader(args(new Request(callback, { headers: { cookie: flowCookie } })) as never))) as Response;
  const refusal = db.select().from(auditEvents).where(eq(auditEvents.action, "auth.sso_refused")).orderBy(desc(auditEvents.id)).limit(1).get();
  return { response, refusal: refusal ? JSON.parse(refusal.after!) : null };
}

let n = 0;
/** Each refused token names a new person, so "nobody was signed in" is checked against someone who never existed. */
const withGroups = (claims: Record<string, unknown>) => ({ ...claims, groups: ["everyone"], sub: `sub-${++n}`, email: `intruder${n}@corp.example` });

describe("the ID token is verified before anyone is signed in", () => {
  it("accepts a correct token (so the refusals below are about the one thing each changes)", async () => {
    const { response } = await signInWith((d) => ({ claims: { ...d, groups: ["everyone"] } }));
    expect(response.status).toBe(302);
    expect(db.select().from(users).where(eq(users.email, "mallory@corp.example")).get()).toBeDefined();
  });

  const cases: Array<[string, CraftToken, RegExp]> = [
    ["from another issuer", (d) => ({ claims: withGroups({ ...d, iss: "https://login.evil.example" }) }), /iss/],
    ["for another audience", (d) => ({ claims: withGroups({ ...d, aud: "some-other-app" }) }), /aud/],
    ["that has expired", (d) => ({ claims: withGroups({ ...d, iat: Number(d.iat) - 7200, exp: Number(d.iat) - 3600 }) }), /exp/],
    ["with another sign-in's nonce", (d) => ({ claims: withGroups({ ...d, nonce: "replayed-from-another-sign-in-0000000000000" }) }), /nonce/],
    ["signed with a key the provider does not publish", (d) => ({ claims: withGroups(d), signWithOtherKey: true }), /signature/i],
  ];
  for (const [what, craft, check] of cases) {
    it(`refuses an ID token ${what}, with a clear page and an audit event`, async () => {
      const { response, refusal } = await signInWith(craft);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { message: string }).message).toMatch(/could not be verified/);
      expect(refusal).toMatchObject({ reason: "token" });
      expect(refusal.detail).toMatch(check);
      const sessionsBefore = db.select().from(sessions).all().length;
      expect(
        db
          .select()
          .from(users)
          .where(eq(users.email, `intruder${n}@corp.example`))
          .get(),
      ).toBeUndefined();
      expect(db.select().from(sessions).all()).toHaveLength(sessionsBefore);
    });
  }
});
