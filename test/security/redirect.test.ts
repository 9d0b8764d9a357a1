import { generateTOTP } from "@epic-web/totp";
import { describe, expect, it } from "vitest";
import { hashPassword } from "~/auth/password.server";
import { homePathFor } from "~/auth/permissions";
import { TOTP } from "~/auth/totp.server";
import * as mfaPage from "~/routes/account.mfa";
import * as loginPage from "~/routes/login";
import * as loginMfaPage from "~/routes/login_.mfa";
import { safeRedirect } from "~/utils/redirect";
import { outcome } from "#test/admin/outcome";
import { makeUser, signedIn } from "#test/support/factories";
import { args, getRequest, postRequest } from "#test/support/requests";

const ORIGIN = "http://localhost:3000";
const HOME = "/home-fallback";
const PASSWORD = "correct horse battery staple";

// Finding 1 of the penetration test, and its neighbours: every one must fall back to the home page.
const HOSTILE: Array<[string, string]> = [
  ["tab then slash (the reported %2F%09%2Fevil.example)", "/\t/evil.example"],
  ["tab then backslash (%2F%09%5Cevil.example)", "/\t\\evil.example"],
  ["line feed", "/\n/evil.example"],
  ["carriage return", "/\r/evil.example"],
  ["vertical tab", "/\v/evil.example"],
  ["NUL", "/\0/evil.example"],
  ["ideographic space U+3000", "/\u3000/evil.example"],
  ["no-break space", "/\u00a0/evil.example"],
  ["line separator U+2028", "/\u2028/evil.example"],
  ["zero-width space", "/\u200b/evil.example"],
  ["BOM", "/\ufeff/evil.example"],
  ["DEL", "/\u007f/evil.example"],
  ["plain space", "/ /evil.example"],
  ["protocol-relative", "//evil.example"],
  ["backslash", "/\\evil.example"],
  ["backslash later in the path", "/ok\\..\\\\evil.example"],
  ["absolute URL", "https://evil.example/"],
  ["javascript: URL", "javascript:alert(1)"],
  ["relative path", "evil.example"],
  ["dot segment that leaves a double slash", "/.//evil.example"],
  ["encoded dot segments", "/%2e%2e//evil.example"],
  ["empty", ""],
];

function isSameOriginPath(location: string | null): boolean {
  if (!location || !location.startsWith("/") || location.startsWith("//")) return false;
  // eslint-disable-next-line no-control-regex -- any control or space character in a Location is a failure
  if (/[\u0000-\u0020\u007f-\u00a0\u3000\\]/.test(location)) return false;
  return new URL(location, ORIGIN).origin === ORIGIN;
}

describe("safeRedirect", () => {
  it.each(HOSTILE)("refuses %s", (_name, target) => {
    expect(safeRedirect(target, HOME)).toBe(HOME);
  });

  it("refuses non-strings and overlong targets", () => {
    expect(safeRedirect(undefined, HOME)).toBe(HOME);
    expect(safeRedirect(["/dashboard"], HOME)).toBe(HOME);
    expect(safeRedirect(`/${"a".repeat(5000)}`, HOME)).toBe(HOME);
  });

  it("keeps same-origin paths with their query and fragment", () => {
    expect(safeRedirect("/dashboard", HOME)).toBe("/dashboard");
    expect(safeRedirect("/milestones?status=late&ws=WS-01#top", HOME)).toBe("/milestones?status=late&ws=WS-01#top");
    expect(safeRedirect("/risks/R-001/edit", HOME)).toBe("/risks/R-001/edit");
  });

  it("returns the resolved path, so dot segments stay inside the site", () => {
    expect(safeRedirect("/a/../dashboard", HOME)).toBe("/dashboard");
  });
});

describe("/login with a hostile redirectTo", () => {
  it.each(HOSTILE)("signs in and sends a user without MFA home for %s", async (_name, target) => {
    const user = makeUser({ role: "executive", passwordHash: await hashPassword(PASSWORD) });
    const res = await outcome(() => loginPage.action(args(postRequest("/login", { email: user.email, password: PASSWORD, redirectTo: target }))));
    expect(res.status).toBe(302);
    expect(res.location).toBe(homePathFor("executive"));
  });

  it("signs in with an overlong redirectTo and goes home", async () => {
    const user = makeUser({ role: "executive", passwordHash: await hashPassword(PASSWORD) });
    const res = await outcome(() =>
      loginPage.action(args(postRequest("/login", { email: user.email, password: PASSWORD, redirectTo: `/${"a".repeat(5000)}` }))),
    );
    expect(res).toMatchObject({ status: 302, location: homePathFor("executive") });
  });

  it.each(HOSTILE)("sends an already signed-in user home for %s", async (_name, target) => {
    const { cookie } = signedIn("ciso_office");
    const res = await outcome(() => loginPage.loader(args(getRequest(`/login?redirectTo=${encodeURIComponent(target)}`, cookie))));
    expect(res.status).toBe(302);
    expect(res.location).toBe(homePathFor("ciso_office"));
  });

  it("follows a same-origin redirectTo for an already signed-in user", async () => {
    const { cookie } = signedIn("executive");
    const res = await outcome(() => loginPage.loader(args(getRequest("/login?redirectTo=%2Frisks%3Fscore%3Dhigh", cookie))));
    expect(res).toMatchObject({ status: 302, location: "/risks?score=high" });
  });

  it("answers the pen-test URLs, encoded as sent, with a same-origin Location", async () => {
    const { cookie } = signedIn("executive");
    for (const query of ["%2F%09%2Fevil.example", "%2F%09%5Cevil.example", "%2F%0A%2Fevil.example", "%2F%00x", "%2F%E3%80%80%2Fevil.example"]) {
      const res = await outcome(() => loginPage.loader(args(getRequest(`/login?redirectTo=${query}`, cookie))));
      expect(res.status).toBe(302);
      expect(isSameOriginPath(res.location), `${query} → ${res.location}`).toBe(true);
    }
  });
});

/** A user with MFA on, enrolled through the account page, and their recovery codes (one sign-in each). */
async function enrolledUser() {
  const { user, cookie } = signedIn("executive", { passwordHash: await hashPassword(PASSWORD) });
  await outcome(() => mfaPage.action(args(postRequest("/account/mfa", { intent: "start" }, cookie))));
  const pending = await outcome<{ secret: string }>(() => mfaPage.loader(args(getRequest("/account/mfa", cookie))));
  const { otp } = await generateTOTP({ secret: pending.body.secret.replace(/\s/g, ""), ...TOTP });
  const confirmed = await outcome<{ recoveryCodes: string[] }>(() =>
    mfaPage.action(args(postRequest("/account/mfa", { intent: "confirm", code: otp }, cookie))),
  );
  expect(confirmed.body.recoveryCodes).toHaveLength(10);
  return { user, recoveryCodes: [...confirmed.body.recoveryCodes] };
}

async function passwordStep(email: string, redirectTo: string) {
  const res = await outcome(() => loginPage.action(args(postRequest("/login", { email, password: PASSWORD, redirectTo }))));
  expect(res.status).toBe(302);
  const cookie = res.headers.getSetCookie()[0]!.split(";")[0]!;
  return { cookie, location: res.location };
}

describe("/login/mfa with a hostile redirectTo", () => {
  it("passes only a safe target on from the password step", async () => {
    const { user } = await enrolledUser();
    const { location } = await passwordStep(user.email, "/\t/evil.example");
    expect(location).toBe(`/login/mfa?redirectTo=${encodeURIComponent(homePathFor("executive"))}`);
  });

  it("completes sign-in and sends the user home for hostile targets posted with the code", async () => {
    const { user, recoveryCodes } = await enrolledUser();
    for (const target of [
      "/\t/evil.example",
      "/\t\\evil.example",
      "/\n/evil.example",
      "/\r/evil.example",
      "/\v/evil.example",
      "/\0/evil.example",
      "/\u3000/evil.example",
    ]) {
      const { cookie } = await passwordStep(user.email, "/dashboard");
      const res = await outcome(() => loginMfaPage.action(args(postRequest("/login/mfa", { code: recoveryCodes.pop()!, redirectTo: target }, cookie))));
      expect(res.status, JSON.stringify(target)).toBe(302);
      expect(res.location).toBe(homePathFor("executive"));
    }
  });

  it("sends a verified session home for the reported GET /login/mfa?redirectTo=%2F%09%2Fevil.example and its variants", async () => {
    const { cookie } = signedIn("executive");
    for (const query of [
      "%2F%09%2Fevil.example",
      "%2F%09%5Cevil.example",
      "%2F%0D%2Fevil.example",
      "%2F%0B%2Fevil.example",
      "%2F%00%2Fevil.example",
      "%2F%E3%80%80%2Fevil.example",
    ]) {
      const res = await outcome(() => loginMfaPage.loader(args(getRequest(`/login/mfa?redirectTo=${query}`, cookie))));
      expect(res.status).toBe(302);
      expect(res.location).toBe(homePathFor("executive"));
    }
  });

  it("follows a same-origin target after the second factor", async () => {
    const { user, recoveryCodes } = await enrolledUser();
    const { cookie } = await passwordStep(user.email, "/dashboard");
    const res = await outcome(() => loginMfaPage.action(args(postRequest("/login/mfa", { code: recoveryCodes[0]!, redirectTo: "/risks" }, cookie))));
    expect(res).toMatchObject({ status: 302, location: "/risks" });
  });
});
