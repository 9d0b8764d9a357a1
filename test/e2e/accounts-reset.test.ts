import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { type Browser, logIn, openBrowser } from "./browser";

/**
 * The locked-out owner's journey in the browser, on an account of its own
 * (the demo accounts stay as they are): repeated wrong passwords are slowed
 * with a visible wait, an administrator sees the counters and issues a
 * password-reset link, and the link signs the owner in with a new password.
 */
describe("slowed sign-in and password reset in Chromium", () => {
  let admin: Browser;
  let owner: Browser;
  beforeAll(async () => {
    admin = await openBrowser();
    owner = await openBrowser();
  });
  afterAll(async () => {
    await admin.close();
    await owner.close();
  });

  it("slows wrong passwords with a visible wait, and a reset link from an administrator lets the owner in", { timeout: 120_000 }, async () => {
    const email = `reset-${Date.now()}@rampart-demo.example`;
    const password = "pebble saddle orchard 61";
    const newPassword = "lantern violet harbour 29";

    await logIn(admin.page, "admin");
    await admin.page.goto("/admin/users");
    const invite = admin.page.locator("form", { has: admin.page.locator('input[name="intent"][value="invite"]') });
    await invite.getByLabel("Name").fill("Riley Reset");
    await invite.getByLabel("Email").fill(email);
    await invite.getByLabel("Role").selectOption("executive");
    await invite.getByRole("button", { name: "Create invitation" }).click();
    const inviteLink = await admin.page.getByTestId("invitation").locator("input").inputValue();

    const { page } = owner;
    await page.goto(new URL(inviteLink).pathname + new URL(inviteLink).search);
    await page.getByLabel("New password", { exact: true }).fill(password);
    await page.getByLabel("New password again").fill(password);
    await page.getByRole("button", { name: "Set password" }).click();
    await page.waitForURL(/\/login/);

    // Wrong passwords until the form says to wait.
    // A click before the page hydrates is a plain form post, whose 429 answer is the error page (no form) rather
    // than the form with the wait beside it: both say to wait, so either ends the attempts.
    const waitPage = page.getByRole("heading", { name: "Too many attempts" });
    for (let i = 0; i < 8; i++) {
      await page.getByLabel("Email").or(waitPage).first().waitFor();
      if ((await waitPage.isVisible()) || (await page.getByText(/Too many attempts; try again in/).isVisible())) break;
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Password").fill(`not my password ${i}`);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByRole("alert").or(waitPage).first().waitFor();
    }
    await expect
      .poll(() =>
        page
          .getByText(/Too many attempts/)
          .first()
          .isVisible(),
      )
      .toBe(true);

    await admin.page.getByRole("link", { name: "Riley Reset", exact: true }).click();
    await admin.page.getByRole("heading", { name: "Sign-in protection" }).waitFor();
    await expect
      .poll(() =>
        admin.page
          .getByText(/Slowed until/)
          .first()
          .isVisible(),
      )
      .toBe(true);
    await admin.page.getByRole("button", { name: "Issue a password-reset link" }).click();
    const resetLink = await admin.page.getByLabel("Password-reset link").inputValue();
    expect(resetLink).toMatch(/\/reset-password\?token=[a-z2-7]+$/);

    await page.goto(new URL(resetLink).pathname + new URL(resetLink).search);
    await page.getByLabel("New password", { exact: true }).fill(newPassword);
    await page.getByLabel("New password again").fill(newPassword);
    await page.getByRole("button", { name: "Set password and sign in" }).click();
    await page.waitForURL(/\/inbox/);
    await page.locator("header a[href='/account']").waitFor();

    // The link is spent: a clear page, not an error.
    const again = await page.goto(new URL(resetLink).pathname + new URL(resetLink).search);
    expect(again?.status()).toBe(404);
    await expect.poll(() => page.getByText(/invalid, already used or expired/).isVisible()).toBe(true);
    expect(owner.cspViolations).toEqual([]);
    expect(admin.cspViolations).toEqual([]);
  });

  // Runs last in this file: it leaves this address slowed on /reset-password for a while.
  it("keeps Retry-After on the 429 pages a script or a browser without JavaScript receives", async () => {
    const base = inject("baseUrl");
    const headers = { "content-type": "application/x-www-form-urlencoded", origin: base };
    const body = new URLSearchParams({ email: `nobody-${Date.now()}@rampart-demo.example`, password: "not a password of anyone" });
    let res: Response | undefined;
    for (let i = 0; i < 10; i++) {
      res = await fetch(`${base}/login`, { method: "POST", body, headers, redirect: "manual" });
      if (res.status === 429) break;
    }
    expect(res?.status).toBe(429);
    expect(Number(res?.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await res?.text()).toMatch(/Too many attempts; try again in/);

    let link: Response | undefined;
    for (let i = 0; i < 12; i++) {
      link = await fetch(`${base}/reset-password?token=${"q".repeat(32)}`, { redirect: "manual" });
      if (link.status === 429) break;
    }
    expect(link?.status).toBe(429);
    expect(Number(link?.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(link?.headers.get("cache-control")).toBe("no-store");
  });
});
