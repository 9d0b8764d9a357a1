import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Browser, logIn, openBrowser } from "./browser";

describe("outcome measures in Chromium", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  it("renders the demo's measures with their charts, and an off-track one among the dashboard's reasons", async () => {
    const { page } = browser;
    await logIn(page, "executive");
    await page.goto("/measures");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toMatch(/outcome measures/i);
    expect(await page.locator('[data-testid^="measure-"]').count()).toBeGreaterThanOrEqual(10);
    expect(await page.locator('[data-testid^="measure-"] svg[role="img"]').count()).toBeGreaterThanOrEqual(10);
    expect(await page.getByTestId("measure-VULN-CRIT-TTR").textContent()).toMatch(/red/);

    await page.goto("/dashboard");
    const reason = page.getByRole("link", { name: /Measure VULN-CRIT-TTR .* off its glide path/ }).first();
    expect(await reason.count()).toBe(1);
    await page.goto("/measures/VULN-CRIT-TTR");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toMatch(/Critical vulnerabilities/);
    expect(browser.cspViolations).toEqual([]);
  });
});
