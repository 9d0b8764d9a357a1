import { generateTOTP } from "@epic-web/totp";
import { desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, users } from "#db/schema";
import { sealSecret } from "~/auth/secret-box.server";
import { getKeyring } from "~/auth/secret-keys.server";
import { mfaSecretBinding } from "~/auth/secrets-at-rest.server";
import { TOTP } from "~/auth/totp.server";
import { db } from "~/db.server";
import { action as loginAction, loader as loginLoader } from "~/routes/login";
import { action as mfaAction } from "~/routes/login_.mfa";
import { createUser } from "~/users/create-user.server";
import { args, getRequest, postRequest, settle } from "#test/support/requests";

// Single sign-on configured (the provider is never contacted by the password form) with passwords kept for administrators.
Object.assign(process.env, {
  OIDC_ISSUER: "https://login.corp.example/tenant",
  OIDC_CLIENT_ID: "rampart",
  OIDC_CLIENT_SECRET: "secret-for-local-login-tests",
  OIDC_NAME: "Contoso Okta",
  LOCAL_LOGIN: "admins",
});

const PASSWORD = "granite window seventeen 4410";
let totpSecret: string;

beforeAll(async () => {
  await createUser(db, { email: "exec@corp.example", name: "Exec", role: "executive", password: PASSWORD }, { actorId: null });
  const admin = await createUser(db, { email: "root@corp.example", name: "Break Glass", role: "admin", password: PASSWORD }, { actorId: null });
  totpSecret = (await generateTOTP()).secret;
  db.update(users)
    .set({ mfaSecret: sealSecret(getKeyring(), totpSecret, mfaSecretBinding(admin.id)), mfaEnabledAt: new Date().toISOString() })
    .where(eq(users.id, admin.id))
    .run();
});

const login = async (email: string, password = PASSWORD) =>
  (await settle(() => loginAction(args(postRequest("/login", { email, password })) as never))) as Response;

describe("LOCAL_LOGIN=admins", () => {
  it("shows the provider's button first and the password form as the administrators' way in", async () => {
    const data = (await loginLoader(args(getRequest("/login")) as never)) as { sso: { name: string } | null; localLogin: string };
    expect(data).toEqual({ sso: { name: "Contoso Okta" }, localLogin: "admins" });
  });

  it("refuses a non-administrator's password sign-in, even with the right password, and audits it", async () => {
    const res = await login("exec@corp.example");
    expect(res.status).toBe(403);
    expect(res.headers.get("set-cookie")).toBeNull();
    expect(JSON.stringify(await res.json())).toMatch(/Sign in with Contoso Okta: passwords are kept for administrators/);
    const event = db.select().from(auditEvents).where(eq(auditEvents.action, "auth.login_refused")).orderBy(desc(auditEvents.id)).get()!;
    expect(JSON.parse(event.after!)).toMatchObject({ reason: "local_login", mode: "admins" });
  });

  it("lets the break-glass administrator in with password and TOTP", async () => {
    const first = await login("root@corp.example");
    expect(first.status).toBe(302);
    expect(first.headers.get("location")).toMatch(/^\/login\/mfa/);
    const cookie = first.headers.get("set-cookie")!.split(";")[0]!;
    const code = (await generateTOTP({ secret: totpSecret, ...TOTP })).otp;
    const second = (await settle(() => mfaAction(args(postRequest("/login/mfa", { code }, cookie)) as never))) as Response;
    expect(second.status).toBe(302);
    expect(second.headers.get("set-cookie")).toMatch(/^rampart_session=[a-z2-7]{32};/);
  });

  it("gives a wrong password the usual answer, telling nothing about the account's role", async () => {
    const res = await login("exec@corp.example", "wrong password entirely 11");
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toMatch(/do not match an active account/);
  });
});
