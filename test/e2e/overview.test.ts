import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Browser, logIn, openBrowser } from "./browser";

describe("programme overview in Chromium", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  it("sends an anonymous visitor to the log-in page", async () => {
    await browser.page.goto("/dashboard");
    expect(new URL(browser.page.url()).pathname).toBe("/login");
  });

  it("shows the demo programme's workstreams to an executive", async () => {
    const { page } = browser;
    await logIn(page, "executive");
    await page.goto("/dashboard");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toMatch(/Transformation/);
    const rows = page.locator("tbody tr");
    expect(await rows.count()).toBeGreaterThanOrEqual(8);
    await expect.poll(() => page.getByTestId("workstream-WS-01").textContent()).toMatch(/WS-01/);
    expect(await page.getByTestId("total-spend").textContent()).toMatch(/^\$\d{1,3}(,\d{3})+$/);
    expect(browser.cspViolations).toEqual([]);
  });
});
