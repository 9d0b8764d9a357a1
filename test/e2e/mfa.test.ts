import { generateTOTP } from "@epic-web/totp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Browser, logIn, openBrowser } from "./browser";

const step = () => Math.floor(Date.now() / 30_000);
const totp = async (secret: string) => (await generateTOTP({ secret, period: 30, digits: 6, algorithm: "SHA-1" })).otp;

/**
 * A whole identity journey in the browser on accounts of its own (so the
 * shared demo accounts stay password-only): an administrator invites a CISO
 * office user, who sets a password, enrols an authenticator, signs out, and
 * signs in again with the second factor.
 */
describe("invitation and MFA in Chromium", () => {
  let admin: Browser;
  let invitee: Browser;
  beforeAll(async () => {
    admin = await openBrowser();
    invitee = await openBrowser();
  });
  afterAll(async () => {
    await admin.close();
    await invitee.close();
  });

  it("invites, enrols TOTP and signs in with the code", { timeout: 120_000 }, async () => {
    const email = `mfa-${Date.now()}@rampart-demo.example`;
    const password = "lantern orchard copper violin";

    await logIn(admin.page, "admin");
    await admin.page.goto("/admin/users");
    const form = admin.page.locator("form", { has: admin.page.locator('input[name="intent"][value="invite"]') });
    await form.getByLabel("Name").fill("Morgan Okafor");
    await form.getByLabel("Email").fill(email);
    await form.getByLabel("Role").selectOption("ciso_office");
    await form.getByRole("button", { name: "Create invitation" }).click();
    const link = await admin.page.getByTestId("invitation").locator("input").inputValue();
    expect(link).toMatch(/\/invite\?token=/);

    const { page } = invitee;
    await page.goto(new URL(link).pathname + new URL(link).search);
    await page.getByLabel("New password", { exact: true }).fill(password);
    await page.getByLabel("New password again").fill(password);
    await page.getByRole("button", { name: "Set password" }).click();
    await page.waitForURL(/\/login/);

    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.locator("header a[href='/account']").waitFor();

    await page.goto("/account/mfa");
    await page.getByRole("button", { name: "Set up an authenticator app" }).click();
    const secret = ((await page.locator("code").first().textContent()) ?? "").replace(/\s+/g, "");
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    const enrolledAt = step();
    await page.getByLabel("Code").fill(await totp(secret));
    await page.getByRole("button", { name: "Turn on" }).click();
    await expect
      .poll(() =>
        page
          .getByText(/recovery codes/i)
          .first()
          .isVisible(),
      )
      .toBe(true);

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(/\/login/);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/login\/mfa/);
    expect((await page.goto("/dashboard"))?.url()).toMatch(/\/login\/mfa/);

    // A code works once: wait for the next 30-second step before using a fresh one.
    while (step() <= enrolledAt) await new Promise((r) => setTimeout(r, 500));
    await page.getByLabel("Code").fill(await totp(secret));
    await page.getByRole("button", { name: "Continue" }).click();
    // The CISO office lands on what waits on others (its home).
    await page.waitForURL(/\/waiting/);
    await page.locator("header a[href='/account']").waitFor();
    expect(invitee.cspViolations).toEqual([]);
    expect(admin.cspViolations).toEqual([]);
  });
});
