import { describe, expect, it } from "vitest";
import { groupsFrom, identityFrom, providerAssertsMfa, roleForGroups } from "~/auth/oidc/claims";
import { localLoginMode, oidcSettings } from "~/auth/oidc/settings.server";
import { securityFindings } from "~/deployment/security-check.server";
import { loadEnv } from "~/env.server";
import { formatRoleMap, SsoRoleMapFormSchema } from "~/settings/sso-role-map";

const SSO = { OIDC_ISSUER: "https://login.corp.example/realms/main/", OIDC_CLIENT_ID: "rampart", OIDC_CLIENT_SECRET: "s3cret" };

describe("configuration", () => {
  it("changes nothing without OIDC settings: no provider, passwords for everyone", () => {
    const env = loadEnv({});
    expect(oidcSettings(env)).toBeNull();
    expect(localLoginMode(env)).toBe("all");
  });

  it("builds the redirect URI from APP_ORIGIN, never from a request", () => {
    const settings = oidcSettings(loadEnv({ ...SSO, APP_ORIGIN: "https://rampart.corp.example" }))!;
    expect(settings.redirectUri).toBe("https://rampart.corp.example/auth/oidc/callback");
    expect(settings.issuer).toBe("https://login.corp.example/realms/main");
    expect(settings.scopes).toBe("openid email profile");
    expect(settings.provision).toBe(true);
  });

  it("refuses half a configuration, passwords off without a provider, and scopes without openid", () => {
    expect(() => loadEnv({ OIDC_ISSUER: SSO.OIDC_ISSUER })).toThrow(/set all three/);
    expect(() => loadEnv({ LOCAL_LOGIN: "off" })).toThrow(/LOCAL_LOGIN: off needs single sign-on/);
    expect(() => loadEnv({ ...SSO, OIDC_SCOPES: "email profile" })).toThrow(/must include openid/);
    expect(() => loadEnv({ ...SSO, OIDC_ISSUER: "https://idp.example/?tenant=1" })).toThrow(/without \? or #/);
    expect(() => loadEnv({ ...SSO, LOCAL_LOGIN: "sometimes" })).toThrow(/LOCAL_LOGIN/);
  });
});

describe("claims", () => {
  it("reads groups as a list whatever shape the provider sends", () => {
    expect(groupsFrom(["a", "b"])).toEqual(["a", "b"]);
    expect(groupsFrom("a")).toEqual(["a"]);
    expect(groupsFrom(undefined)).toEqual([]);
    expect(groupsFrom([1, "", "x"])).toEqual(["x"]);
  });

  it("counts the provider's second factor from amr, or from an acr the administrator listed", () => {
    expect(providerAssertsMfa(["pwd", "mfa"], undefined, [])).toBe(true);
    expect(providerAssertsMfa(["hwk"], undefined, [])).toBe(true);
    expect(providerAssertsMfa(["otp"], undefined, [])).toBe(true);
    expect(providerAssertsMfa(["pwd"], undefined, [])).toBe(false);
    expect(providerAssertsMfa(undefined, "urn:okta:loa:2fa:any", ["urn:okta:loa:2fa:any"])).toBe(true);
    expect(providerAssertsMfa(undefined, "urn:okta:loa:1fa:any", ["urn:okta:loa:2fa:any"])).toBe(false);
  });

  it("takes the first rule that names one of the user's groups", () => {
    const map = {
      rules: [
        { group: "admins", role: "admin" as const },
        { group: "ciso", role: "ciso_office" as const },
      ],
    };
    expect(roleForGroups(map, ["ciso", "admins"])).toBe("admin");
    expect(roleForGroups(map, ["ciso"])).toBe("ciso_office");
    expect(roleForGroups(map, ["staff"])).toBeNull();
  });

  it("lower-cases the email and ignores one that is not an address", () => {
    const base = { iss: "https://i", sub: "s", exp: 2_000_000_000 };
    expect(identityFrom({ ...base, email: " Ann@Corp.Example " }, { rolesClaim: "groups", mfaAcr: [] }).email).toBe("ann@corp.example");
    expect(identityFrom({ ...base, email: "not an address" }, { rolesClaim: "groups", mfaAcr: [] }).email).toBeNull();
    expect(identityFrom({ ...base, roles: ["x"] }, { rolesClaim: "roles", mfaAcr: [] }).groups).toEqual(["x"]);
  });
});

describe("the group mapping as administrators type it", () => {
  it("accepts role names and labels, skips blank lines and comments, and round-trips", () => {
    const parsed = SsoRoleMapFormSchema.parse({ version: "3", rules: "# most privileged first\nrampart-admins = admin\n\nrampart-ciso = CISO office\n" });
    expect(parsed.rules).toEqual([
      { group: "rampart-admins", role: "admin" },
      { group: "rampart-ciso", role: "ciso_office" },
    ]);
    expect(formatRoleMap({ rules: parsed.rules })).toBe("rampart-admins = Administrator\nrampart-ciso = CISO office");
  });

  it("names each bad line by its number", () => {
    const result = SsoRoleMapFormSchema.safeParse({ version: "0", rules: "ok = executive\nno role here\nok = board\nx = superuser" });
    expect(result.success).toBe(false);
    const messages = result.error!.issues.map((i) => i.message);
    expect(messages).toEqual([expect.stringMatching(/^Line 2:/), expect.stringMatching(/^Line 3: ok is already mapped/), expect.stringMatching(/^Line 4:/)]);
  });
});

describe("security:check", () => {
  const findings = (env: Record<string, string>) => securityFindings(loadEnv(env), true).map((f) => `${f.level}:${f.id}`);

  it("calls a plain-HTTP provider on the network weak, and one on this machine fine", () => {
    expect(findings({ ...SSO, OIDC_ISSUER: "http://idp.corp.example" })).toContain("weak:oidc-http");
    expect(findings({ ...SSO, OIDC_ISSUER: "http://127.0.0.1:8080/realms/x" })).not.toContain("weak:oidc-http");
  });

  it("suggests keeping passwords for administrators once single sign-on is on", () => {
    expect(findings(SSO)).toContain("note:local-login");
    expect(findings({ ...SSO, LOCAL_LOGIN: "admins" })).not.toContain("note:local-login");
    expect(findings({})).not.toContain("note:local-login");
  });
});
