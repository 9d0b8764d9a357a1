import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type Browser, credentialFor, logIn, openBrowser } from "./browser";

/**
 * An executive creates a scoped API token on /account, confirming with their
 * password, uses it from outside the browser, and sees where it was used.
 */
describe("API tokens in Chromium", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  it("creates a token for one area after the password, and shows its last use", { timeout: 90_000 }, async () => {
    const { page } = browser;
    await logIn(page, "executive");
    await page.goto("/account");
    const form = page.locator("form", { has: page.locator('input[name="intent"][value="create-api-token"]') });

    await form.getByLabel("Token name").fill("Power BI");
    await form.getByLabel(/Programme status/).check();
    await form.getByLabel("Your password").fill("not the password at all");
    await form.getByRole("button", { name: "Create token" }).click();
    await expect.poll(() => page.getByText("That is neither your password nor a current authenticator code.").isVisible()).toBe(true);

    await form.getByLabel("Token name").fill("Power BI");
    await form.getByLabel(/Programme status/).check();
    await form.getByLabel("Your password").fill(credentialFor("executive").password);
    await form.getByRole("button", { name: "Create token" }).click();
    const token = ((await page.getByTestId("new-api-token").textContent()) ?? "").trim();
    expect(token).toMatch(/^rmp_[a-z2-7]+$/);

    const api = (path: string) => fetch(`${inject("baseUrl")}${path}`, { headers: { authorization: `Bearer ${token}` } });
    expect((await api("/api/v1/program")).status).toBe(200);
    const refused = await api("/api/v1/budget");
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: string }).error).toContain('"budget"');

    await page.goto("/account");
    const row = page.locator("tr", { hasText: "Power BI" });
    await expect.poll(() => row.getByTestId("token-last-used").textContent()).toContain("from 127.0.0.1");
    expect(await row.textContent()).toContain("program");
    expect(browser.cspViolations).toEqual([]);
  });
});
