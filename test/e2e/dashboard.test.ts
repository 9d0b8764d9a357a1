import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Browser, logIn, openBrowser } from "./browser";

describe("executive dashboard in Chromium", () => {
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

  it("lets an executive drill from a red workstream to the slipped milestone behind it", async () => {
    const { page } = browser;
    await logIn(page, "executive");
    await page.goto("/dashboard");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toMatch(/Transformation/);
    expect(await page.locator('[data-testid^="ws-rag-WS-"]').count()).toBeGreaterThanOrEqual(8);
    expect(await page.getByTestId("program-rag").textContent()).toMatch(/red|amber|green/);

    // The first red schedule RAG on the workstream table links to the milestone that made it red.
    const redSchedule = page.locator('a[aria-label$="schedule red"]').first();
    const label = (await redSchedule.getAttribute("aria-label")) ?? "";
    const code = label.split(" ")[0]!;
    await redSchedule.click();
    await page.waitForURL(/\/milestones\?q=M-WS/);
    const milestoneCode = new URL(page.url()).searchParams.get("q")!;
    expect(milestoneCode.startsWith(`M-${code.replace("-", "")}`)).toBe(true);
    const row = page.locator("tbody tr", { hasText: milestoneCode });
    expect(await row.count()).toBe(1);
    expect(Number(await row.locator("[data-slip]").getAttribute("data-slip"))).toBeGreaterThan(0);
    expect(browser.cspViolations).toEqual([]);
  });

  it("shows a past quarter when asked", async () => {
    const { page } = browser;
    await page.goto("/dashboard?quarter=FY2023-Q4");
    expect(await page.getByText("as of 2023-12-31").count()).toBe(1);
  });
});
