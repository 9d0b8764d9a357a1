import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fiscalQuarterLabel } from "~/money/fiscal";
import { type Browser, logIn, openBrowser } from "./browser";
import { TODAY } from "#test/support/today";

const today = TODAY;
// The demo programme's fiscal years are calendar years (design.md, "Demo time").
const quarter = fiscalQuarterLabel(today, 1);
const stamp = Date.now().toString(36).toUpperCase();
const REFS = [`E2E-${stamp}-1`, `E2E-${stamp}-2`];
const CSV = [
  "Reference,Date,Amount,Workstream,Category,Cost class,SOW,Description,Tags",
  `${REFS[0]},${today},"1,234,567.89",WS-01,vendor,opex,,Browser test invoice one,settlement`,
  `${REFS[1]},${today},250000.11,WS-01,tooling,capex,,Browser test invoice two,`,
].join("\n");

describe("money and obligations in Chromium", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  it("the CISO office imports actuals, sees the burn-up move and drills down to the imported rows", async () => {
    const { page } = browser;
    await logIn(page, "ciso_office");
    await page.goto("/budget");
    const chart = page.getByTestId("burn-up-chart");
    await expect.poll(() => chart.count()).toBe(1);
    expect(await page.getByTestId("today-marker").count()).toBe(1);
    const burnBefore = await chart.locator("desc").textContent();
    const actualBefore = await page.getByTestId("total-actual").textContent();

    await page.goto("/budget/actuals/import");
    await page.locator('input[name="file"]').setInputFiles({ name: "finance-export.csv", mimeType: "text/csv", buffer: Buffer.from(CSV) });
    await page.getByRole("button", { name: "Upload" }).click();
    await page.getByRole("button", { name: "Preview" }).click();
    await expect.poll(() => page.getByTestId("import-preview").textContent()).toMatch(/2 new/);
    await page.getByRole("button", { name: "Import" }).click();
    await page.waitForURL((url) => url.pathname === "/budget");
    await expect.poll(() => page.getByText(/2 new actual\(s\) imported/).count()).toBe(1);

    expect(await page.getByTestId("total-actual").textContent()).not.toBe(actualBefore);
    expect(await page.getByTestId("burn-up-chart").locator("desc").textContent()).not.toBe(burnBefore);

    // Programme → fiscal year → quarter → workstream → the invoices.
    const table = page.getByTestId("drill-table");
    await table.locator("tbody a", { hasText: quarter.slice(0, 6) }).click();
    await page.waitForURL(/fy=\d{4}$/);
    await table.locator("tbody a", { hasText: quarter }).click();
    await page.waitForURL(/q=\d/);
    await page.getByTestId("drill-table").locator("tbody a", { hasText: "WS-01" }).click();
    await page.waitForURL(/ws=WS-01/);
    const rows = page.getByTestId("actual-rows");
    await expect.poll(() => rows.textContent()).toContain(REFS[0]);
    expect(await rows.textContent()).toContain(REFS[1]);
    expect(await rows.textContent()).toContain("$1,234,567.89");

    // The same file again adds nothing.
    await page.goto("/budget/actuals/import");
    await page.locator('input[name="file"]').setInputFiles({ name: "finance-export.csv", mimeType: "text/csv", buffer: Buffer.from(CSV) });
    await page.getByRole("button", { name: "Upload" }).click();
    await page.getByRole("button", { name: "Import" }).click();
    await page.waitForURL((url) => url.pathname === "/budget");
    await expect.poll(() => page.getByText(/0 new actual\(s\) imported .*2 already imported/).count()).toBe(1);
    expect(browser.cspViolations).toEqual([]);
  });

  it("an executive sees the $150M settlement progress on /obligations", async () => {
    const { page } = browser;
    await browser.context.clearCookies();
    await logIn(page, "executive");
    await page.goto("/obligations");
    const row = page.getByTestId("obligation-OB-01");
    await expect.poll(() => row.textContent()).toMatch(/\$150,000,000/);
    expect(await row.getByTestId("spend-progress").textContent()).toMatch(/^\$\d{3},\d{3},\d{3} of \$150,000,000 \(\d+\.\d{2} %\)$/);
    await row.getByRole("link", { name: "OB-01" }).click();
    await page.waitForURL(/\/obligations\/OB-01$/);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toMatch(/150M/);
    expect(browser.cspViolations).toEqual([]);
  });
});
