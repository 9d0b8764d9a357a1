import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { type Browser, logIn, openBrowser } from "./browser";
import { inDays } from "#test/support/today";

const cellCount = async (page: Page, l: number, i: number) => {
  await page.goto("/risks");
  return Number(await page.getByTestId(`heat-current-${l}-${i}-count`).textContent());
};

describe("risk re-score and acceptance in Chromium", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  it("the CISO office re-scores and requests acceptance, an executive approves, and the heat map moves", async () => {
    const { page } = browser;
    await logIn(page, "ciso_office");

    // An open risk above appetite with no request already waiting (the demo's R-013 has one).
    await page.goto("/risks?above=1&status=open");
    const codes = await page.locator("tbody tr[data-testid^='risk-'] td:first-child").allTextContents();
    const code = codes.map((c) => c.trim()).find((c) => c !== "R-013")!;
    expect(code).toMatch(/^R-\d{3}$/);

    await page.goto(`/risks/${code}`);
    const current = page.getByTestId("score-current").locator("td");
    const l = Number((await current.nth(0).textContent())!.trim().split(" ")[0]);
    const i = Number((await current.nth(1).textContent())!.trim().split(" ")[0]);
    const [nl, ni] = l === 5 && i === 5 ? [4, 5] : [5, 5];

    const fromBefore = await cellCount(page, l, i);
    const toBefore = await cellCount(page, nl, ni);
    expect(fromBefore).toBeGreaterThan(0);

    // A likelihood of 6 is refused next to the field.
    await page.goto(`/risks/${code}/rescore`);
    await page.getByLabel("Likelihood (1–5)").fill("6");
    await page.getByLabel("Impact (1–5)").fill(String(ni));
    await page.getByLabel("Rationale").fill("Red-team found a new path in.");
    await page.getByRole("button", { name: "Record assessment" }).click();
    await expect.poll(() => page.getByText("The likelihood must be between 1 and 5.").count()).toBe(1);

    await page.getByLabel("Likelihood (1–5)").fill(String(nl));
    // Leave the field first: its error clears on blur, and the layout shift would swallow a click made at the same time.
    await page.getByLabel("Likelihood (1–5)").blur();
    await expect.poll(() => page.getByText("The likelihood must be between 1 and 5.").count()).toBe(0);
    await page.getByRole("button", { name: "Record assessment" }).click();
    await page.waitForURL((url) => url.pathname === `/risks/${code}`);
    await expect.poll(() => page.getByTestId("score-current").locator("td").nth(0).textContent()).toMatch(new RegExp(`^${nl} `));

    await page.getByRole("link", { name: "Request acceptance" }).click();
    await page.waitForURL((url) => url.pathname === `/risks/${code}/request-acceptance`);
    await page.getByLabel("Justification").fill("Compensating monitoring is in place until the segmentation work lands.");
    await page.getByLabel("Accept until").fill(inDays(90));
    await page.getByRole("button", { name: "Request acceptance" }).click();
    await page.waitForURL((url) => url.pathname === `/risks/${code}`);
    await expect.poll(() => page.locator("tr[data-testid^='acceptance-']").first().textContent()).toMatch(/Requested/);
    expect(await page.getByRole("button", { name: "Approve" }).count()).toBe(0);

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL((url) => url.pathname === "/login" || url.pathname === "/");
    await logIn(page, "executive");
    await page.goto(`/risks/${code}`);
    const row = page.locator("tr[data-testid^='acceptance-']").filter({ hasText: "Requested" });
    await row.getByLabel("Note").fill("Approved for one quarter.");
    await row.getByRole("button", { name: "Approve" }).click();
    await page.waitForURL((url) => url.pathname === `/risks/${code}`);
    await expect.poll(() => page.locator("tr[data-testid^='acceptance-']").first().textContent()).toMatch(/Approved/);

    expect(await cellCount(page, l, i)).toBe(fromBefore - 1);
    expect(await cellCount(page, nl, ni)).toBe(toBefore + 1);
    // The cell links to the list of exactly its risks.
    await page.getByTestId(`heat-current-${nl}-${ni}`).click();
    await page.waitForURL((url) => url.searchParams.get("cl") === String(nl) && url.searchParams.get("ci") === String(ni));
    expect(await page.getByTestId(`risk-${code}`).count()).toBe(1);
    expect(await page.locator("tbody tr[data-testid^='risk-']").count()).toBe(toBefore + 1);
    expect(browser.cspViolations).toEqual([]);
  });

  it("shows the administrator the matrix and appetite in settings", async () => {
    const { page } = browser;
    await page.context().clearCookies();
    await logIn(page, "admin");
    await page.goto("/admin/settings");
    await expect.poll(() => page.getByRole("heading", { name: "Risk matrix and appetite" }).count()).toBe(1);
    expect(await page.locator("#risk-matrix tbody select").count()).toBe(25);
    expect(await page.getByLabel("Level for likelihood 5, impact 5").inputValue()).toBe("critical");
    expect(await page.getByLabel("Risk appetite (highest acceptable level)").inputValue()).toBe("medium");
    expect(browser.cspViolations).toEqual([]);
  });
});
